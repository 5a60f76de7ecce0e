"""Every domain's models, imported once so the metadata (and Alembic) sees all tables."""

from tandem.accounts.models import AuthSession, User
from tandem.activities.models import Activity
from tandem.boundaries.models import BoundariesSeen, Boundary, BoundaryChange, CustomActivity
from tandem.checkins.models import Acknowledgement, CheckIn, Feeling
from tandem.core.db import Base
from tandem.prompts.models import (
    Conversation,
    ConversationAnswer,
    Prompt,
    PromptCategory,
    PromptFavourite,
    PromptTalked,
)
from tandem.reveal.models import RevealRound, RevealSeat
from tandem.spaces.models import Invitation, Membership, Space

metadata = Base.metadata

__all__ = [
    "Acknowledgement",
    "Activity",
    "AuthSession",
    "BoundariesSeen",
    "Boundary",
    "BoundaryChange",
    "CheckIn",
    "Conversation",
    "ConversationAnswer",
    "CustomActivity",
    "Feeling",
    "Invitation",
    "Membership",
    "Prompt",
    "PromptCategory",
    "PromptFavourite",
    "PromptTalked",
    "RevealRound",
    "RevealSeat",
    "Space",
    "User",
    "metadata",
]
