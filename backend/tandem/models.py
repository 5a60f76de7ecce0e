"""Every domain's models, imported once so the metadata (and Alembic) sees all tables."""

from tandem.accounts.models import AuthSession, User
from tandem.activities.models import Activity
from tandem.boundaries.models import Boundary
from tandem.core.db import Base
from tandem.ideas.models import CustomIdea, Idea, IdeaRating
from tandem.plans.models import CalendarFeed, Plan, PlanReflection
from tandem.practice.models import ClinicianPlan, DilatorSize, Goal, PracticeEntry, PracticeSettings
from tandem.spaces.models import Invitation, Membership, Space
from tandem.summaries.models import ReactionKind, Summary, SummaryLine, SummaryReaction

metadata = Base.metadata

__all__ = [
    "Activity",
    "AuthSession",
    "Boundary",
    "CalendarFeed",
    "ClinicianPlan",
    "CustomIdea",
    "DilatorSize",
    "Goal",
    "Idea",
    "IdeaRating",
    "Invitation",
    "Membership",
    "Plan",
    "PlanReflection",
    "PracticeEntry",
    "PracticeSettings",
    "ReactionKind",
    "Space",
    "Summary",
    "SummaryLine",
    "SummaryReaction",
    "User",
    "metadata",
]
