"""Shapes of summaries. The partner's view (`SharedSummaryOut`) is its own type: only the ticked lines
and the message, never the unticked lines, the status history or anything of the journal."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated

import msgspec
from msgspec import Meta

from tandem.core.text import line, paragraph
from tandem.summaries.models import SummaryStatus

Message = Annotated[str, paragraph(1000)]
# The most lines a summary has: drafting never makes more, and an update may name each of them once.
MAX_LINES = 40
TimeZoneName = Annotated[str, Meta(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_+\-/]+$")]


class SummaryCreate(msgspec.Struct, forbid_unknown_fields=True):
    """Draft a summary of a period (dates in the patient's time zone) from the journal."""

    period_start: date
    period_end: date
    tz: TimeZoneName = "UTC"


class LineChoice(msgspec.Struct, forbid_unknown_fields=True):
    id: uuid.UUID
    included: bool


class SummaryUpdate(msgspec.Struct, forbid_unknown_fields=True):
    """The patient's choices: which lines to share (lines not listed keep their current choice), and a
    personal message (empty or null for none; left out, the saved message is kept)."""

    message: Message | msgspec.UnsetType | None = msgspec.UNSET
    lines: Annotated[list[LineChoice], Meta(max_length=MAX_LINES)] = []


class ReactionIn(msgspec.Struct, forbid_unknown_fields=True):
    kind: Annotated[str, line(1, 40)]


class ReactionOut(msgspec.Struct):
    kind: str
    text: str
    created_at: datetime
    updated_at: datetime


class ReactionKindOut(msgspec.Struct):
    id: str
    text: str


class LineOut(msgspec.Struct):
    id: uuid.UUID
    position: int
    topic: str
    text: str
    included: bool


class SummaryOut(msgspec.Struct):
    """The author's view: every drafted line with its checkbox, the status and the reactions."""

    id: uuid.UUID
    period_start: date
    period_end: date
    status: SummaryStatus
    message: str | None
    version: int
    lines: list[LineOut]
    created_at: datetime
    updated_at: datetime
    published_at: datetime | None
    withdrawn_at: datetime | None
    reactions: list[ReactionOut]


class SharedSummaryOut(msgspec.Struct):
    """Exactly what the partner sees (and what the patient's preview shows)."""

    id: uuid.UUID
    period_start: date
    period_end: date
    lines: list[str]
    message: str | None
    # Whether it was edited since it was shared this time (a withdrawal and a new publication start afresh).
    updated: bool
    published_at: datetime
    reactions: list[ReactionOut]


class SummaryPage(msgspec.Struct):
    items: list[SummaryOut]
    next_cursor: str | None


class SharedSummaryPage(msgspec.Struct):
    items: list[SharedSummaryOut]
    next_cursor: str | None
