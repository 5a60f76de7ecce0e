"""deletion rules: one member's action never deletes what the other wrote

Plans outlive the custom idea they came from (and keep its title) and the partner who deleted their
account; reactions outlive the summary they answered.

Revision ID: 0010_deletion_rules
Revises: 0005_checkins
Create Date: 2026-11-30 10:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010_deletion_rules"
down_revision: str | None = "0005_checkins"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PLAN_PARTNER = "fk_plans_partner_id_users"
PLAN_IDEA = "fk_plans_custom_idea_id_custom_ideas"
REACTION_SUMMARY = "fk_summary_reactions_summary_id_progress_summaries"


def _refit(table: str, constraint: str, column: str, target: str, *, nullable: bool, ondelete: str) -> None:
    with op.batch_alter_table(table, schema=None) as batch_op:
        batch_op.drop_constraint(constraint, type_="foreignkey")
        batch_op.alter_column(column, existing_type=sa.Uuid(), nullable=nullable)
        batch_op.create_foreign_key(constraint, target, [column], ["id"], ondelete=ondelete)


def upgrade() -> None:
    with op.batch_alter_table("plans", schema=None) as batch_op:
        batch_op.add_column(sa.Column("idea_title", sa.String(length=120), nullable=True))
    # Existing plans keep the title their idea has now.
    op.execute(
        "UPDATE plans SET idea_title = (SELECT custom_ideas.title FROM custom_ideas "
        "WHERE custom_ideas.id = plans.custom_idea_id) WHERE custom_idea_id IS NOT NULL"
    )
    op.execute(
        "UPDATE plans SET idea_title = (SELECT ideas.title FROM ideas WHERE ideas.id = plans.idea_key) "
        "WHERE custom_idea_id IS NULL"
    )
    _refit("plans", PLAN_PARTNER, "partner_id", "users", nullable=True, ondelete="SET NULL")
    _refit("plans", PLAN_IDEA, "custom_idea_id", "custom_ideas", nullable=True, ondelete="SET NULL")
    _refit(
        "summary_reactions", REACTION_SUMMARY, "summary_id", "progress_summaries", nullable=True, ondelete="SET NULL"
    )


def downgrade() -> None:
    # The old rules cannot hold rows that outlived their parent: those go, as they would have then.
    op.execute("DELETE FROM summary_reactions WHERE summary_id IS NULL")
    op.execute("DELETE FROM plans WHERE partner_id IS NULL")
    op.execute("DELETE FROM plans WHERE custom_idea_id IS NULL AND idea_key LIKE 'custom-%'")
    _refit(
        "summary_reactions", REACTION_SUMMARY, "summary_id", "progress_summaries", nullable=False, ondelete="CASCADE"
    )
    _refit("plans", PLAN_IDEA, "custom_idea_id", "custom_ideas", nullable=True, ondelete="CASCADE")
    _refit("plans", PLAN_PARTNER, "partner_id", "users", nullable=False, ondelete="CASCADE")
    with op.batch_alter_table("plans", schema=None) as batch_op:
        batch_op.drop_column("idea_title")
