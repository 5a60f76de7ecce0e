"""catalog_syncs: what the last complete catalog sync was made from, so a start with nothing new skips it

One row per kind of sync (today one, "catalogs"): a digest of the package's code and content files and
of the database's migration (tandem/catalogs.py), so a new migration or content file syncs again. Only a
database taken down and up again to the same revision keeps its record: deleting the row makes the next
start sync.

Revision ID: 0032_catalog_syncs
Revises: 0027_encrypt
Create Date: 2026-12-01 10:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import tandem.core.db

revision: str = "0032_catalog_syncs"
down_revision: str | None = "0027_encrypt"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "catalog_syncs",
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("synced_at", tandem.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_catalog_syncs")),
    )


def downgrade() -> None:
    op.drop_table("catalog_syncs")
