from __future__ import annotations

from datetime import datetime
from typing import Annotated

import msgspec
from msgspec import Meta

from tandem.reminders.models import ReminderKind

ClockTime = Annotated[str, Meta(pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$", description="HH:MM, your own clock.")]
IsoWeekday = Annotated[int, Meta(ge=1, le=7)]


class ReminderIn(msgspec.Struct, forbid_unknown_fields=True):
    at: ClockTime
    # ISO weekdays, 1 = Monday; empty (the default) means every day.
    weekdays: Annotated[list[IsoWeekday], Meta(max_length=7)] = []


class ReminderOut(msgspec.Struct):
    kind: ReminderKind
    at: str
    weekdays: list[int]
    updated_at: datetime


class RemindersOut(msgspec.Struct):
    """Your own reminders; each is off (null) until you add it. Nobody else sees them."""

    practice: ReminderOut | None
    checkin: ReminderOut | None
