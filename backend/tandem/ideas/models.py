from __future__ import annotations

import enum
import uuid
from datetime import datetime
from typing import ClassVar

from sqlalchemy import JSON, ColumnElement, ForeignKey, String, Text, UniqueConstraint, true
from sqlalchemy.orm import Mapped, mapped_column

from tandem.access.policy import AuthoredRecord
from tandem.core.db import Base, IdMixin, enum_column, utcnow
from tandem.core.sealing import Sealed


class IdeaCategory(enum.StrEnum):
    CONNECTION = "connection"
    PLAYFUL = "playful"
    RELAXING = "relaxing"
    SENSUAL_TOUCH = "sensual-touch"
    ADVENTURE = "adventure"
    COMMUNICATION = "communication"


class RatingValue(enum.StrEnum):
    YES = "yes"
    MAYBE = "maybe"
    NOT_NOW = "not_now"


IDEA_CATEGORY = enum_column(IdeaCategory, "idea_category", 24)
RATING_VALUE = enum_column(RatingValue, "rating_value")

# Custom ideas are addressed in the API as "custom-<uuid>", catalog ideas by their stable "idea-..." id.
CUSTOM_PREFIX = "custom-"


class Idea(Base):
    """One idea of the project's library (content as data, synchronised from ideas.yaml)."""

    __tablename__ = "ideas"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    title: Mapped[str] = mapped_column(String(120))
    description: Mapped[str] = mapped_column(Text)
    category: Mapped[IdeaCategory] = mapped_column(IDEA_CATEGORY)
    closeness: Mapped[int]
    duration_minutes: Mapped[int]
    needs: Mapped[list[str]] = mapped_column(JSON)
    activities: Mapped[list[str]] = mapped_column(JSON)
    position: Mapped[int]
    retired: Mapped[bool] = mapped_column(default=False)


class CustomIdea(IdMixin, AuthoredRecord, Base):
    """An idea the couple wrote themselves: space content, so both members always see it."""

    __tablename__ = "custom_ideas"
    __sealed__: ClassVar[Sealed] = Sealed(text=("title", "description"))

    title: Mapped[str] = mapped_column(Text)
    description: Mapped[str] = mapped_column(Text, default="")
    category: Mapped[IdeaCategory] = mapped_column(IDEA_CATEGORY)
    closeness: Mapped[int]
    duration_minutes: Mapped[int]
    needs: Mapped[list[str]] = mapped_column(JSON)
    activities: Mapped[list[str]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    @property
    def key(self) -> str:
        return f"{CUSTOM_PREFIX}{self.id}"

    @classmethod
    def partner_visibility(cls) -> ColumnElement[bool]:
        return true()


class IdeaRating(IdMixin, AuthoredRecord, Base):
    """A member's rating of one idea. Never visible to the partner: only mutual matches are.

    `idea_key` is the idea's API id; `custom_idea_id` repeats it for custom ideas so that deleting
    the idea deletes its ratings too.
    """

    __tablename__ = "idea_ratings"
    __table_args__ = (UniqueConstraint("space_id", "author_id", "idea_key"),)

    idea_key: Mapped[str] = mapped_column(String(80))
    custom_idea_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("custom_ideas.id", ondelete="CASCADE"), index=True, default=None
    )
    value: Mapped[RatingValue] = mapped_column(RATING_VALUE)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class MatchSeen(IdMixin, AuthoredRecord, Base):
    """A mutual match this member has seen, so "new match" shows once. Private to the member."""

    __tablename__ = "match_seen"
    __table_args__ = (UniqueConstraint("space_id", "author_id", "idea_key"),)

    idea_key: Mapped[str] = mapped_column(String(80))
    seen_at: Mapped[datetime] = mapped_column(default=utcnow)
