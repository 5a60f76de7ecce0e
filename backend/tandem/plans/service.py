"""Plans between the two members, private reflections afterwards, and each member's calendar feed.

Every state change of a plan is one conditional UPDATE, so a plan accepted and paused at the same
instant ends in one consistent state: whichever came second either applies to the new state or
answers 409. Who paused or cancelled a plan is never stored.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Any

from litestar.channels import ChannelsPlugin
from litestar.exceptions import NotFoundException
from sqlalchemy import ColumnElement, Select, String, Uuid, and_, bindparam, delete, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from tandem.access import reader
from tandem.access.export_scope import ExportScope
from tandem.access.membership import Member
from tandem.core.db import utcnow
from tandem.core.errors import Conflict, bad_field
from tandem.core.mapping import from_row
from tandem.core.paging import decode_cursor, encode_cursor, newer_than, older_than
from tandem.core.sealing import seal_for
from tandem.core.tokens import hash_token, new_token
from tandem.events.channels import emit
from tandem.events.schemas import EventKind
from tandem.ideas.models import CustomIdea, Idea, IdeaCategory
from tandem.ideas.service import IdeaService, custom_id_of, dialect_insert
from tandem.plans import ical
from tandem.plans.models import CalendarFeed, Plan, PlanReflection, PlanStatus
from tandem.plans.schemas import (
    CalendarFeedCreated,
    CalendarFeedOut,
    MyReflectionOut,
    PartnerReflectionOut,
    PauseNoteOut,
    PlanIdea,
    PlanIn,
    PlanOut,
    PlanPage,
    ReflectionIn,
)
from tandem.reminders.service import reminder_events
from tandem.sharing.listing import SharedRows, each
from tandem.sharing.schemas import SharedItem

NOTICE = "Let's leave this one for now. Thank you for understanding."
NOT_A_MATCH = "Plans start from an idea you both said yes or maybe to."
NO_PARTNER = "Plans are made together: your partner isn't in your space yet."
CHANGED = "This plan has changed in the meantime. Please have another look."
WAITING = "This is waiting for your partner's answer."
TOO_EARLY = "You can add a reflection once the plan's time has come."
# After a pause the one who proposed the plan is offered no new time for a day: a pause is not a "not now, ask again".
PAUSE_QUIET = timedelta(days=1)
QUIET = "This plan was paused. A new time can be suggested from tomorrow."
FLEXIBLE_WINDOW = timedelta(days=7)
ALLOWED_PAST = timedelta(minutes=5)
LONGEST_AHEAD = timedelta(days=366)
OPEN = (PlanStatus.PROPOSED, PlanStatus.ACCEPTED)
FEED_PATH = "/api/v1/calendar/{token}/tandem.ics"


class Scope(StrEnum):
    UPCOMING = "upcoming"
    PAST = "past"
    ALL = "all"


def pair_condition(user_id: uuid.UUID, partner_id: uuid.UUID | None) -> ColumnElement[bool]:
    """Plans belong to the pair that made them: a later partner never sees an earlier one's plans.

    A plan whose partner deleted their account (partner_id NULL) stays with its author alone.
    """
    orphaned = and_(Plan.author_id == user_id, Plan.partner_id.is_(None))
    if partner_id is None:
        return orphaned
    return or_(
        orphaned,
        and_(Plan.author_id == user_id, Plan.partner_id == partner_id),
        and_(Plan.author_id == partner_id, Plan.partner_id == user_id),
    )


def _timing(starts_at: datetime | None, duration_minutes: int) -> tuple[datetime, datetime, bool]:
    now = utcnow()
    if starts_at is None:
        return now, now + FLEXIBLE_WINDOW, True
    starts_at = starts_at.replace(second=0, microsecond=0)  # a day and a time: minutes are enough
    if starts_at < now - ALLOWED_PAST:
        raise bad_field("starts_at", "Please choose a time that hasn't passed yet.")
    if starts_at > now + LONGEST_AHEAD:
        raise bad_field("starts_at", "Please choose a time within the next year.")
    return starts_at, starts_at + timedelta(minutes=duration_minutes), False


# Reads of every list of plans, built once with bound parameters.
_CATALOG_IDEAS = select(Idea).where(Idea.id.in_(bindparam("keys", expanding=True, type_=String())))
_REFLECTIONS_ON = reader.readable_bound(PlanReflection).where(
    PlanReflection.plan_id.in_(bindparam("ids", expanding=True, type_=Uuid()))
)


class PlanService:
    def __init__(self, db: AsyncSession, channels: ChannelsPlugin | None = None) -> None:
        self.db = db
        self.channels = channels

    def _signal(self, member: Member, change: str, plan_id: uuid.UUID) -> None:
        """A plan is the pair's: both may read every change of it (reflections, which may be private, make none)."""
        if self.channels is not None:
            emit(self.db, self.channels, member.space_id, EventKind.PLAN, change, plan_id)

    @staticmethod
    def _visible(member: Member) -> ColumnElement[bool]:
        """The plans the member may read, of the current pair only (also the rows a change may touch)."""
        return and_(reader.readable_rows(member, Plan), pair_condition(member.user_id, member.partner_user_id))

    @classmethod
    def readable_plans(cls, member: Member) -> Select[Plan]:
        return reader.readable(member, Plan).where(cls._visible(member))

    async def _load(self, member: Member, plan_id: uuid.UUID) -> Plan:
        plan = await self.db.scalar(
            self.readable_plans(member).where(Plan.id == plan_id).execution_options(populate_existing=True)
        )
        if plan is None:
            raise NotFoundException()
        return plan

    # --- reading ------------------------------------------------------------------------------
    async def ideas_of(self, member: Member, plans: list[Plan]) -> dict[str, PlanIdea]:
        """The ideas the plans came from, as the member may read them."""
        keys = {p.idea_key for p in plans}
        found: dict[str, PlanIdea] = {}
        catalog_keys = [k for k in keys if custom_id_of(k) is None]
        custom_ids = [p.custom_idea_id for p in plans if p.custom_idea_id is not None]
        if catalog_keys:
            for idea in await self.db.scalars(_CATALOG_IDEAS, {"keys": catalog_keys}):
                found[idea.id] = PlanIdea(
                    id=idea.id, title=idea.title, category=idea.category, closeness=idea.closeness
                )
        if custom_ids:
            customs = await self.db.scalars(reader.readable(member, CustomIdea).where(CustomIdea.id.in_(custom_ids)))
            for custom in customs:
                found[custom.key] = PlanIdea(
                    id=custom.key, title=custom.title, category=custom.category, closeness=custom.closeness
                )
        return found

    async def _out_many(self, member: Member, plans: list[Plan]) -> list[PlanOut]:
        if not plans:
            return []
        ideas = await self.ideas_of(member, plans)
        reflections = await self.db.scalars(
            _REFLECTIONS_ON, reader.member_parameters(member) | {"ids": [p.id for p in plans]}
        )
        mine: dict[uuid.UUID, PlanReflection] = {}
        theirs: dict[uuid.UUID, PlanReflection] = {}
        for reflection in reflections:
            (mine if reflection.author_id == member.user_id else theirs)[reflection.plan_id] = reflection
        now = utcnow()
        return [self._out(member, plan, ideas, mine.get(plan.id), theirs.get(plan.id), now) for plan in plans]

    def _out(
        self,
        member: Member,
        plan: Plan,
        ideas: dict[str, PlanIdea],
        mine: PlanReflection | None,
        theirs: PlanReflection | None,
        now: datetime,
    ) -> PlanOut:
        idea = ideas.get(plan.idea_key) or PlanIdea(
            id=plan.idea_key, title=plan.idea_title or "An idea", category=IdeaCategory.CONNECTION, closeness=1
        )
        stopped = plan.status in (PlanStatus.PAUSED, PlanStatus.CANCELLED)
        proposed = plan.status == PlanStatus.PROPOSED
        # Declared from the plan's attributes; only what depends on the viewer or the time is computed.
        return from_row(
            PlanOut,
            plan,
            idea=idea,
            proposed_by_me=plan.author_id == member.user_id,
            awaiting_me=proposed and plan.awaiting_id == member.user_id,
            awaiting_partner=proposed and plan.awaiting_id != member.user_id,
            accepted=plan.accepted_at is not None,
            notice=NOTICE if stopped else None,
            pause_note=(
                PauseNoteOut(text=plan.pause_note, by_me=plan.pause_note_by == member.user_id)
                if stopped and plan.pause_note
                else None
            ),
            can_reflect=self._can_reflect(plan, now),
            can_suggest_time=self._can_suggest_time(plan, member, now),
            my_reflection=from_row(MyReflectionOut, mine) if mine is not None else None,
            partner_reflection=from_row(PartnerReflectionOut, theirs) if theirs is not None else None,
        )

    @staticmethod
    def _can_reflect(plan: Plan, now: datetime) -> bool:
        return plan.accepted_at is not None and (plan.flexible or plan.starts_at <= now)

    async def one(self, member: Member, plan_id: uuid.UUID) -> PlanOut:
        plan = await self._load(member, plan_id)
        return (await self._out_many(member, [plan]))[0]

    async def listing(self, member: Member, scope: Scope, limit: int, cursor: str | None = None) -> PlanPage:
        """Keyset pages on (starts_at, id): upcoming soonest first, past and all latest first."""
        after = decode_cursor(cursor)
        now = utcnow()
        query = self.readable_plans(member)
        upcoming = and_(Plan.ends_at > now, Plan.status.in_([*OPEN, PlanStatus.PAUSED]))
        if scope == Scope.UPCOMING:
            query = query.where(upcoming, newer_than(Plan.starts_at, Plan.id, after))
            query = query.order_by(Plan.starts_at, Plan.id)
        else:
            if scope == Scope.PAST:
                query = query.where(~upcoming)
            query = query.where(older_than(Plan.starts_at, Plan.id, after))
            query = query.order_by(Plan.starts_at.desc(), Plan.id.desc())
        rows = list(await self.db.scalars(query.limit(limit + 1)))
        plans = rows[:limit]
        return PlanPage(
            items=await self._out_many(member, plans),
            next_cursor=encode_cursor(plans[-1].starts_at, plans[-1].id) if len(rows) > limit else None,
        )

    # --- changing -----------------------------------------------------------------------------
    async def propose(self, member: Member, data: PlanIn) -> PlanOut:
        if member.partner_user_id is None:
            raise Conflict(detail=NO_PARTNER)
        # An unknown idea and one that is not a match answer the same: nothing about the partner's ratings shows.
        view = await IdeaService(self.db).matched_idea(member, data.idea_id)
        if view is None:
            raise bad_field("idea_id", NOT_A_MATCH)
        starts_at, ends_at, flexible = _timing(data.starts_at, view.duration_minutes)
        now = utcnow()
        plan = Plan(
            author_id=member.user_id,
            space_id=member.space_id,
            partner_id=member.partner_user_id,
            idea_key=view.key,
            custom_idea_id=view.custom_id,
            idea_title=view.title,
            flexible=flexible,
            starts_at=starts_at,
            ends_at=ends_at,
            duration_minutes=view.duration_minutes,
            note=data.note.strip(),
            status=PlanStatus.PROPOSED,
            awaiting_id=member.partner_user_id,
            created_at=now,
            updated_at=now,
        )
        self.db.add(plan)
        try:
            async with self.db.begin_nested():
                await self.db.flush()
        except IntegrityError as exc:
            # The custom idea was deleted in the meantime.
            raise bad_field("idea_id", NOT_A_MATCH) from exc
        self._signal(member, "proposed", plan.id)
        return (await self._out_many(member, [plan]))[0]

    async def _transition(
        self, member: Member, plan_id: uuid.UUID, conditions: Sequence[ColumnElement[bool]], values: dict[str, Any]
    ) -> bool:
        result = await self.db.execute(
            update(Plan)
            .where(Plan.id == plan_id, self._visible(member), *conditions)
            .values(updated_at=utcnow(), **values)
            .execution_options(synchronize_session=False)
        )
        changed = bool(getattr(result, "rowcount", 0))
        if changed:
            self._signal(member, "changed", plan_id)
        return changed

    async def accept(self, member: Member, plan_id: uuid.UUID) -> PlanOut:
        await self._answer(member, plan_id, PlanStatus.ACCEPTED, {"accepted_at": utcnow()})
        return await self.one(member, plan_id)

    async def decline(self, member: Member, plan_id: uuid.UUID) -> PlanOut:
        await self._answer(member, plan_id, PlanStatus.DECLINED, {})
        return await self.one(member, plan_id)

    async def _answer(self, member: Member, plan_id: uuid.UUID, status: PlanStatus, extra: dict[str, Any]) -> None:
        conditions = [Plan.status == PlanStatus.PROPOSED, Plan.awaiting_id == member.user_id]
        if await self._transition(member, plan_id, conditions, {"status": status, "awaiting_id": None, **extra}):
            return
        plan = await self._load(member, plan_id)
        raise Conflict(detail=WAITING if plan.status == PlanStatus.PROPOSED else CHANGED)

    @staticmethod
    def _can_suggest_time(plan: Plan, member: Member, now: datetime) -> bool:
        if plan.status == PlanStatus.CANCELLED:
            return False
        if plan.status != PlanStatus.PAUSED or plan.author_id != member.user_id:
            return True
        paused_at = plan.updated_at if plan.updated_at.tzinfo else plan.updated_at.replace(tzinfo=UTC)
        return now - paused_at >= PAUSE_QUIET

    async def reschedule(self, member: Member, plan_id: uuid.UUID, starts_at: datetime | None) -> PlanOut:
        plan = await self._load(member, plan_id)
        if plan.status == PlanStatus.PAUSED and not self._can_suggest_time(plan, member, utcnow()):
            raise Conflict(detail=QUIET)
        new_start, new_end, flexible = _timing(starts_at, plan.duration_minutes)
        values = {
            "status": PlanStatus.PROPOSED,
            "awaiting_id": member.partner_user_id,
            "starts_at": new_start,
            "ends_at": new_end,
            "flexible": flexible,
            "accepted_at": None,
            "pause_note": None,
            "pause_note_by": None,
        }
        conditions = [Plan.status.in_([*OPEN, PlanStatus.PAUSED])]
        if not await self._transition(member, plan_id, conditions, values):
            raise Conflict(detail=CHANGED)
        return await self.one(member, plan_id)

    async def stop(self, member: Member, plan_id: uuid.UUID, status: PlanStatus, note: str) -> PlanOut:
        """Pause or cancel: no reason asked, no actor stored. A note, when given, is signed."""
        note = note.strip()
        # A Core UPDATE: the note is sealed here, under its writer's key (the ORM events do not see it).
        sealed = (
            await seal_for(self.db, Plan, "pause_note", row_id=plan_id, owner=member.user_id, value=note)
            if note
            else None
        )
        values: dict[str, Any] = {
            "status": status,
            "awaiting_id": None,
            "pause_note": sealed,
            "pause_note_by": member.user_id if note else None,
        }
        from_states = [*OPEN] if status == PlanStatus.PAUSED else [*OPEN, PlanStatus.PAUSED]
        if not await self._transition(member, plan_id, [Plan.status.in_(from_states)], values):
            plan = await self._load(member, plan_id)
            if plan.status != status:
                raise Conflict(detail=CHANGED)
            # Already stopped the same way (a second tap, or both at once) is fine without a note. A note
            # is kept only if none is stored yet; otherwise 409, so the screen refetches the current note.
            if note and not await self._transition(
                member,
                plan_id,
                [Plan.status == status, Plan.pause_note.is_(None)],
                {"pause_note": sealed, "pause_note_by": member.user_id},
            ):
                raise Conflict(detail=CHANGED)
        return await self.one(member, plan_id)

    # --- reflections --------------------------------------------------------------------------
    async def reflect(self, member: Member, plan_id: uuid.UUID, data: ReflectionIn) -> PlanOut:
        plan = await self._load(member, plan_id)
        if not self._can_reflect(plan, utcnow()):
            raise Conflict(detail=TOO_EARLY)
        now = utcnow()
        insert = dialect_insert(self.db)
        # A Core upsert: the note is sealed here for the new row id, and an existing row takes that id
        # too (the id is part of the sealed note's associated data; nothing refers to a reflection's id).
        row_id = uuid.uuid4()
        note = data.note.strip()
        statement = insert(PlanReflection).values(
            id=row_id,
            author_id=member.user_id,
            space_id=member.space_id,
            plan_id=plan.id,
            feeling=data.feeling,
            comfort=data.comfort,
            note=await seal_for(self.db, PlanReflection, "note", row_id=row_id, owner=member.user_id, value=note)
            if note
            else "",
            shared=data.shared,
            created_at=now,
            updated_at=now,
        )
        statement = statement.on_conflict_do_update(
            index_elements=["plan_id", "author_id"],
            set_={
                name: getattr(statement.excluded, name)
                for name in ("id", "feeling", "comfort", "note", "shared", "updated_at")
            },
        )
        try:
            async with self.db.begin_nested():
                await self.db.execute(statement)
        except IntegrityError as exc:
            raise NotFoundException() from exc
        return await self.one(member, plan_id)

    async def forget_reflection(self, member: Member, plan_id: uuid.UUID) -> None:
        plan = await self._load(member, plan_id)
        await self.db.execute(
            delete(PlanReflection).where(PlanReflection.plan_id == plan.id, PlanReflection.author_id == member.user_id)
        )


# --- calendar feed ------------------------------------------------------------------------------
class CalendarService:
    def __init__(self, db: AsyncSession) -> None:
        self.db = db

    async def _mine(self, member: Member) -> CalendarFeed | None:
        # An address belongs to one membership: rejoining the same space does not revive it.
        return await self.db.scalar(
            reader.own(member, CalendarFeed).where(CalendarFeed.created_at >= member.membership.joined_at)
        )

    async def status(self, member: Member) -> CalendarFeedOut:
        feed = await self._mine(member)
        if feed is None:
            return CalendarFeedOut(enabled=False, detailed_titles=False, created_at=None)
        return CalendarFeedOut(enabled=True, detailed_titles=feed.detailed_titles, created_at=feed.created_at)

    async def issue(self, member: Member, detailed_titles: bool) -> CalendarFeedCreated:
        """Turn the feed on, or give it a new address: the old one stops working at once."""
        raw, digest = new_token()
        now = utcnow()
        insert = dialect_insert(self.db)
        statement = insert(CalendarFeed).values(
            id=uuid.uuid4(),
            author_id=member.user_id,
            space_id=member.space_id,
            token_hash=digest,
            detailed_titles=detailed_titles,
            created_at=now,
        )
        statement = statement.on_conflict_do_update(
            index_elements=["space_id", "author_id"],
            set_={"token_hash": digest, "detailed_titles": detailed_titles, "created_at": now},
        )
        await self.db.execute(statement)
        return CalendarFeedCreated(path=FEED_PATH.format(token=raw), detailed_titles=detailed_titles, created_at=now)

    async def configure(self, member: Member, detailed_titles: bool) -> CalendarFeedOut:
        result = await self.db.execute(
            update(CalendarFeed)
            .where(reader.own_rows(member, CalendarFeed))
            .values(detailed_titles=detailed_titles)
            .execution_options(synchronize_session=False)
        )
        if not getattr(result, "rowcount", 0):
            raise NotFoundException()
        return await self.status(member)

    async def turn_off(self, member: Member) -> None:
        await self.db.execute(delete(CalendarFeed).where(reader.own_rows(member, CalendarFeed)))

    async def render(self, raw_token: str) -> str | None:
        """The feed's text for a token, or None (unknown token, or its owner left the space)."""
        if not raw_token or len(raw_token) > 128:
            return None
        found = await reader.holder_of(self.db, CalendarFeed, CalendarFeed.token_hash == hash_token(raw_token))
        if found is None:
            return None
        owner, row = found
        if row.created_at < owner.membership.joined_at:
            # An address belongs to one membership: rejoining the same space does not revive it.
            return None
        # The feed shows what its owner may read: the current pair's open plans.
        plans = await self.db.scalars(
            PlanService.readable_plans(owner)
            .where(Plan.status.in_(OPEN), Plan.ends_at > utcnow())
            .order_by(Plan.starts_at, Plan.id)
        )
        plans_list = list(plans)
        titles = await PlanService(self.db).ideas_of(owner, plans_list) if row.detailed_titles else {}
        events = []
        for plan in plans_list:
            title = titles[plan.idea_key].title if plan.idea_key in titles else ical.NEUTRAL_TITLE
            events.append(
                ical.Event(
                    uid=f"{plan.id}@tandem",
                    title=title + (ical.FLEXIBLE_SUFFIX if plan.flexible else ""),
                    starts_at=plan.starts_at,
                    ends_at=plan.ends_at,
                    all_week=plan.flexible,
                    confirmed=plan.status == PlanStatus.ACCEPTED,
                    stamp=plan.updated_at,
                )
            )
        # The owner's own reminders, in their feed only (tandem.reminders).
        return ical.calendar(events, await reminder_events(self.db, owner))


# --- export -----------------------------------------------------------------------------------
def _plan_record(plan: Plan, viewer_id: uuid.UUID) -> dict[str, Any]:
    return {
        "id": str(plan.id),
        "space_id": str(plan.space_id),
        "idea_id": plan.idea_key,
        "flexible": plan.flexible,
        "starts_at": plan.starts_at.isoformat(),
        "ends_at": plan.ends_at.isoformat(),
        "note": plan.note,
        "status": plan.status.value,
        "pause_note": _pause_note_record(plan, viewer_id),
        "created_at": plan.created_at.isoformat(),
    }


def _pause_note_record(plan: Plan, viewer_id: uuid.UUID) -> dict[str, Any] | None:
    """The pause note as the API shows it: its text and whether the reader wrote it, nothing more."""
    if plan.status not in (PlanStatus.PAUSED, PlanStatus.CANCELLED) or not plan.pause_note:
        return None
    return {"text": plan.pause_note, "by_me": plan.pause_note_by == viewer_id}


def _reflection_record(reflection: PlanReflection) -> dict[str, Any]:
    return {
        "plan_id": str(reflection.plan_id),
        "feeling": reflection.feeling.value,
        "comfort": reflection.comfort,
        "note": reflection.note,
        "shared": reflection.shared,
        "updated_at": reflection.updated_at.isoformat(),
    }


async def revoke_calendar_feeds(db: AsyncSession, user_id: uuid.UUID) -> None:
    """Kill every calendar address of the user: a new password ends every way in, the feed's too."""
    await db.execute(delete(CalendarFeed).where(CalendarFeed.author_id == user_id))


async def export_records(db: AsyncSession, scope: ExportScope) -> dict[str, Any]:
    """Plans the user proposed, their reflections and calendar feed; what the partner made visible."""
    user_id = scope.user_id
    plans = await db.scalars(reader.own(scope.members, Plan).order_by(Plan.created_at))
    reflections = await db.scalars(reader.own(scope.members, PlanReflection).order_by(PlanReflection.created_at))
    feed = await db.scalar(reader.own(scope.members, CalendarFeed))
    # Notes the user wrote when pausing or cancelling, also on plans the partner proposed.
    noted = await db.scalars(
        reader.written_by(scope.user_id, Plan, Plan.pause_note_by)
        .where(Plan.pause_note.is_not(None))
        .order_by(Plan.updated_at, Plan.id)
    )
    current = scope.current
    partner_id = current.partner_user_id if current else None
    partner_plans = await db.scalars(
        reader.shared_with(current, Plan).where(Plan.partner_id == user_id).order_by(Plan.created_at)
    )
    # Only reflections on the current pair's plans: a later partner never sees an earlier pair's.
    partner_reflections = await db.scalars(
        reader.shared_with(current, PlanReflection)
        .join(Plan, Plan.id == PlanReflection.plan_id)
        .where(pair_condition(user_id, partner_id))
        .order_by(PlanReflection.created_at)
    )
    return {
        "authored": {
            "plans": [_plan_record(p, user_id) for p in plans],
            "reflections": [_reflection_record(r) for r in reflections],
            "pause_notes": [
                {"plan_id": str(p.id), "note": p.pause_note, "written_at": p.updated_at.isoformat()} for p in noted
            ],
            "calendar_feed": (
                {"detailed_titles": feed.detailed_titles, "created_at": feed.created_at.isoformat()}
                if feed is not None
                else None
            ),
        },
        "shared_with_me": {
            "plans": [_plan_record(p, user_id) for p in partner_plans],
            "reflections": [_reflection_record(r) for r in partner_reflections],
        },
    }


# --- what the member shares (for the sharing overview) -------------------------------------------
OPEN_PLAN = (PlanStatus.PROPOSED, PlanStatus.ACCEPTED, PlanStatus.PAUSED)


SHARED_REFLECTIONS = SharedRows(
    rows=reader.own_bound(PlanReflection, PlanReflection.plan_id, PlanReflection.updated_at).where(
        PlanReflection.shared.is_(True)
    ),
    items=each(
        lambda r: SharedItem(
            kind="reflections",
            id=str(r.id),
            label="Reflection after a plan",
            link=f"/space/plans/{r.id}",
            can_stop=True,
            at=r.at,
        )
    ),
)


async def unshare_all_reflections(db: AsyncSession, member: Member) -> int:
    result = await db.execute(
        update(PlanReflection)
        .where(reader.own_rows(member, PlanReflection), PlanReflection.shared.is_(True))
        .values(shared=False)
        .execution_options(synchronize_session="fetch")
    )
    return int(getattr(result, "rowcount", 0) or 0)


# Open plans the member proposed to the current partner (none without one: `partner` is then NULL, and
# `= NULL` holds for no row): between the two by nature, so listed without a stop control.
PROPOSED_PLANS = SharedRows(
    rows=reader.own_bound(Plan, Plan.id, Plan.created_at).where(
        Plan.status.in_(OPEN_PLAN), Plan.partner_id == bindparam("partner")
    ),
    items=each(
        lambda r: SharedItem(
            kind="plans",
            id=str(r.id),
            label="A plan you suggested",
            link=f"/space/plans/{r.id}",
            can_stop=False,
            at=r.at,
        )
    ),
)
# The member's feed address, if one exists (whoever holds it can read the plans' times); an address
# belongs to one membership, as `CalendarService._mine` reads it.
CALENDAR_FEED = SharedRows(
    rows=reader.own_bound(CalendarFeed, CalendarFeed.id, CalendarFeed.created_at).where(
        CalendarFeed.created_at >= bindparam("joined_at")
    ),
    items=each(
        lambda r: SharedItem(
            kind="calendar_feed",
            id="calendar-feed",
            label="Calendar feed address",
            link="/space/plans",
            can_stop=True,
            at=r.at,
        )
    ),
)


async def turn_off_calendar_feed(db: AsyncSession, member: Member) -> int:
    """The old address stops working at once; turning the feed on again gives a new one."""
    result = await db.execute(delete(CalendarFeed).where(reader.own_rows(member, CalendarFeed)))
    return int(getattr(result, "rowcount", 0) or 0)
