from __future__ import annotations

import enum
import uuid
from datetime import datetime

from sqlalchemy import ColumnElement, ForeignKey, String, UniqueConstraint, true
from sqlalchemy.orm import Mapped, mapped_column

from tandem.access.policy import AuthoredRecord
from tandem.core.db import Base, IdMixin, enum_column, utcnow


class RevealKind(enum.StrEnum):
    CHECKIN = "checkin"
    CONVERSATION = "conversation"


class RoundState(enum.StrEnum):
    OPEN = "open"
    REVEALED = "revealed"
    CANCELLED = "cancelled"


class RevealRound(IdMixin, Base):
    """One round of answering separately. Holds no answer: those live in their domain's records."""

    __tablename__ = "reveal_rounds"

    space_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("spaces.id", ondelete="CASCADE"), index=True)
    kind: Mapped[RevealKind] = mapped_column(enum_column(RevealKind, "reveal_kind"))
    started_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    # Set while the round is open and cleared when it closes: a unique key, so a space has at most one
    # open round per subject even when both members start one at the same moment.
    open_key: Mapped[str | None] = mapped_column(String(160), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    revealed_at: Mapped[datetime | None] = mapped_column(default=None)
    cancelled_at: Mapped[datetime | None] = mapped_column(default=None)

    @property
    def state(self) -> RoundState:
        if self.revealed_at is not None:
            return RoundState.REVEALED
        if self.cancelled_at is not None:
            return RoundState.CANCELLED
        return RoundState.OPEN


class RevealSeat(IdMixin, AuthoredRecord, Base):
    """A member's place in a round: when they joined and when they answered. Presence only, no content.

    Both members see it by design: the one waiting sees the other join and finish.
    """

    __tablename__ = "reveal_seats"
    __table_args__ = (UniqueConstraint("round_id", "author_id"),)

    round_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("reveal_rounds.id", ondelete="CASCADE"), index=True)
    joined_at: Mapped[datetime] = mapped_column(default=utcnow)
    answered_at: Mapped[datetime | None] = mapped_column(default=None)

    @classmethod
    def partner_visibility(cls) -> ColumnElement[bool]:
        return true()
