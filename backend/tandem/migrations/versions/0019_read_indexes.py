"""indexes matching the visibility filter (space, author) and each list's order

Revision ID: 0019_read_indexes
Revises: 0014_path
Create Date: 2026-11-30 11:40:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0019_read_indexes"
down_revision: str | None = "0014_path"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEXES = (
    ("ix_practice_entries_space_author_practised_at", "practice_entries", ["space_id", "author_id", "practised_at"]),
    ("ix_checkins_space_author_created_at", "checkins", ["space_id", "author_id", "created_at"]),
    ("ix_boundary_changes_space_author_changed_at", "boundary_changes", ["space_id", "author_id", "changed_at"]),
    ("ix_progress_summaries_space_author_created_at", "progress_summaries", ["space_id", "author_id", "created_at"]),
    ("ix_plans_space_id_starts_at", "plans", ["space_id", "starts_at"]),
)


def upgrade() -> None:
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns, unique=False)


def downgrade() -> None:
    for name, table, _ in reversed(INDEXES):
        op.drop_index(name, table_name=table)
