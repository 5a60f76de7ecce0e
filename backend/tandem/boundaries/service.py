"""Boundaries for now: reading them for every feature that must respect them, and changing them."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from litestar.channels import ChannelsPlugin
from litestar.exceptions import NotFoundException
from sqlalchemy import Uuid, bindparam, delete
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from tandem.access import reader
from tandem.access.membership import Member
from tandem.activities.service import offered_activities
from tandem.boundaries.models import BoundariesSeen, Boundary, BoundaryChange, BoundaryLevel, CustomActivity
from tandem.boundaries.schemas import (
    ActivityRef,
    BoundariesOut,
    BoundaryChangeIn,
    BoundaryChangeOut,
    BoundaryHistoryPage,
    BoundaryOut,
    CustomActivityCreate,
    CustomActivityUpdate,
    CustomActivityView,
    MemberBoundaries,
    MyCustomActivity,
    PartnersCustomActivity,
)
from tandem.core.db import utcnow
from tandem.core.errors import Conflict, bad_field
from tandem.core.locks import lock_parent
from tandem.core.mapping import from_row
from tandem.core.paging import decode_cursor, encode_cursor, older_than
from tandem.events.channels import emit
from tandem.events.schemas import EventKind
from tandem.sharing.listing import ListedRow, SharedRows, each
from tandem.sharing.schemas import SharedItem
from tandem.spaces.models import Space
from tandem.spaces.service import SpaceService

MAX_CUSTOM_ACTIVITIES = 50
REMOVED_ACTIVITY = "An activity that was removed"


# The reads of the boundaries page (and the ideas pages), built once with the member as bound parameters.
_OFF_LIMITS = reader.readable_bound(Boundary, Boundary.activity_id).where(Boundary.level == BoundaryLevel.NOT_NOW)
_CUSTOM_ACTIVITIES = reader.readable_bound(CustomActivity).order_by(CustomActivity.created_at, CustomActivity.id)
_BOUNDARIES = reader.readable_bound(Boundary).order_by(Boundary.activity_id)
_SEEN = reader.own_bound(BoundariesSeen)


async def activities_off_limits(db: AsyncSession, member: Member) -> set[str]:
    """Activities that either current member has set to "not right now".

    Callers leave them out silently: whose boundary it was is never said.
    """
    return set(await db.scalars(_OFF_LIMITS, reader.member_parameters(member)))


# The member's boundary changes that came with some check-ins, built once with bound parameters (every
# list of check-ins asks).
_CHANGES_WITH = (
    reader.own_bound(BoundaryChange)
    .where(BoundaryChange.checkin_id.in_(bindparam("ids", expanding=True, type_=Uuid())))
    .order_by(BoundaryChange.activity_id)
)


class BoundaryService:
    def __init__(self, db: AsyncSession, channels: ChannelsPlugin) -> None:
        self.db = db
        self.channels = channels

    # --- the activities boundaries are set on -------------------------------------------------

    async def activities(self, member: Member) -> list[ActivityRef]:
        catalog = await offered_activities(self.db)
        custom = await self.db.scalars(_CUSTOM_ACTIVITIES, reader.member_parameters(member))
        return [ActivityRef(id=a.id, title=a.title, custom=False, kind=a.kind) for a in catalog] + [
            ActivityRef(id=c.activity_id, title=c.title, custom=True) for c in custom
        ]

    async def _titles(self, member: Member) -> dict[str, str]:
        return {a.id: a.title for a in await self.activities(member)}

    # --- current boundaries --------------------------------------------------------------------

    async def overview(self, member: Member) -> BoundariesOut:
        """Both members' current boundaries, the partner's changes since the viewer last looked marked."""
        activities = await self.activities(member)
        known = {a.id for a in activities}
        seen = await self._seen(member)
        seen_at = seen.seen_at if seen else None
        rows = await self.db.scalars(_BOUNDARIES, reader.member_parameters(member))
        by_author: dict[uuid.UUID, list[BoundaryOut]] = {}
        changed = 0
        for row in rows:
            if row.activity_id not in known:
                continue
            is_new = row.author_id != member.user_id and (seen_at is None or row.updated_at > seen_at)
            changed += is_new
            by_author.setdefault(row.author_id, []).append(
                BoundaryOut(
                    activity_id=row.activity_id, level=row.level, updated_at=row.updated_at, changed_since_seen=is_new
                )
            )
        space = await SpaceService(self.db).view(member.space_id)
        members = sorted(space.members, key=lambda m: m.user_id != member.user_id)
        return BoundariesOut(
            activities=activities,
            members=[
                MemberBoundaries(
                    user_id=m.user_id,
                    display_name=m.display_name,
                    is_me=m.user_id == member.user_id,
                    boundaries=by_author.get(m.user_id, []),
                )
                for m in members
            ],
            last_seen_at=seen_at,
            changed_count=changed,
        )

    async def set_levels(
        self, member: Member, changes: Sequence[BoundaryChangeIn], *, checkin_id: uuid.UUID | None = None
    ) -> int:
        """Apply the member's changes, keeping their history; returns how many boundaries changed."""
        if not changes:
            return 0
        titles = await self._titles(member)
        wanted: dict[str, BoundaryLevel] = {}
        for change in changes:
            if change.activity_id not in titles:
                raise bad_field("activity_id", "Please choose an activity from the list.")
            wanted[change.activity_id] = change.level
        changed = 0
        now = utcnow()
        # Rows are locked in one fixed order, so two requests changing several at once cannot deadlock.
        for activity_id, level in sorted(wanted.items()):
            did_change, previous = await self._set_one(member, activity_id, level, now)
            if not did_change:
                continue
            self.db.add(
                BoundaryChange(
                    space_id=member.space_id,
                    author_id=member.user_id,
                    activity_id=activity_id,
                    level=level,
                    previous_level=previous,
                    changed_at=now,
                    checkin_id=checkin_id,
                )
            )
            changed += 1
        await self.db.flush()
        if changed:
            emit(self.db, self.channels, member.space_id, EventKind.BOUNDARIES, "changed")
        return changed

    async def _set_one(
        self, member: Member, activity_id: str, level: BoundaryLevel, now: datetime
    ) -> tuple[bool, BoundaryLevel | None]:
        """Whether the boundary changed, and its previous level (None when there was none)."""
        current = await self._own_boundary(member, activity_id, lock=True)
        if current is None:
            try:
                async with self.db.begin_nested():
                    self.db.add(
                        Boundary(
                            space_id=member.space_id,
                            author_id=member.user_id,
                            activity_id=activity_id,
                            level=level,
                            updated_at=now,
                        )
                    )
                    await self.db.flush()
                return True, None
            except IntegrityError:
                # The same member set it from another device at the same moment: update that row instead.
                current = await self._own_boundary(member, activity_id, lock=True)
                if current is None:
                    raise Conflict(detail="Something changed at the same moment. Please try again.") from None
        if current.level == level:
            return False, current.level
        previous = current.level
        current.level = level
        current.updated_at = now
        return True, previous

    async def _own_boundary(self, member: Member, activity_id: str, *, lock: bool) -> Boundary | None:
        query = reader.own(member, Boundary).where(Boundary.activity_id == activity_id)
        if lock:
            query = query.with_for_update().execution_options(populate_existing=True)
        return await self.db.scalar(query)

    # --- "changed since you last looked" -------------------------------------------------------

    async def _seen(self, member: Member) -> BoundariesSeen | None:
        seen: BoundariesSeen | None = await self.db.scalar(_SEEN, reader.member_parameters(member))
        return seen

    async def mark_seen(self, member: Member) -> None:
        now = utcnow()
        seen = await self._seen(member)
        if seen is not None:
            seen.seen_at = now
            return
        try:
            async with self.db.begin_nested():
                self.db.add(BoundariesSeen(space_id=member.space_id, author_id=member.user_id, seen_at=now))
                await self.db.flush()
        except IntegrityError:
            seen = await self._seen(member)
            if seen is not None:
                seen.seen_at = now

    # --- the author's own history --------------------------------------------------------------

    async def history(self, member: Member, cursor: str | None, limit: int) -> BoundaryHistoryPage:
        after = decode_cursor(cursor)
        rows = list(
            await self.db.scalars(
                reader.own(member, BoundaryChange)
                .where(older_than(BoundaryChange.changed_at, BoundaryChange.id, after))
                .order_by(BoundaryChange.changed_at.desc(), BoundaryChange.id.desc())
                .limit(limit + 1)
            )
        )
        titles = await self._titles(member)
        page = rows[:limit]
        return BoundaryHistoryPage(
            items=[_change_out(r, titles) for r in page],
            next_cursor=encode_cursor(page[-1].changed_at, page[-1].id) if len(rows) > limit else None,
        )

    async def changes_by_checkin(
        self, member: Member, checkin_ids: Sequence[uuid.UUID]
    ) -> dict[uuid.UUID, list[BoundaryChangeOut]]:
        """The member's own boundary changes that came with each of these check-ins."""
        if not checkin_ids:
            return {}
        rows = list(await self.db.scalars(_CHANGES_WITH, reader.member_parameters(member) | {"ids": list(checkin_ids)}))
        if not rows:  # most check-ins carry no boundary change: no titles to look up
            return {}
        titles = await self._titles(member)
        found: dict[uuid.UUID, list[BoundaryChangeOut]] = {}
        for r in rows:
            if r.checkin_id is not None:
                found.setdefault(r.checkin_id, []).append(_change_out(r, titles))
        return found

    # --- custom activities ---------------------------------------------------------------------

    async def custom_activities(self, member: Member) -> list[CustomActivityView]:
        rows = await self.db.scalars(
            reader.readable(member, CustomActivity).order_by(CustomActivity.created_at, CustomActivity.id)
        )
        return [self._custom_view(member, row) for row in rows]

    async def add_custom(self, member: Member, data: CustomActivityCreate) -> MyCustomActivity:
        title = data.title.strip()
        if not title:
            raise bad_field("title", "Please give the activity a name.")
        await lock_parent(self.db, Space, member.space_id)
        count = len(await self.custom_activities(member))
        if count >= MAX_CUSTOM_ACTIVITIES:
            raise Conflict(detail=f"A space can have up to {MAX_CUSTOM_ACTIVITIES} activities of its own.")
        row = CustomActivity(space_id=member.space_id, author_id=member.user_id, title=title, note=data.note.strip())
        self.db.add(row)
        await self.db.flush()
        emit(self.db, self.channels, member.space_id, EventKind.BOUNDARIES, "activity_added")
        return MyCustomActivity(id=row.id, title=row.title, note=row.note, created_at=row.created_at)

    async def change_custom(
        self, member: Member, activity_id: uuid.UUID, data: CustomActivityUpdate
    ) -> MyCustomActivity:
        row = await self._own_custom(member, activity_id)
        if data.title is not None:
            title = data.title.strip()
            if not title:
                raise bad_field("title", "Please give the activity a name.")
            if title != row.title:
                row.title = title
                # Only the shared name makes a signal; a change of the private note must not be observable.
                emit(self.db, self.channels, member.space_id, EventKind.BOUNDARIES, "activity_changed")
        if data.note is not None:
            row.note = data.note.strip()
        await self.db.flush()
        return MyCustomActivity(id=row.id, title=row.title, note=row.note, created_at=row.created_at)

    async def remove_custom(self, member: Member, activity_id: uuid.UUID) -> None:
        row = await self._own_custom(member, activity_id)
        # Nobody can have a boundary on an activity that no longer exists.
        await self.db.execute(
            delete(Boundary).where(Boundary.space_id == member.space_id, Boundary.activity_id == row.activity_id)
        )
        await self.db.delete(row)
        await self.db.flush()
        emit(self.db, self.channels, member.space_id, EventKind.BOUNDARIES, "activity_removed")

    async def _own_custom(self, member: Member, activity_id: uuid.UUID) -> CustomActivity:
        row = await reader.get_own(self.db, member, CustomActivity, activity_id)
        if row is None:
            raise NotFoundException()
        return row

    @staticmethod
    def _custom_view(member: Member, row: CustomActivity) -> CustomActivityView:
        if row.author_id == member.user_id:
            return MyCustomActivity(id=row.id, title=row.title, note=row.note, created_at=row.created_at)
        return PartnersCustomActivity(id=row.id, title=row.title, created_at=row.created_at)


def _change_out(row: BoundaryChange, titles: dict[str, str]) -> BoundaryChangeOut:
    return from_row(BoundaryChangeOut, row, activity_title=titles.get(row.activity_id, REMOVED_ACTIVITY))


# --- what the member shares (for the sharing overview) -------------------------------------------


def _boundaries_line(rows: Sequence[ListedRow]) -> list[SharedItem]:
    """One neutral line for all of them: the overview never spells out an activity."""
    if not rows:
        return []
    return [
        SharedItem(
            kind="boundaries",
            id="boundaries",
            label=f"Your boundaries for {len(rows)} {'activity' if len(rows) == 1 else 'activities'}",
            link="/space/boundaries",
            can_stop=False,
        )
    ]


BOUNDARY_ITEMS = SharedRows(rows=reader.own_bound(Boundary, Boundary.id, Boundary.updated_at), items=_boundaries_line)


async def clear_boundaries(db: AsyncSession, channels: ChannelsPlugin, member: Member) -> int:
    """Every boundary of the member back to "ask me first", kept in their history like any change."""
    ids = await db.scalars(
        reader.own(member, Boundary, Boundary.activity_id).where(Boundary.level != BoundaryLevel.ASK_FIRST)
    )
    changes = [BoundaryChangeIn(activity_id=i, level=BoundaryLevel.ASK_FIRST) for i in ids]
    return await BoundaryService(db, channels).set_levels(member, changes)


CUSTOM_ACTIVITY_ITEMS = SharedRows(
    rows=reader.own_bound(CustomActivity, CustomActivity.id, CustomActivity.created_at),
    items=each(
        lambda r: SharedItem(
            kind="custom_activities",
            id=str(r.id),
            label="An activity you added",
            link="/space/boundaries",
            can_stop=False,
            at=r.at,
        )
    ),
)
