"""Request and response shapes of the journal. Only the patient ever receives any of these."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated

import msgspec
from msgspec import Meta

from tandem.core.text import line, paragraph
from tandem.practice.models import Depth, GoalStatus, PracticeKind

Scale = Annotated[int, Meta(ge=0, le=10, description="0 to 10: 0 is none at all, 10 the worst imaginable")]
Minutes = Annotated[int, Meta(ge=1, le=240)]
HoldMinutes = Annotated[int, Meta(ge=1, le=60)]
Note = Annotated[str, paragraph(2000)]
SizeLabel = Annotated[str, line(1, 48)]
GoalTitle = Annotated[str, line(1, 120)]
AwareDateTime = Annotated[datetime, Meta(tz=True)]


# --- entries -------------------------------------------------------------------------------------
class EntryIn(msgspec.Struct, forbid_unknown_fields=True):
    """A practice entry. Size and depth are asked for dilator practice and belong to it only. Pain and
    anxiety are optional for every kind: null means "not rated", never 0."""

    kind: PracticeKind
    practised_at: AwareDateTime
    minutes: Minutes
    size_id: uuid.UUID | None = None
    depth: Depth | None = None
    pain: Scale | None = None
    anxiety: Scale | None = None
    note: Note | None = None
    guided: bool = False


class EntryOut(msgspec.Struct):
    id: uuid.UUID
    kind: PracticeKind
    practised_at: datetime
    minutes: int
    size_id: uuid.UUID | None
    size_label: str | None
    depth: Depth | None
    pain: int | None
    anxiety: int | None
    note: str | None
    guided: bool
    created_at: datetime
    updated_at: datetime


class EntryPage(msgspec.Struct):
    items: list[EntryOut]
    next_cursor: str | None


# --- dilator set ---------------------------------------------------------------------------------
class SizeIn(msgspec.Struct, forbid_unknown_fields=True):
    label: SizeLabel
    # An existing size keeps its id (and its entries); a new one has none.
    id: uuid.UUID | None = None


class DilatorSetIn(msgspec.Struct, forbid_unknown_fields=True):
    """The whole set, smallest first. Sizes left out are retired: past entries keep their label."""

    sizes: Annotated[list[SizeIn], Meta(max_length=12)]


class SizeOut(msgspec.Struct):
    id: uuid.UUID
    label: str
    position: int
    retired: bool


# --- settings and plan ---------------------------------------------------------------------------
class SettingsIn(msgspec.Struct, forbid_unknown_fields=True):
    hint_enabled: bool
    hint_sessions: Annotated[int, Meta(ge=1, le=10)]
    hint_min_minutes: HoldMinutes
    hint_max_pain: Scale
    hint_max_anxiety: Scale
    inhale_seconds: Annotated[int, Meta(ge=2, le=10)]
    exhale_seconds: Annotated[int, Meta(ge=2, le=12)]


class RuleOut(msgspec.Struct):
    """The readiness rule in force: the plan's values where it sets them, the patient's otherwise."""

    enabled: bool
    sessions: int
    min_minutes: int
    max_pain: int
    max_anxiety: int
    # Names of the values above that come from the clinician plan.
    from_plan: list[str]


class SettingsOut(msgspec.Struct):
    hint_enabled: bool
    hint_sessions: int
    hint_min_minutes: int
    hint_max_pain: int
    hint_max_anxiety: int
    inhale_seconds: int
    exhale_seconds: int
    rule: RuleOut


class ClinicianPlanIn(msgspec.Struct, forbid_unknown_fields=True):
    """Everything is optional: enter what the clinician said, leave the rest empty."""

    hold_min_minutes: HoldMinutes | None = None
    hold_max_minutes: HoldMinutes | None = None
    sessions_per_week: Annotated[int, Meta(ge=1, le=14)] | None = None
    size_up_sessions: Annotated[int, Meta(ge=1, le=10)] | None = None
    size_up_min_minutes: HoldMinutes | None = None
    size_up_max_pain: Scale | None = None
    size_up_max_anxiety: Scale | None = None
    notes: Annotated[str, paragraph(1000)] | None = None


class ClinicianPlanOut(msgspec.Struct):
    hold_min_minutes: int | None
    hold_max_minutes: int | None
    sessions_per_week: int | None
    size_up_sessions: int | None
    size_up_min_minutes: int | None
    size_up_max_pain: int | None
    size_up_max_anxiety: int | None
    notes: str | None
    updated_at: datetime | None


# --- goals ---------------------------------------------------------------------------------------
class GoalIn(msgspec.Struct, forbid_unknown_fields=True):
    title: GoalTitle
    status: GoalStatus = GoalStatus.WORKING_ON


class GoalOut(msgspec.Struct):
    id: uuid.UUID
    title: str
    status: GoalStatus
    position: int
    reached_at: datetime | None
    created_at: datetime
    updated_at: datetime


# --- overview and progress -----------------------------------------------------------------------
class HoldWindowOut(msgspec.Struct):
    min_minutes: int
    max_minutes: int
    from_plan: bool


class PacerOut(msgspec.Struct):
    inhale_seconds: int
    exhale_seconds: int


class LastDilatorOut(msgspec.Struct):
    """The latest dilator entry's values, to preselect in the log form."""

    size_id: uuid.UUID | None
    minutes: int
    depth: Depth | None
    pain: int | None
    anxiety: int | None


class WelcomeBackOut(msgspec.Struct):
    """Shown after a break. It never says how long the break was."""

    size_id: uuid.UUID | None
    size_label: str | None


class ReadinessOut(msgspec.Struct):
    """A hint, never a push: the next size may be worth trying when the patient feels ready."""

    size_id: uuid.UUID
    size_label: str
    next_size_id: uuid.UUID
    next_size_label: str
    sessions: int


class OverviewOut(msgspec.Struct):
    sizes: list[SizeOut]
    last_dilator: LastDilatorOut | None
    has_entries: bool
    welcome_back: WelcomeBackOut | None
    readiness: ReadinessOut | None
    hold_window: HoldWindowOut
    rule: RuleOut
    pacer: PacerOut


class DilatorPointOut(msgspec.Struct):
    entry_id: uuid.UUID
    practised_at: datetime
    local_date: date
    size_id: uuid.UUID | None
    size_label: str | None
    size_position: int | None
    minutes: int
    pain: int | None
    anxiety: int | None


class WeekOut(msgspec.Struct):
    week_start: date
    practice_days: int


class ProgressOut(msgspec.Struct):
    start: date
    end: date
    time_zone: str
    sizes: list[SizeOut]
    dilator_sessions: list[DilatorPointOut]
    weeks: list[WeekOut]
    practice_days: int
    highlights: list[str]


class ReportOut(msgspec.Struct):
    """The clinician report: the journal of one period, for printing."""

    start: date
    end: date
    time_zone: str
    entries: list[EntryOut]
    truncated: bool
    progress: ProgressOut
    goals: list[GoalOut]
    plan: ClinicianPlanOut
