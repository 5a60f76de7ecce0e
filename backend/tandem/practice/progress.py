"""Pure rules over the journal: the rule in force, the readiness hint, the welcome back, trends, weeks.

No database access here, so each rule can be tested at and around its thresholds on its own.
Wording stays gentle: no streaks, no "missed", ups and downs named as normal.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from tandem.core.errors import bad_field
from tandem.practice.models import ClinicianPlan, Depth, DilatorSize, PracticeEntry

# Tandem's defaults; a clinician plan replaces them (and the patient can change the readiness ones).
DEFAULT_HOLD_MIN_MINUTES = 5
DEFAULT_HOLD_MAX_MINUTES = 15
DEFAULT_HINT_SESSIONS = 3
DEFAULT_HINT_MIN_MINUTES = 5
DEFAULT_HINT_MAX_PAIN = 2
DEFAULT_HINT_MAX_ANXIETY = 3
DEFAULT_INHALE_SECONDS = 4
DEFAULT_EXHALE_SECONDS = 6
# After this long without any practice the app says "welcome back" (and never how long it was).
WELCOME_BACK_AFTER = timedelta(days=7)
# The longest period a progress view, a report or a summary may cover.
MAX_PERIOD_DAYS = 366
# Periods are asked for within these dates, so that no day arithmetic or time zone shift overflows.
FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(2999, 12, 31)
# The sizes a sentence names before it says "and N more" (a set may hold 12 labels of 48 characters).
SIZES_NAMED = 4
DEFAULT_PERIOD_DAYS = 28

Voice = Literal["you", "me", "patient"]
# The readiness rule looks at up to this many entries per session it needs, to find sessions on separate days.
ENTRIES_PER_DAY_SCANNED = 10
Metric = Literal["pain", "anxiety"]
METRICS: tuple[Metric, ...] = ("pain", "anxiety")


@dataclass(frozen=True, slots=True)
class Thresholds:
    """The patient's own readiness settings (or Tandem's defaults when they never changed them)."""

    # Off until the patient turns it on (consent-safe default).
    enabled: bool = False
    sessions: int = DEFAULT_HINT_SESSIONS
    min_minutes: int = DEFAULT_HINT_MIN_MINUTES
    max_pain: int = DEFAULT_HINT_MAX_PAIN
    max_anxiety: int = DEFAULT_HINT_MAX_ANXIETY


@dataclass(frozen=True, slots=True)
class Rule:
    enabled: bool
    sessions: int
    min_minutes: int
    max_pain: int
    max_anxiety: int
    from_plan: tuple[str, ...]


def effective_rule(own: Thresholds, plan: ClinicianPlan | None) -> Rule:
    """The plan's values win where it sets them; the patient's own settings fill the rest.

    When the plan names a hold time but no separate size-up time, its shortest hold is used.
    """
    from_plan: list[str] = []

    def pick(name: str, planned: int | None, mine: int) -> int:
        if planned is None:
            return mine
        from_plan.append(name)
        return planned

    sessions = pick("sessions", plan.size_up_sessions if plan else None, own.sessions)
    planned_minutes = None
    if plan is not None:
        planned_minutes = plan.size_up_min_minutes if plan.size_up_min_minutes is not None else plan.hold_min_minutes
    min_minutes = pick("min_minutes", planned_minutes, own.min_minutes)
    max_pain = pick("max_pain", plan.size_up_max_pain if plan else None, own.max_pain)
    max_anxiety = pick("max_anxiety", plan.size_up_max_anxiety if plan else None, own.max_anxiety)
    return Rule(
        enabled=own.enabled,
        sessions=sessions,
        min_minutes=min_minutes,
        max_pain=max_pain,
        max_anxiety=max_anxiety,
        from_plan=tuple(from_plan),
    )


def hold_window(plan: ClinicianPlan | None) -> tuple[int, int, bool]:
    """(shortest, longest, from the plan?) hold in minutes: 5 to 15 unless the plan says otherwise."""
    low = plan.hold_min_minutes if plan and plan.hold_min_minutes is not None else None
    high = plan.hold_max_minutes if plan and plan.hold_max_minutes is not None else None
    from_plan = low is not None or high is not None
    shortest = low if low is not None else min(DEFAULT_HOLD_MIN_MINUTES, high or DEFAULT_HOLD_MIN_MINUTES)
    longest = high if high is not None else max(DEFAULT_HOLD_MAX_MINUTES, shortest)
    return shortest, longest, from_plan


def is_comfortable(entry: PracticeEntry, rule: Rule) -> bool:
    return (
        entry.pain is not None
        and entry.anxiety is not None
        and entry.pain <= rule.max_pain
        and entry.anxiety <= rule.max_anxiety
    )


def held_fully(entry: PracticeEntry) -> bool:
    """A session counts towards readiness only when the dilator went in fully. The API always asks for
    the depth of a dilator session; a missing one (rows made outside it) does not hold the hint back."""
    return entry.depth not in (Depth.TIP, Depth.PARTLY)


def ready_for_next(
    recent_at_size: Sequence[PracticeEntry], current: DilatorSize, active_sizes: Sequence[DilatorSize], rule: Rule
) -> DilatorSize | None:
    """The next size, when the last `rule.sessions` sessions at the current size all met the rule.

    `recent_at_size` holds the latest dilator entries at the current size, newest first. Sessions count
    on separate days only: of several on one (UTC) day, the latest stands for that day.
    Never a hint when it is switched off, when the current size left the set, or when there is no
    bigger size in the set.
    """
    if not rule.enabled or current.retired:
        return None
    latest = one_per_day(recent_at_size)[: rule.sessions]
    if len(latest) < rule.sessions:
        return None
    if not all(e.minutes >= rule.min_minutes and is_comfortable(e, rule) and held_fully(e) for e in latest):
        return None
    bigger = [s for s in active_sizes if not s.retired and s.position > current.position]
    return min(bigger, key=lambda s: s.position) if bigger else None


def one_per_day(entries: Sequence[PracticeEntry]) -> list[PracticeEntry]:
    """The first entry (of entries given newest first) of each UTC day."""
    seen: set[date] = set()
    kept: list[PracticeEntry] = []
    for entry in entries:
        moment = entry.practised_at if entry.practised_at.tzinfo else entry.practised_at.replace(tzinfo=UTC)
        day = moment.astimezone(UTC).date()
        if day not in seen:
            seen.add(day)
            kept.append(entry)
    return kept


def welcome_back_due(last_practised_at: datetime | None, now: datetime) -> bool:
    """Whether the last practice was long enough ago for a gentle welcome back."""
    return last_practised_at is not None and now - last_practised_at > WELCOME_BACK_AFTER


def welcome_back_size(
    last_practised_at: datetime | None,
    now: datetime,
    recent_dilator: Sequence[PracticeEntry],
    sizes: dict[uuid.UUID, DilatorSize],
    rule: Rule,
) -> tuple[bool, DilatorSize | None]:
    """(welcome back?, a comfortable size to start again with).

    The size is the one of the latest session that felt comfortable, if still in the set; otherwise
    the smallest size of the set.
    """
    if not welcome_back_due(last_practised_at, now):
        return False, None
    for entry in recent_dilator:
        size = sizes.get(entry.size_id) if entry.size_id else None
        if size is not None and not size.retired and is_comfortable(entry, rule):
            return True, size
    active = sorted((s for s in sizes.values() if not s.retired), key=lambda s: s.position)
    return True, (active[0] if active else None)


# --- periods and time zones ----------------------------------------------------------------------
def zone_of(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError) as exc:
        # OSError: a directory of the time zone database ("America", "Etc") or an unreadable file.
        raise bad_field("tz", "Use a time zone name such as Europe/Berlin.") from exc


def period(start: date | None, end: date | None, zone: ZoneInfo, now: datetime) -> tuple[date, date]:
    """The period asked for, by default the last four weeks up to today (in the patient's time zone)."""
    check_bounds(start, end)
    end = end or now.astimezone(zone).date()
    start = start or end - timedelta(days=DEFAULT_PERIOD_DAYS - 1)
    if start > end:
        raise bad_field("start", "The start date must be on or before the end date.")
    if (end - start).days + 1 > MAX_PERIOD_DAYS:
        raise bad_field("end", "Choose a period of at most one year.")
    return start, end


def check_bounds(start: date | None, end: date | None, start_field: str = "start", end_field: str = "end") -> None:
    """A 400 naming the field for a date outside the years a period may cover."""
    for value, field in ((start, start_field), (end, end_field)):
        if value is not None and not FIRST_DAY <= value <= LAST_DAY:
            raise bad_field(field, f"Choose a date between {FIRST_DAY.year} and {LAST_DAY.year}.")


def utc_bounds(start: date, end: date, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """[first instant of `start`, first instant after `end`) in UTC."""
    return (
        datetime.combine(start, time.min, zone).astimezone(UTC),
        datetime.combine(end + timedelta(days=1), time.min, zone).astimezone(UTC),
    )


def local_date(moment: datetime, zone: ZoneInfo) -> date:
    return moment.astimezone(zone).date()


def practice_weeks(days: set[date], start: date, end: date) -> list[tuple[date, int]]:
    """Practice days per week (weeks start on Monday), every week of the period listed, gaps as 0."""
    first_monday = start - timedelta(days=start.weekday())
    weeks: list[tuple[date, int]] = []
    monday = first_monday
    while monday <= end:
        week = {monday + timedelta(days=i) for i in range(7)}
        weeks.append((monday, len(days & week)))
        monday += timedelta(days=7)
    return weeks


# --- plain-language sentences --------------------------------------------------------------------
NUMBER_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven")


def number_word(n: int) -> str:
    return NUMBER_WORDS[n] if 0 <= n < len(NUMBER_WORDS) else str(n)


def span_words(days: int) -> str:
    if days < 2:
        return ""
    if days < 14:
        return f" over {number_word(days)} days"
    weeks = round(days / 7)
    return f" over {number_word(weeks)} weeks"


def join_words(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def size_name(label: str) -> str:
    return f"size {label}"


@dataclass(frozen=True, slots=True)
class Trend:
    metric: Metric
    size_id: uuid.UUID
    size_label: str
    first: int
    last: int
    days: int


def trends(sessions: Sequence[PracticeEntry], labels: dict[uuid.UUID, str]) -> list[Trend]:
    """How pain and anxiety moved per size within the sessions given (oldest first).

    Start and end are the averages of the first and last few sessions (up to three, at most half),
    rounded, so one unusual session does not make the story.
    """
    by_size: dict[uuid.UUID, list[PracticeEntry]] = {}
    for entry in sessions:
        if entry.size_id is not None and entry.size_id in labels:
            by_size.setdefault(entry.size_id, []).append(entry)
    found: list[Trend] = []
    for size_id, entries in by_size.items():
        for metric in METRICS:
            rated = [e for e in entries if getattr(e, metric) is not None]
            if len(rated) < 2:
                continue
            k = max(1, min(3, len(rated) // 2))
            first = round(sum(getattr(e, metric) for e in rated[:k]) / k)
            last = round(sum(getattr(e, metric) for e in rated[-k:]) / k)
            days = (rated[-1].practised_at - rated[0].practised_at).days
            found.append(
                Trend(metric=metric, size_id=size_id, size_label=labels[size_id], first=first, last=last, days=days)
            )
    return found


OWNER = {"you": "Your", "me": "My", "patient": "The patient's"}
WHO = {"you": "You", "me": "I", "patient": "The patient"}


def trend_sentence(trend: Trend, voice: Voice) -> str:
    owner = OWNER[voice]
    subject = f"{owner} {trend.metric} during {size_name(trend.size_label)} sessions"
    if trend.first == trend.last:
        return f"{subject} stayed around {trend.last}."
    sentence = f"{subject} went from {trend.first} to {trend.last}{span_words(trend.days)}."
    if trend.last > trend.first and voice == "you":
        sentence += " Ups and downs are a normal part of this."
    return sentence


def practice_days_sentence(days: int, voice: Voice) -> str:
    who = WHO[voice]
    unit = "day" if days == 1 else "days"
    return f"{who} practised on {number_word(days)} {unit} in this period."


def sizes_sentence(labels: Sequence[str], voice: Voice) -> str:
    who = WHO[voice]
    if len(labels) == 1:
        return f"{who} practised with {size_name(labels[0])}."
    if len(labels) > SIZES_NAMED:
        named = [*labels[: SIZES_NAMED - 1], f"{number_word(len(labels) - SIZES_NAMED + 1)} more"]
        return f"{who} practised with sizes {join_words(named)}."
    return f"{who} practised with sizes {join_words(list(labels))}."
