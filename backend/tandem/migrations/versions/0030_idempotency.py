"""idempotency keys: a write repeated with the same Idempotency-Key gets the first answer

Revision ID: 0030_idempotency
Revises: 0023_daily
Create Date: 2026-11-30 13:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import tandem.core.db

revision: str = "0030_idempotency"
down_revision: str | None = "0026_factors"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "idempotent_requests",
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("key_hash", sa.String(length=64), nullable=False),
        sa.Column("request_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", tandem.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("status_code", sa.Integer(), nullable=True),
        sa.Column("content_type", sa.String(length=100), nullable=True),
        sa.Column("body", sa.LargeBinary(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_idempotent_requests_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_idempotent_requests")),
        sa.UniqueConstraint("user_id", "key_hash", name=op.f("uq_idempotent_requests_user_id_key_hash")),
    )
    with op.batch_alter_table("idempotent_requests") as batch:
        batch.create_index(batch.f("ix_idempotent_requests_created_at"), ["created_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("idempotent_requests") as batch:
        batch.drop_index(batch.f("ix_idempotent_requests_created_at"))
    op.drop_table("idempotent_requests")
