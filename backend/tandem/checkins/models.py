from __future__ import annotations

import enum
import uuid
from datetime import datetime
from typing import ClassVar

from sqlalchemy import JSON, CheckConstraint, ColumnElement, ForeignKey, Index, String, Text, UniqueConstraint, true
from sqlalchemy.orm import Mapped, mapped_column

from tandem.access.policy import AuthoredRecord
from tandem.core.db import Base, IdMixin, enum_column, utcnow
from tandem.core.sealing import Sealed


class Visibility(enum.StrEnum):
    SHARED = "shared"
    PRIVATE = "private"


class Closeness(enum.StrEnum):
    NONE = "none"
    A_LITTLE = "a_little"
    SOME = "some"
    PLENTY = "plenty"


class AcknowledgementKind(enum.StrEnum):
    THANK_YOU = "thank_you"
    HEAR_YOU = "hear_you"
    HUG = "hug"
    TAKE_TIME = "take_time"


class Feeling(Base):
    """A word from the curated feelings vocabulary (checkins/data/feelings.yaml), grouped by family."""

    __tablename__ = "feelings"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    family: Mapped[str] = mapped_column(String(40))
    family_title: Mapped[str] = mapped_column(String(60))
    word: Mapped[str] = mapped_column(String(60))
    position: Mapped[int]
    retired: Mapped[bool] = mapped_column(default=False)


class CheckIn(IdMixin, AuthoredRecord, Base):
    """How a member is doing. Private (their journal) unless they shared it; they can unshare at any time."""

    __tablename__ = "checkins"
    __table_args__ = (
        CheckConstraint("mood BETWEEN 1 AND 5", name="mood_range"),
        Index("ix_checkins_space_id_created_at", "space_id", "created_at"),
        # Matches the visibility filter (space, author) and the list order.
        Index("ix_checkins_space_author_created_at", "space_id", "author_id", "created_at"),
    )

    __sealed__: ClassVar[Sealed] = Sealed(text=("help_from_you", "note"), json=("own_words",))

    mood: Mapped[int]
    feelings: Mapped[list[str]] = mapped_column(JSON, default=list)
    own_words: Mapped[list[str]] = mapped_column(JSON, default=list)
    closeness: Mapped[Closeness] = mapped_column(enum_column(Closeness, "closeness"))
    help_from_you: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")
    visibility: Mapped[Visibility] = mapped_column(
        enum_column(Visibility, "checkin_visibility"), default=Visibility.PRIVATE
    )
    # Set for a check-in made together: private until the round is revealed, then shared.
    round_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("reveal_rounds.id", ondelete="SET NULL"), default=None, index=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    @classmethod
    def partner_visibility(cls) -> ColumnElement[bool]:
        return cls.visibility == Visibility.SHARED


class Acknowledgement(IdMixin, AuthoredRecord, Base):
    """The partner's answer to a shared check-in, from a fixed supportive set, with an optional short reply.

    Addressed to the check-in's author, so visible to them; one per check-in and member (no threads).
    """

    __tablename__ = "checkin_acknowledgements"
    __table_args__ = (UniqueConstraint("checkin_id", "author_id"),)
    __sealed__: ClassVar[Sealed] = Sealed(text=("reply",))

    checkin_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("checkins.id", ondelete="CASCADE"), index=True)
    kind: Mapped[AcknowledgementKind] = mapped_column(enum_column(AcknowledgementKind, "acknowledgement_kind"))
    reply: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    @classmethod
    def partner_visibility(cls) -> ColumnElement[bool]:
        return true()
