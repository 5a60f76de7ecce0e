"""the path

Revision ID: 0014_path
Revises: 0005_checkins
Create Date: 2026-11-30 10:01:16.721504
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import tandem.core.db

revision: str = "0014_path"
down_revision: str | None = "0010_deletion_rules"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "path_stages",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("title", sa.String(length=120), nullable=False),
        sa.Column("summary", sa.String(length=300), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("includes", sa.JSON(), nullable=False),
        sa.Column("excludes", sa.JSON(), nullable=False),
        sa.Column("guides", sa.JSON(), nullable=False),
        sa.Column("prompts", sa.JSON(), nullable=False),
        sa.Column("ideas", sa.JSON(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("retired", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_path_stages")),
    )
    op.create_table(
        "path_choices",
        sa.Column("turned_on", sa.Boolean(), nullable=False),
        sa.Column(
            "readiness", sa.Enum("ready", "not_yet", name="path_readiness", native_enum=False, length=16), nullable=True
        ),
        sa.Column("updated_at", tandem.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("author_id", sa.Uuid(), nullable=False),
        sa.Column("space_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["author_id"], ["users.id"], name=op.f("fk_path_choices_author_id_users"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["space_id"], ["spaces.id"], name=op.f("fk_path_choices_space_id_spaces"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_path_choices")),
        sa.UniqueConstraint("space_id", "author_id", name=op.f("uq_path_choices_space_id_author_id")),
    )
    with op.batch_alter_table("path_choices", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_path_choices_author_id"), ["author_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_path_choices_space_id"), ["space_id"], unique=False)

    op.create_table(
        "path_progress",
        sa.Column("space_id", sa.Uuid(), nullable=False),
        sa.Column("stage_id", sa.String(length=64), nullable=False),
        sa.Column("changed_at", tandem.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["space_id"], ["spaces.id"], name=op.f("fk_path_progress_space_id_spaces"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["stage_id"], ["path_stages.id"], name=op.f("fk_path_progress_stage_id_path_stages")),
        sa.PrimaryKeyConstraint("space_id", name=op.f("pk_path_progress")),
    )


def downgrade() -> None:

    op.drop_table("path_progress")
    with op.batch_alter_table("path_choices", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_path_choices_space_id"))
        batch_op.drop_index(batch_op.f("ix_path_choices_author_id"))

    op.drop_table("path_choices")
    op.drop_table("path_stages")
