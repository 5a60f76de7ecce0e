from __future__ import annotations

import enum
import uuid
from datetime import datetime
from typing import ClassVar

from sqlalchemy import ColumnElement, ForeignKey, Index, String, Text, UniqueConstraint, true
from sqlalchemy.orm import Mapped, mapped_column

from tandem.access.policy import AuthoredRecord
from tandem.core.db import Base, IdMixin, enum_column, utcnow
from tandem.core.sealing import Sealed


class PlanStatus(enum.StrEnum):
    PROPOSED = "proposed"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    PAUSED = "paused"
    CANCELLED = "cancelled"


class Feeling(enum.StrEnum):
    CLOSE = "close"
    RELAXED = "relaxed"
    PLAYFUL = "playful"
    OKAY = "okay"
    MIXED = "mixed"
    UNEASY = "uneasy"


PLAN_STATUS = enum_column(PlanStatus, "plan_status")
FEELING = enum_column(Feeling, "plan_feeling")


class Plan(IdMixin, AuthoredRecord, Base):
    """A plan between the two members, proposed by its author. Both see it; nobody sees who paused it.

    Who paused or cancelled is not stored at all; only a note the pauser chose to add is kept, with
    its writer (adding a note is choosing to say it was you).
    """

    __tablename__ = "plans"
    # Matches the visibility filter (space, author) and the list order.
    __table_args__ = (Index("ix_plans_space_id_starts_at", "space_id", "starts_at"),)
    # The pause note is its writer's words (pause_note_by), sealed under their key.
    __sealed__: ClassVar[Sealed] = Sealed(
        text=("note", "idea_title", "pause_note"), column_owner={"pause_note": "pause_note_by"}
    )

    # The other member when the plan was proposed: a plan belongs to that pair only. When that person
    # deletes their account the plan stays with its author, with no one named (NULL).
    partner_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    idea_key: Mapped[str] = mapped_column(String(80))
    # A plan outlives the custom idea it came from (NULL once the idea is deleted) ...
    custom_idea_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("custom_ideas.id", ondelete="SET NULL"), index=True, default=None
    )
    # ... and keeps the idea's title as it was when the plan was made.
    idea_title: Mapped[str | None] = mapped_column(Text, default=None)
    # "Sometime this week": starts_at is when it was suggested and ends_at a week later.
    flexible: Mapped[bool] = mapped_column(default=False)
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime] = mapped_column(index=True)
    duration_minutes: Mapped[int]
    note: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[PlanStatus] = mapped_column(PLAN_STATUS, default=PlanStatus.PROPOSED)
    # Who is asked to answer the current suggestion (accept, suggest another time, decline).
    awaiting_id: Mapped[uuid.UUID | None] = mapped_column(default=None)
    accepted_at: Mapped[datetime | None] = mapped_column(default=None)
    pause_note: Mapped[str | None] = mapped_column(Text, default=None)
    pause_note_by: Mapped[uuid.UUID | None] = mapped_column(default=None)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    @classmethod
    def partner_visibility(cls) -> ColumnElement[bool]:
        return true()


class PlanReflection(IdMixin, AuthoredRecord, Base):
    """A member's private reflection after a plan, shared with the partner only if its author chooses."""

    __tablename__ = "plan_reflections"
    __table_args__ = (UniqueConstraint("plan_id", "author_id"),)
    __sealed__: ClassVar[Sealed] = Sealed(text=("note",))

    plan_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    feeling: Mapped[Feeling] = mapped_column(FEELING)
    comfort: Mapped[int]
    note: Mapped[str] = mapped_column(Text, default="")
    shared: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    @classmethod
    def partner_visibility(cls) -> ColumnElement[bool]:
        return cls.shared.is_(True)


class CalendarFeed(IdMixin, AuthoredRecord, Base):
    """A member's private calendar feed. Only the SHA-256 of the URL's token is stored."""

    __tablename__ = "calendar_feeds"
    __table_args__ = (UniqueConstraint("space_id", "author_id"),)

    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    detailed_titles: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
