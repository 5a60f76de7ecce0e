"""Every domain's models, imported once so the metadata (and Alembic) sees all tables."""

from tandem.accounts.models import AuthSession, User
from tandem.activities.models import Activity
from tandem.boundaries.models import BoundariesSeen, Boundary, BoundaryChange, CustomActivity
from tandem.checkins.models import Acknowledgement, CheckIn, Feeling
from tandem.clinician.models import ClinicianLink, ClinicianLinkOpening
from tandem.core.catalog import CatalogSync
from tandem.core.db import Base
from tandem.factors.models import AuthFactor, RecoveryCode, SignInChallenge
from tandem.ideas.models import CustomIdea, Idea, IdeaRating, MatchSeen
from tandem.idempotency.models import IdempotentRequest
from tandem.path.models import PathChoice, PathProgress, PathStage
from tandem.plans.models import CalendarFeed, Plan, PlanReflection
from tandem.practice.models import ClinicianPlan, DilatorSize, Goal, PracticeEntry, PracticeSettings
from tandem.prompts.models import (
    Conversation,
    ConversationAnswer,
    Prompt,
    PromptCategory,
    PromptFavourite,
    PromptTalked,
)
from tandem.reminders.models import Reminder
from tandem.reveal.models import RevealRound, RevealSeat
from tandem.safety.models import SafetySettings, SessionLock
from tandem.spaces.models import Invitation, Membership, Space
from tandem.summaries.models import ReactionKind, Summary, SummaryLine, SummaryReaction
from tandem.today.models import TodaySetting

metadata = Base.metadata

__all__ = [
    "Acknowledgement",
    "Activity",
    "AuthFactor",
    "AuthSession",
    "BoundariesSeen",
    "Boundary",
    "BoundaryChange",
    "CalendarFeed",
    "CatalogSync",
    "CheckIn",
    "ClinicianLink",
    "ClinicianLinkOpening",
    "ClinicianPlan",
    "Conversation",
    "ConversationAnswer",
    "CustomActivity",
    "CustomIdea",
    "DilatorSize",
    "Feeling",
    "Goal",
    "Idea",
    "IdeaRating",
    "IdempotentRequest",
    "Invitation",
    "MatchSeen",
    "Membership",
    "PathChoice",
    "PathProgress",
    "PathStage",
    "Plan",
    "PlanReflection",
    "PracticeEntry",
    "PracticeSettings",
    "Prompt",
    "PromptCategory",
    "PromptFavourite",
    "PromptTalked",
    "ReactionKind",
    "RecoveryCode",
    "Reminder",
    "RevealRound",
    "RevealSeat",
    "SafetySettings",
    "SessionLock",
    "SignInChallenge",
    "Space",
    "Summary",
    "SummaryLine",
    "SummaryReaction",
    "TodaySetting",
    "User",
    "metadata",
]
