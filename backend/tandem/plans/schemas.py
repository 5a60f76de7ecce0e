from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

import msgspec
from msgspec import Meta

from tandem.core.text import line, paragraph
from tandem.ideas.models import IdeaCategory
from tandem.plans.models import Feeling, PlanStatus

AwareDateTime = Annotated[datetime, Meta(tz=True)]
PlanNote = Annotated[str, paragraph(500)]


class PlanIn(msgspec.Struct, forbid_unknown_fields=True):
    """Propose a plan from a match: a day and time, or none for "sometime this week"."""

    idea_id: Annotated[str, line(1, 80)]
    starts_at: AwareDateTime | None = None
    note: PlanNote = ""


class RescheduleIn(msgspec.Struct, forbid_unknown_fields=True):
    """Suggest another time (none for "sometime this week"); your partner is asked again."""

    starts_at: AwareDateTime | None = None


class PauseIn(msgspec.Struct, forbid_unknown_fields=True):
    """Pausing or cancelling needs no reason. A note is optional, and shows that it was you."""

    note: PlanNote = ""


class ReflectionIn(msgspec.Struct, forbid_unknown_fields=True):
    feeling: Feeling
    comfort: Annotated[int, Meta(ge=0, le=10)]
    note: Annotated[str, paragraph(2000)] = ""
    shared: bool = False


class CalendarFeedIn(msgspec.Struct, forbid_unknown_fields=True):
    """Neutral titles ("Time together") unless you ask for the ideas' titles."""

    detailed_titles: bool = False


class PlanIdea(msgspec.Struct):
    id: str
    title: str
    category: IdeaCategory
    closeness: int


class PauseNoteOut(msgspec.Struct):
    """A note the person who paused chose to add (which says it was them)."""

    text: str
    by_me: bool


class MyReflectionOut(msgspec.Struct):
    feeling: Feeling
    comfort: int
    note: str
    shared: bool
    updated_at: datetime


class PartnerReflectionOut(msgspec.Struct):
    """Your partner's reflection, present only while they share it."""

    feeling: Feeling
    comfort: int
    note: str
    updated_at: datetime


class PlanOut(msgspec.Struct):
    """A plan as either member sees it. `notice` is the same gentle words for both when it is paused
    or cancelled: nobody is told who did it."""

    id: uuid.UUID
    idea: PlanIdea
    flexible: bool
    starts_at: datetime
    ends_at: datetime
    duration_minutes: int
    note: str
    proposed_by_me: bool
    status: PlanStatus
    awaiting_me: bool
    awaiting_partner: bool
    accepted: bool
    notice: str | None
    pause_note: PauseNoteOut | None
    can_reflect: bool
    # False for the proposer during the first day after a pause (and for a cancelled plan).
    can_suggest_time: bool
    my_reflection: MyReflectionOut | None
    partner_reflection: PartnerReflectionOut | None
    created_at: datetime


class PlanPage(msgspec.Struct):
    items: list[PlanOut]
    # Pass as `cursor` to get the next page; null on the last one.
    next_cursor: str | None


class CalendarFeedOut(msgspec.Struct):
    enabled: bool
    detailed_titles: bool
    created_at: datetime | None


class CalendarFeedCreated(msgspec.Struct):
    """The only time the feed's address is shown: only a hash of its token is kept."""

    path: str
    detailed_titles: bool
    created_at: datetime
