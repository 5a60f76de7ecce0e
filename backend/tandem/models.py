"""Every domain's models, imported once so the metadata (and Alembic) sees all tables."""

from tandem.accounts.models import AuthSession, User
from tandem.activities.models import Activity
from tandem.boundaries.models import Boundary
from tandem.core.db import Base
from tandem.ideas.models import CustomIdea, Idea, IdeaRating
from tandem.plans.models import CalendarFeed, Plan, PlanReflection
from tandem.spaces.models import Invitation, Membership, Space

metadata = Base.metadata

__all__ = [
    "Activity",
    "AuthSession",
    "Boundary",
    "CalendarFeed",
    "CustomIdea",
    "Idea",
    "IdeaRating",
    "Invitation",
    "Membership",
    "Plan",
    "PlanReflection",
    "Space",
    "User",
    "metadata",
]
