"""daily use: consent-safe defaults, and a notice once after the partner left

The readiness hint is off until the patient turns it on. It used to start on, and a settings row is
made as soon as a patient describes their set, so an "on" in an existing row cannot be told apart
from a choice: every existing row is turned off; the patient can turn the hint on again in one switch.

Revision ID: 0023_daily
Revises: 0014_path
Create Date: 2026-11-30 11:15:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import tandem.core.db

revision: str = "0023_daily"
down_revision: str | None = "0021_safety"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

settings = sa.table("practice_settings", sa.column("hint_enabled", sa.Boolean()))


def upgrade() -> None:
    op.execute(settings.update().values(hint_enabled=False))
    with op.batch_alter_table("memberships") as batch:
        batch.add_column(sa.Column("partner_left_at", tandem.core.db.UTCDateTime(timezone=True), nullable=True))


def downgrade() -> None:
    # Which hints were on before cannot be known, so they stay off.
    with op.batch_alter_table("memberships") as batch:
        batch.drop_column("partner_left_at")
