"""The journal's business rules. Every read goes through `access.reader`, and the journal is the
patient's own: only `reader.own` is used. The controller's dependency lets only the space's patient
in (404 for anyone else)."""

from __future__ import annotations

import functools
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

import msgspec
from litestar.exceptions import NotFoundException
from sqlalchemy import Select, bindparam, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import defer

from tandem.access import reader
from tandem.access.export_scope import ExportScope
from tandem.access.membership import Member
from tandem.access.policy import AuthoredRecord
from tandem.core.db import utcnow
from tandem.core.errors import Conflict, bad_field
from tandem.core.locks import lock_parent
from tandem.core.mapping import from_row
from tandem.core.paging import decode_cursor, keyset_page, older_than
from tandem.core.text import optional_text
from tandem.practice import progress
from tandem.practice.models import (
    ClinicianPlan,
    DilatorSize,
    Goal,
    GoalStatus,
    PracticeEntry,
    PracticeKind,
    PracticeSettings,
)
from tandem.practice.schemas import (
    ClinicianPlanIn,
    ClinicianPlanOut,
    DilatorPointOut,
    DilatorSetIn,
    EntryIn,
    EntryOut,
    EntryPage,
    GoalIn,
    GoalOut,
    HoldWindowOut,
    LastDilatorOut,
    OverviewOut,
    PacerOut,
    ProgressOut,
    ReadinessOut,
    ReportOut,
    RuleOut,
    SettingsIn,
    SettingsOut,
    SizeOut,
    WeekOut,
    WelcomeBackOut,
)
from tandem.spaces.models import Membership

R = TypeVar("R", bound=AuthoredRecord)

MAX_GOALS = 50
MAX_REPORT_ENTRIES = 1000
EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)
# A little slack for a phone whose clock runs ahead.
FUTURE_SLACK = timedelta(days=1)
# Two entries with the same measures practised this close together are most likely one session saved
# twice (a double tap, a retry): the second is only saved once the patient confirms it.
NEAR_DUPLICATE_WINDOW = timedelta(minutes=10)
NEAR_DUPLICATE = "You saved a very similar entry for a time within 10 minutes of this one. Save a second copy anyway?"


def size_out(size: DilatorSize) -> SizeOut:
    return from_row(SizeOut, size)


def goal_out(goal: Goal) -> GoalOut:
    return from_row(GoalOut, goal)


def plan_out(plan: ClinicianPlan | None) -> ClinicianPlanOut:
    if plan is None:
        return ClinicianPlanOut(None, None, None, None, None, None, None, None, None)
    return from_row(ClinicianPlanOut, plan)


def rule_out(rule: progress.Rule) -> RuleOut:
    return from_row(RuleOut, rule, from_plan=list(rule.from_plan))


def entry_out(entry: PracticeEntry, sizes: dict[uuid.UUID, DilatorSize]) -> EntryOut:
    size = sizes.get(entry.size_id) if entry.size_id else None
    return from_row(EntryOut, entry, size_label=size.label if size else None)


@dataclass(frozen=True, slots=True)
class Journal:
    """What the journal holds for one period, for progress views, reports and summary drafts."""

    start: date
    end: date
    zone: ZoneInfo
    entries: list[PracticeEntry]  # oldest first
    sizes: dict[uuid.UUID, DilatorSize]
    goals: list[Goal]
    readiness: tuple[DilatorSize, DilatorSize] | None

    def size_labels(self) -> dict[uuid.UUID, str]:
        return {size_id: size.label for size_id, size in self.sizes.items()}

    def practice_days(self) -> set[date]:
        return {progress.local_date(e.practised_at, self.zone) for e in self.entries}

    def dilator_sessions(self) -> list[PracticeEntry]:
        return [e for e in self.entries if e.kind is PracticeKind.DILATOR]

    def sizes_practised(self) -> list[DilatorSize]:
        used = {e.size_id for e in self.dilator_sessions() if e.size_id in self.sizes}
        return sorted((self.sizes[i] for i in used if i is not None), key=lambda s: (s.position, s.label))

    def goals_reached(self) -> list[Goal]:
        first, after = progress.utc_bounds(self.start, self.end, self.zone)
        return [
            g for g in self.goals if g.status is GoalStatus.REACHED and g.reached_at and first <= g.reached_at < after
        ]


# The daily pages' reads, built once with the member as bound parameters (`reader.own_bound`): building a
# statement and its cache key on every request cost 30-45 us each, and the overview makes six.
_SIZES = reader.own_bound(DilatorSize).order_by(DilatorSize.position)
_LAST_PRACTISED = reader.own_bound(PracticeEntry, func.max(PracticeEntry.practised_at))
# The note is never shown from here: left unread, it is not opened (and reading it would raise).
_LATEST_DILATOR = (
    reader.own_bound(PracticeEntry)
    .where(PracticeEntry.kind == PracticeKind.DILATOR)
    .options(defer(PracticeEntry.note, raiseload=True))
    .order_by(PracticeEntry.practised_at.desc(), PracticeEntry.created_at.desc())
    .limit(bindparam("limit"))
)
_LATEST_DILATOR_AT_SIZE = _LATEST_DILATOR.where(PracticeEntry.size_id == bindparam("size_id"))
_PERIOD = (
    reader.own_bound(PracticeEntry)
    .where(PracticeEntry.practised_at >= bindparam("first"), PracticeEntry.practised_at < bindparam("after"))
    .order_by(PracticeEntry.practised_at, PracticeEntry.created_at)
)
_PERIOD_WITHOUT_NOTES = _PERIOD.options(defer(PracticeEntry.note, raiseload=True))


@functools.cache
def _single_of(model: type[AuthoredRecord], lock: bool) -> Select[Any]:
    query = reader.own_bound(model)
    return query.with_for_update() if lock else query


class PracticeService:
    def __init__(self, db: AsyncSession, member: Member) -> None:
        self.db = db
        self.member = member
        self.bound = reader.member_parameters(member)

    # --- helpers ---------------------------------------------------------------------------------
    async def _own(self, model: type[R], record_id: uuid.UUID) -> R:
        record = await reader.get_own(self.db, self.member, model, record_id)
        if record is None:
            raise NotFoundException()
        return record

    async def _single(self, model: type[R], *, lock: bool = False) -> R | None:
        row: R | None = await self.db.scalar(_single_of(model, lock), self.bound)  # type: ignore[arg-type]  # a class is hashable
        return row

    async def _single_for_update(self, model: type[R]) -> R:
        """The member's one row of `model`, created if missing, locked for this transaction.

        Two first writes at once meet the unique constraint; the loser reads the winner's row.
        """
        row = await self._single(model, lock=True)
        if row is not None:
            return row
        fresh = model()
        fresh.author_id = self.member.user_id
        fresh.space_id = self.member.space_id
        try:
            async with self.db.begin_nested():
                self.db.add(fresh)
                await self.db.flush()
            return fresh
        except IntegrityError:
            row = await self._single(model, lock=True)
            if row is None:  # pragma: no cover - the constraint said it exists
                raise
            return row

    async def sizes(self) -> dict[uuid.UUID, DilatorSize]:
        rows = await self.db.scalars(_SIZES, self.bound)
        return {size.id: size for size in rows}

    async def _thresholds(self) -> tuple[progress.Thresholds, PracticeSettings | None]:
        row = await self._single(PracticeSettings)
        if row is None:
            return progress.Thresholds(), None
        return (
            progress.Thresholds(
                enabled=row.hint_enabled,
                sessions=row.hint_sessions,
                min_minutes=row.hint_min_minutes,
                max_pain=row.hint_max_pain,
                max_anxiety=row.hint_max_anxiety,
            ),
            row,
        )

    async def rule(self) -> progress.Rule:
        own, _ = await self._thresholds()
        return progress.effective_rule(own, await self._single(ClinicianPlan))

    def _entries(self) -> Any:
        return reader.own(self.member, PracticeEntry)

    # --- entries ---------------------------------------------------------------------------------
    async def list_entries(self, cursor: str | None, limit: int) -> EntryPage:
        after = decode_cursor(cursor)
        rows = list(
            await self.db.scalars(
                self._entries()
                .where(older_than(PracticeEntry.practised_at, PracticeEntry.id, after))
                .order_by(PracticeEntry.practised_at.desc(), PracticeEntry.id.desc())
                .limit(limit + 1)
            )
        )
        page, next_cursor = keyset_page(rows, limit, lambda e: (e.practised_at, e.id))
        sizes = await self.sizes()
        return EntryPage(items=[entry_out(e, sizes) for e in page], next_cursor=next_cursor)

    async def get_entry(self, entry_id: uuid.UUID) -> EntryOut:
        entry = await self._own(PracticeEntry, entry_id)
        return entry_out(entry, await self.sizes())

    async def _check_entry(self, data: EntryIn, keep_size: uuid.UUID | None = None) -> dict[str, Any]:
        now = utcnow()
        if data.practised_at > now + FUTURE_SLACK:
            raise bad_field("practised_at", "This time is in the future.")
        if data.practised_at < EARLIEST:
            raise bad_field("practised_at", "Please check the date.")
        values: dict[str, Any] = {
            "kind": data.kind,
            "practised_at": data.practised_at,
            "minutes": data.minutes,
            "size_id": None,
            "depth": None,
            "pain": data.pain,
            "anxiety": data.anxiety,
            "note": optional_text(data.note),
            "guided": data.guided,
        }
        if data.kind is not PracticeKind.DILATOR:
            if data.size_id is not None:
                raise bad_field("size_id", "A size belongs to dilator practice only.")
            if data.depth is not None:
                raise bad_field("depth", "How far it went belongs to dilator practice only.")
            return values
        if data.size_id is None:
            raise bad_field("size_id", "Choose the size you used.")
        size = await reader.get_own(self.db, self.member, DilatorSize, data.size_id)
        if size is None or (size.retired and size.id != keep_size):
            raise bad_field("size_id", "Choose one of the sizes in your set.")
        if data.depth is None:
            raise bad_field("depth", "Choose how far it went.")
        values.update(size_id=size.id, depth=data.depth)
        return values

    async def _near_duplicate(self, values: dict[str, Any]) -> PracticeEntry | None:
        when: datetime = values["practised_at"]
        query = (
            self._entries()
            .where(
                PracticeEntry.kind == values["kind"],
                PracticeEntry.minutes == values["minutes"],
                PracticeEntry.size_id == values["size_id"],  # None compares as IS NULL
                PracticeEntry.depth == values["depth"],
                PracticeEntry.pain == values["pain"],
                PracticeEntry.anxiety == values["anxiety"],
                PracticeEntry.practised_at >= when - NEAR_DUPLICATE_WINDOW,
                PracticeEntry.practised_at <= when + NEAR_DUPLICATE_WINDOW,
            )
            .limit(1)
        )
        return (await self.db.scalars(query)).first()

    async def create_entry(self, data: EntryIn, *, confirm_duplicate: bool = False) -> EntryOut:
        # The member lock also serialises two near-identical saves, so a double tap cannot slip past the check.
        await self._lock_member()  # the size it names cannot be removed from the set meanwhile
        values = await self._check_entry(data)
        if not confirm_duplicate and await self._near_duplicate(values) is not None:
            raise Conflict(detail=NEAR_DUPLICATE)
        entry = PracticeEntry(author_id=self.member.user_id, space_id=self.member.space_id, **values)
        self.db.add(entry)
        await self.db.flush()
        return entry_out(entry, await self.sizes())

    async def update_entry(self, entry_id: uuid.UUID, data: EntryIn) -> EntryOut:
        await self._lock_member()
        entry = await self._own(PracticeEntry, entry_id)
        values = await self._check_entry(data, keep_size=entry.size_id)
        for key, value in values.items():
            setattr(entry, key, value)
        entry.updated_at = utcnow()
        await self.db.flush()
        return entry_out(entry, await self.sizes())

    async def delete_entry(self, entry_id: uuid.UUID) -> None:
        entry = await self._own(PracticeEntry, entry_id)
        await self.db.delete(entry)
        await self.db.flush()

    # --- dilator set -----------------------------------------------------------------------------
    async def list_set(self) -> list[SizeOut]:
        return [size_out(s) for s in (await self.sizes()).values() if not s.retired]

    async def replace_set(self, data: DilatorSetIn) -> list[SizeOut]:
        labels = [item.label.strip() for item in data.sizes]
        if any(not label for label in labels):
            raise bad_field("sizes", "Give every size a label.")
        if len({label.casefold() for label in labels}) != len(labels):
            raise bad_field("sizes", "Give each size its own label.")
        ids = [item.id for item in data.sizes if item.id is not None]
        if len(set(ids)) != len(ids):
            raise bad_field("sizes", "A size appears twice.")
        # The member's row serialises changes to the set against entries naming a size, and the
        # settings row (created here if missing) against two devices saving at once.
        await self._lock_member()
        await self._single_for_update(PracticeSettings)
        existing = await self.sizes()
        if any(size_id not in existing for size_id in ids):
            raise bad_field("sizes", "One of these sizes is not in your set.")
        kept = set(ids)
        for size in existing.values():
            if size.id in kept:
                continue
            used = await self.db.scalar(
                select(reader.own(self.member, PracticeEntry).where(PracticeEntry.size_id == size.id).exists())
            )
            if used:
                size.retired = True
            else:
                await self.db.delete(size)
        await self.db.flush()
        for position, (item, label) in enumerate(zip(data.sizes, labels, strict=True)):
            if item.id is not None:
                size = existing[item.id]
                size.label, size.position, size.retired = label, position, False
            else:
                self.db.add(
                    DilatorSize(
                        author_id=self.member.user_id, space_id=self.member.space_id, label=label, position=position
                    )
                )
        await self.db.flush()
        return await self.list_set()

    # --- settings and plan -----------------------------------------------------------------------
    async def get_settings(self) -> SettingsOut:
        own, row = await self._thresholds()
        rule = progress.effective_rule(own, await self._single(ClinicianPlan))
        return SettingsOut(
            hint_enabled=own.enabled,
            hint_sessions=own.sessions,
            hint_min_minutes=own.min_minutes,
            hint_max_pain=own.max_pain,
            hint_max_anxiety=own.max_anxiety,
            inhale_seconds=row.inhale_seconds if row else progress.DEFAULT_INHALE_SECONDS,
            exhale_seconds=row.exhale_seconds if row else progress.DEFAULT_EXHALE_SECONDS,
            rule=rule_out(rule),
        )

    async def put_settings(self, data: SettingsIn) -> SettingsOut:
        row = await self._single_for_update(PracticeSettings)
        for key, value in msgspec.structs.asdict(data).items():
            setattr(row, key, value)
        row.updated_at = utcnow()
        await self.db.flush()
        return await self.get_settings()

    async def get_plan(self) -> ClinicianPlanOut:
        return plan_out(await self._single(ClinicianPlan))

    async def put_plan(self, data: ClinicianPlanIn) -> ClinicianPlanOut:
        if (
            data.hold_min_minutes is not None
            and data.hold_max_minutes is not None
            and data.hold_min_minutes > data.hold_max_minutes
        ):
            raise bad_field("hold_max_minutes", "The longest hold can't be shorter than the shortest.")
        row = await self._single_for_update(ClinicianPlan)
        for key, value in msgspec.structs.asdict(data).items():
            setattr(row, key, optional_text(value) if key == "notes" else value)
        row.updated_at = utcnow()
        await self.db.flush()
        return plan_out(row)

    # --- goals -----------------------------------------------------------------------------------
    async def goals(self) -> list[Goal]:
        return list(await self.db.scalars(reader.own(self.member, Goal).order_by(Goal.position, Goal.created_at)))

    async def list_goals(self) -> list[GoalOut]:
        return [goal_out(g) for g in await self.goals()]

    @staticmethod
    def _apply_goal(goal: Goal, data: GoalIn) -> None:
        title = data.title.strip()
        if not title:
            raise bad_field("title", "Describe the goal in a few words.")
        now = utcnow()
        if data.status is GoalStatus.REACHED and goal.status is not GoalStatus.REACHED:
            goal.reached_at = now
        elif data.status is not GoalStatus.REACHED:
            goal.reached_at = None
        goal.title, goal.status, goal.updated_at = title, data.status, now

    async def _lock_member(self) -> None:
        # Caps, positions and the set of sizes belong to the member: one writer at a time (core/locks.py).
        await lock_parent(self.db, Membership, self.member.membership.id)

    async def create_goal(self, data: GoalIn) -> GoalOut:
        await self._lock_member()
        count = await self.db.scalar(reader.own(self.member, Goal, func.count()))
        if (count or 0) >= MAX_GOALS:
            raise bad_field("title", f"You can keep up to {MAX_GOALS} goals. Remove one you no longer need first.")
        last = await self.db.scalar(reader.own(self.member, Goal, func.max(Goal.position)))
        goal = Goal(
            author_id=self.member.user_id,
            space_id=self.member.space_id,
            position=(last if last is not None else -1) + 1,
            status=GoalStatus.WORKING_ON,
        )
        self._apply_goal(goal, data)
        self.db.add(goal)
        await self.db.flush()
        return goal_out(goal)

    async def update_goal(self, goal_id: uuid.UUID, data: GoalIn) -> GoalOut:
        goal = await self._own(Goal, goal_id)
        self._apply_goal(goal, data)
        await self.db.flush()
        return goal_out(goal)

    async def delete_goal(self, goal_id: uuid.UUID) -> None:
        goal = await self._own(Goal, goal_id)
        await self.db.delete(goal)
        await self.db.flush()

    # --- overview, progress, report --------------------------------------------------------------
    async def _latest_dilator(self, limit: int, size_id: uuid.UUID | None = None) -> list[PracticeEntry]:
        if size_id is None:
            return list(await self.db.scalars(_LATEST_DILATOR, self.bound | {"limit": limit}))
        return list(await self.db.scalars(_LATEST_DILATOR_AT_SIZE, self.bound | {"limit": limit, "size_id": size_id}))

    async def _readiness(
        self, sizes: dict[uuid.UUID, DilatorSize], recent: Sequence[PracticeEntry], rule: progress.Rule
    ) -> tuple[DilatorSize, DilatorSize] | None:
        current_id = next((e.size_id for e in recent if e.size_id is not None), None)
        current = sizes.get(current_id) if current_id else None
        if current is None or not rule.enabled:
            return None
        # Only one session per day counts, so a few sessions logged in one evening never make the hint.
        at_size = await self._latest_dilator(rule.sessions * progress.ENTRIES_PER_DAY_SCANNED, size_id=current.id)
        following = progress.ready_for_next(at_size, current, list(sizes.values()), rule)
        return (current, following) if following else None

    async def overview(self) -> OverviewOut:
        sizes = await self.sizes()
        own, settings = await self._thresholds()
        plan = await self._single(ClinicianPlan)
        rule = progress.effective_rule(own, plan)
        last_practised_at = await self.db.scalar(_LAST_PRACTISED, self.bound)
        if last_practised_at is not None and last_practised_at.tzinfo is None:
            last_practised_at = last_practised_at.replace(tzinfo=UTC)
        now = utcnow()
        recent = await self._latest_dilator(1)
        # More recent sessions are read only when the answer looks past the latest one: for a welcome
        # back (the last comfortable size) or when the latest has no size (readiness looks for the last).
        if progress.welcome_back_due(last_practised_at, now) or (recent and recent[0].size_id is None):
            recent = await self._latest_dilator(30)
        welcome, comfortable = progress.welcome_back_size(last_practised_at, now, recent, sizes, rule)
        ready = await self._readiness(sizes, recent, rule)
        shortest, longest, from_plan = progress.hold_window(plan)
        latest = recent[0] if recent else None
        return OverviewOut(
            sizes=[size_out(s) for s in sizes.values() if not s.retired],
            last_dilator=LastDilatorOut(
                size_id=latest.size_id,
                minutes=latest.minutes,
                depth=latest.depth,
                pain=latest.pain,
                anxiety=latest.anxiety,
            )
            if latest
            else None,
            has_entries=last_practised_at is not None,
            welcome_back=WelcomeBackOut(
                size_id=comfortable.id if comfortable else None, size_label=comfortable.label if comfortable else None
            )
            if welcome
            else None,
            readiness=ReadinessOut(
                size_id=ready[0].id,
                size_label=ready[0].label,
                next_size_id=ready[1].id,
                next_size_label=ready[1].label,
                sessions=rule.sessions,
            )
            if ready
            else None,
            hold_window=HoldWindowOut(min_minutes=shortest, max_minutes=longest, from_plan=from_plan),
            rule=rule_out(rule),
            pacer=PacerOut(
                inhale_seconds=settings.inhale_seconds if settings else progress.DEFAULT_INHALE_SECONDS,
                exhale_seconds=settings.exhale_seconds if settings else progress.DEFAULT_EXHALE_SECONDS,
            ),
        )

    async def journal(self, start: date | None, end: date | None, tz: str, *, limit: int | None = None) -> Journal:
        first_day, last_day, zone, entries = await self._period(start, end, tz, limit=limit, notes=True)
        sizes = await self.sizes()
        rule = await self.rule()
        ready = await self._readiness(sizes, await self._latest_dilator(1), rule)
        return Journal(
            start=first_day,
            end=last_day,
            zone=zone,
            entries=entries,
            sizes=sizes,
            goals=await self.goals(),
            readiness=ready,
        )

    async def _period(
        self, start: date | None, end: date | None, tz: str, *, limit: int | None = None, notes: bool
    ) -> tuple[date, date, ZoneInfo, list[PracticeEntry]]:
        """The period's first and last day in `tz`, and its entries, oldest first (without `notes`, the
        notes are left unread: not opened, and reading one would raise)."""
        zone = progress.zone_of(tz)
        first_day, last_day = progress.period(start, end, zone, utcnow())
        first, after = progress.utc_bounds(first_day, last_day, zone)
        query = _PERIOD if notes else _PERIOD_WITHOUT_NOTES
        if limit is not None:
            query = query.limit(limit)
        entries = await self.db.scalars(query, self.bound | {"first": first, "after": after})
        return first_day, last_day, zone, list(entries)

    @staticmethod
    def progress_of(journal: Journal, voice: progress.Voice = "you") -> ProgressOut:
        sizes = journal.sizes
        points = [
            DilatorPointOut(
                entry_id=e.id,
                practised_at=e.practised_at,
                local_date=progress.local_date(e.practised_at, journal.zone),
                size_id=e.size_id,
                size_label=sizes[e.size_id].label if e.size_id in sizes else None,
                size_position=sizes[e.size_id].position if e.size_id in sizes else None,
                minutes=e.minutes,
                pain=e.pain,
                anxiety=e.anxiety,
            )
            for e in journal.dilator_sessions()
        ]
        days = journal.practice_days()
        highlights: list[str] = []
        if days:
            highlights.append(progress.practice_days_sentence(len(days), voice))
        practised = journal.sizes_practised()
        if practised:
            highlights.append(progress.sizes_sentence([s.label for s in practised], voice))
        for trend in progress.trends(journal.dilator_sessions(), journal.size_labels()):
            highlights.append(progress.trend_sentence(trend, voice))
        return ProgressOut(
            start=journal.start,
            end=journal.end,
            time_zone=journal.zone.key,
            sizes=[size_out(s) for s in sizes.values()],
            dilator_sessions=points,
            weeks=[
                WeekOut(week_start=monday, practice_days=count)
                for monday, count in progress.practice_weeks(days, journal.start, journal.end)
            ],
            practice_days=len(days),
            highlights=highlights,
        )

    async def progress(self, start: date | None, end: date | None, tz: str) -> ProgressOut:
        # The charts show the sessions and sizes only: no notes, goals or readiness hint are read for them.
        first_day, last_day, zone, entries = await self._period(start, end, tz, notes=False)
        journal = Journal(
            start=first_day,
            end=last_day,
            zone=zone,
            entries=entries,
            sizes=await self.sizes(),
            goals=[],
            readiness=None,
        )
        return self.progress_of(journal)

    async def report(self, start: date | None, end: date | None, tz: str) -> ReportOut:
        """Only the table of sessions is cut at MAX_REPORT_ENTRIES; the charts cover the whole period."""
        journal = await self.journal(start, end, tz)
        truncated = len(journal.entries) > MAX_REPORT_ENTRIES
        table = journal.entries[:MAX_REPORT_ENTRIES]
        return ReportOut(
            start=journal.start,
            end=journal.end,
            time_zone=journal.zone.key,
            entries=[entry_out(e, journal.sizes) for e in table],
            truncated=truncated,
            # The report is read by a clinician: it speaks of the patient in the third person.
            progress=self.progress_of(journal, "patient"),
            goals=[goal_out(g) for g in journal.goals],
            plan=plan_out(await self._single(ClinicianPlan)),
        )


# --- export ------------------------------------------------------------------------------------------
async def export_records(db: AsyncSession, scope: ExportScope) -> dict[str, Any]:
    """Everything of the journal the user wrote (only a patient has any)."""
    mine = scope.members
    sizes = {s.id: s for s in await db.scalars(reader.own(mine, DilatorSize))}
    entries = await db.scalars(reader.own(mine, PracticeEntry).order_by(PracticeEntry.practised_at))
    goals = await db.scalars(reader.own(mine, Goal).order_by(Goal.position))
    settings = await db.scalars(reader.own(mine, PracticeSettings))
    plans = await db.scalars(reader.own(mine, ClinicianPlan))
    authored = {
        "entries": [entry_out(e, sizes) for e in entries],
        "dilator_sizes": [size_out(s) for s in sorted(sizes.values(), key=lambda s: (s.retired, s.position))],
        "goals": [goal_out(g) for g in goals],
        "settings": [
            {
                "hint_enabled": s.hint_enabled,
                "hint_sessions": s.hint_sessions,
                "hint_min_minutes": s.hint_min_minutes,
                "hint_max_pain": s.hint_max_pain,
                "hint_max_anxiety": s.hint_max_anxiety,
                "inhale_seconds": s.inhale_seconds,
                "exhale_seconds": s.exhale_seconds,
            }
            for s in settings
        ],
        "clinician_plans": [plan_out(p) for p in plans],
    }
    return {"authored": msgspec.to_builtins(authored)}
