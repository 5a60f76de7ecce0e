from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import JSON, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from tandem.access.policy import AuthoredRecord
from tandem.core.db import Base, IdMixin, enum_column, utcnow


class ReminderKind(enum.StrEnum):
    PRACTICE = "practice"
    CHECKIN = "checkin"


class Reminder(IdMixin, AuthoredRecord, Base):
    """A member's own reminder, in their own calendar feed only. Private: the partner never learns of it."""

    __tablename__ = "reminders"
    __table_args__ = (UniqueConstraint("space_id", "author_id", "kind"),)

    kind: Mapped[ReminderKind] = mapped_column(enum_column(ReminderKind, "reminder_kind"))
    # "HH:MM" on the member's own clock: the calendar event is in floating time, so it rings at that
    # hour wherever their phone is.
    at: Mapped[str] = mapped_column(String(5))
    # ISO weekdays (1 = Monday); empty means every day.
    weekdays: Mapped[list[int]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
