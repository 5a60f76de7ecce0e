"""Request and response shapes of clinician links and of the report a link opens."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated, Literal

import msgspec
from msgspec import Meta

from tandem.practice.schemas import EntryOut, GoalOut, ProgressOut

Section = Literal["sessions", "charts", "goals"]
SECTIONS: tuple[Section, ...] = ("sessions", "charts", "goals")
ExpiryDays = Annotated[int, Meta(ge=1, le=30, description="Days until the link stops working (1 to 30)")]
TimeZoneName = Annotated[str, Meta(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_+\-/]+$")]


class LinkIn(msgspec.Struct, forbid_unknown_fields=True):
    """A new link: the report's period and sections, its lifetime, and whether it needs a code."""

    period_start: date
    period_end: date
    sections: Annotated[list[Section], Meta(min_length=1, max_length=3)]
    expires_in_days: ExpiryDays
    time_zone: TimeZoneName = "UTC"
    with_code: bool = False


class LinkOut(msgspec.Struct):
    """A link as its patient sees it. `opened` lists every opening, newest first (times only)."""

    id: uuid.UUID
    period_start: date
    period_end: date
    time_zone: str
    sections: list[Section]
    has_code: bool
    created_at: datetime
    expires_at: datetime
    status: Literal["active", "expired", "locked"]
    opened: list[datetime]
    opened_count: int


class LinkCreated(msgspec.Struct):
    """Shown once: the address (with its token) and the code are never shown again."""

    link: LinkOut
    path: str
    code: str | None


class LinkPage(msgspec.Struct):
    items: list[LinkOut]
    next_cursor: str | None


class ClinicianReportOut(msgspec.Struct):
    """The read-only report a link opens: only the sections the patient chose (the others are null)."""

    start: date
    end: date
    time_zone: str
    sections: list[Section]
    expires_at: datetime
    entries: list[EntryOut] | None
    truncated: bool
    progress: ProgressOut | None
    goals: list[GoalOut] | None
