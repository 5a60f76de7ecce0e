from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import ColumnElement, Enum, String, UniqueConstraint, true
from sqlalchemy.orm import Mapped, mapped_column

from tandem.access.policy import AuthoredRecord
from tandem.core.db import Base, IdMixin, utcnow


class BoundaryLevel(enum.StrEnum):
    WELCOME = "welcome"
    ASK_FIRST = "ask_first"
    NOT_NOW = "not_now"


BOUNDARY_LEVEL = Enum(
    BoundaryLevel, name="boundary_level", native_enum=False, length=16, values_callable=lambda e: [m.value for m in e]
)


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

    def is_partner_visible(self) -> bool:
        return True
