"""clinician links: a secret, expiring address to the patient's report, and when it was opened

Revision ID: 0025_clinician
Revises: 0023_daily
Create Date: 2026-11-30 13:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import tandem.core.db

revision: str = "0025_clinician"
down_revision: str | None = "0031_search"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "clinician_links",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("code_hash", sa.String(length=255), nullable=True),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("time_zone", sa.String(length=64), nullable=False),
        sa.Column("show_sessions", sa.Boolean(), nullable=False),
        sa.Column("show_charts", sa.Boolean(), nullable=False),
        sa.Column("show_goals", sa.Boolean(), nullable=False),
        sa.Column("expires_at", tandem.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("created_at", tandem.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("code_failures", sa.Integer(), nullable=False),
        sa.Column("locked_at", tandem.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("author_id", sa.Uuid(), nullable=False),
        sa.Column("space_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["author_id"], ["users.id"], name=op.f("fk_clinician_links_author_id_users"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["space_id"], ["spaces.id"], name=op.f("fk_clinician_links_space_id_spaces"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_clinician_links")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_clinician_links_token_hash")),
    )
    with op.batch_alter_table("clinician_links", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_clinician_links_author_id"), ["author_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_clinician_links_space_id"), ["space_id"], unique=False)
    op.create_table(
        "clinician_link_openings",
        sa.Column("link_id", sa.Uuid(), nullable=False),
        sa.Column("opened_at", tandem.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["link_id"],
            ["clinician_links.id"],
            name=op.f("fk_clinician_link_openings_link_id_clinician_links"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_clinician_link_openings")),
    )
    with op.batch_alter_table("clinician_link_openings", schema=None) as batch_op:
        batch_op.create_index("ix_clinician_link_openings_link_id_opened_at", ["link_id", "opened_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("clinician_link_openings", schema=None) as batch_op:
        batch_op.drop_index("ix_clinician_link_openings_link_id_opened_at")
    op.drop_table("clinician_link_openings")
    with op.batch_alter_table("clinician_links", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_clinician_links_space_id"))
        batch_op.drop_index(batch_op.f("ix_clinician_links_author_id"))
    op.drop_table("clinician_links")
