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


class BoundaryLevel(enum.StrEnum):
    WELCOME = "welcome"
    ASK_FIRST = "ask_first"
    NOT_NOW = "not_now"


BOUNDARY_LEVEL = enum_column(BoundaryLevel, "boundary_level")


class Boundary(IdMixin, AuthoredRecord, Base):
    """A member's current boundary for one activity. Always visible to the partner: that is its purpose."""

    __tablename__ = "boundaries"
    __table_args__ = (UniqueConstraint("space_id", "author_id", "activity_id"),)

    # A catalog activity id, or the id of a custom activity of the space.
    activity_id: Mapped[str] = mapped_column(String(80))
    level: Mapped[BoundaryLevel] = mapped_column(BOUNDARY_LEVEL)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    @classmethod
    def partner_visibility(cls) -> ColumnElement[bool]:
        return true()


class BoundaryChange(IdMixin, AuthoredRecord, Base):
    """One change of a member's boundary: their own history, never shown to the partner."""

    __tablename__ = "boundary_changes"
    # Matches the visibility filter (space, author) and the list order.
    __table_args__ = (Index("ix_boundary_changes_space_author_changed_at", "space_id", "author_id", "changed_at"),)

    activity_id: Mapped[str] = mapped_column(String(80))
    level: Mapped[BoundaryLevel] = mapped_column(BOUNDARY_LEVEL)
    previous_level: Mapped[BoundaryLevel | None] = mapped_column(BOUNDARY_LEVEL, default=None)
    changed_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    # Set when the change came with a check-in (the check-in may be private; this history is too).
    checkin_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("checkins.id", ondelete="SET NULL"), default=None)


class BoundariesSeen(IdMixin, AuthoredRecord, Base):
    """When a member last looked at the partner's boundaries: their own bookmark, private."""

    __tablename__ = "boundaries_seen"
    __table_args__ = (UniqueConstraint("space_id", "author_id"),)

    seen_at: Mapped[datetime] = mapped_column(default=utcnow)


class CustomActivity(IdMixin, AuthoredRecord, Base):
    """An activity a couple added for their space. Its title is space content; its note is its author's alone."""

    __tablename__ = "custom_activities"
    __sealed__: ClassVar[Sealed] = Sealed(text=("title", "note"))

    title: Mapped[str] = mapped_column(Text)
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    @classmethod
    def partner_visibility(cls) -> ColumnElement[bool]:
        return true()

    @property
    def activity_id(self) -> str:
        """How boundaries refer to it (catalog ids are slugs, so a UUID never collides with one)."""
        return str(self.id)
