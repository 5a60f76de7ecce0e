"""today: the daily question's depth, gentle reminders, and which matches each member has seen

Revision ID: 0029_today
Revises: 0023_daily
Create Date: 2026-11-30 13:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import tandem.core.db

revision: str = "0029_today"
down_revision: str | None = "0023_daily"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _authored(table: str) -> list[sa.Column[object] | sa.Constraint]:
    return [
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("author_id", sa.Uuid(), nullable=False),
        sa.Column("space_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["author_id"], ["users.id"], name=op.f(f"fk_{table}_author_id_users"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["space_id"], ["spaces.id"], name=op.f(f"fk_{table}_space_id_spaces"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}")),
    ]


def _author_indexes(table: str) -> None:
    op.create_index(op.f(f"ix_{table}_author_id"), table, ["author_id"], unique=False)
    op.create_index(op.f(f"ix_{table}_space_id"), table, ["space_id"], unique=False)


def upgrade() -> None:
    op.create_table(
        "today_settings",
        sa.Column("space_id", sa.Uuid(), nullable=False),
        sa.Column(
            "depth",
            sa.Enum("light", "deeper", "deep", name="today_depth", native_enum=False, length=16),
            nullable=False,
        ),
        sa.Column("updated_at", tandem.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["space_id"], ["spaces.id"], name=op.f("fk_today_settings_space_id_spaces"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("space_id", name=op.f("pk_today_settings")),
    )
    op.create_table(
        "reminders",
        sa.Column(
            "kind", sa.Enum("practice", "checkin", name="reminder_kind", native_enum=False, length=16), nullable=False
        ),
        sa.Column("at", sa.String(length=5), nullable=False),
        sa.Column("weekdays", sa.JSON(), nullable=False),
        sa.Column("created_at", tandem.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", tandem.core.db.UTCDateTime(timezone=True), nullable=False),
        *_authored("reminders"),
        sa.UniqueConstraint("space_id", "author_id", "kind", name=op.f("uq_reminders_space_id_author_id_kind")),
    )
    _author_indexes("reminders")
    op.create_table(
        "match_seen",
        sa.Column("idea_key", sa.String(length=80), nullable=False),
        sa.Column("seen_at", tandem.core.db.UTCDateTime(timezone=True), nullable=False),
        *_authored("match_seen"),
        sa.UniqueConstraint(
            "space_id", "author_id", "idea_key", name=op.f("uq_match_seen_space_id_author_id_idea_key")
        ),
    )
    _author_indexes("match_seen")


def downgrade() -> None:
    for table in ("match_seen", "reminders"):
        op.drop_index(op.f(f"ix_{table}_space_id"), table_name=table)
        op.drop_index(op.f(f"ix_{table}_author_id"), table_name=table)
        op.drop_table(table)
    op.drop_table("today_settings")
