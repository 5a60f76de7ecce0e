"""The overview of what a member shares, and stopping all of it in one transaction.

For the partner the result must look as if these things had never been shared: every change below
is one a member could make item by item, and the live stream gets one fixed set of content-free
"refetch" signals whatever was (or was not) stopped, so it tells nothing about what or how much.
"""

from __future__ import annotations

import functools
from collections import defaultdict

from litestar.channels import ChannelsPlugin
from sqlalchemy import Executable, Integer, literal_column, union_all
from sqlalchemy.ext.asyncio import AsyncSession

from tandem.access import reader
from tandem.access.membership import Member
from tandem.accounts.service import end_other_sessions
from tandem.boundaries.service import clear_boundaries
from tandem.checkins import service as checkins
from tandem.core.db import utcnow
from tandem.events.channels import emit
from tandem.events.schemas import EventKind
from tandem.prompts import conversations
from tandem.reveal.models import RevealKind
from tandem.reveal.service import RevealService
from tandem.sharing.listing import NO_END, ListedRow
from tandem.sharing.registry import KINDS, SharedKind
from tandem.sharing.schemas import SharedByMe, SharedGroup, SharedItem, StopSharingIn, StopSharingOut
from tandem.spaces.service import SpaceService

# Sent on every call, in this order, with no id: the partner's open pages refetch and simply find less.
REFETCH = (EventKind.CHECKIN, EventKind.TOGETHER, EventKind.CONVERSATION, EventKind.SUMMARY, EventKind.PLAN)
WAITING = "waiting_answers"


async def _waiting_items(db: AsyncSession, member: Member) -> list[SharedItem]:
    rounds = await RevealService(db).waiting_rounds(member)
    return [
        SharedItem(
            kind=WAITING,
            id=str(r.id),
            label="Answering together, not revealed yet",
            link=f"/space/together/{r.id}" if r.kind is RevealKind.CHECKIN else "/space/prompts",
            can_stop=False,
            at=r.created_at,
        )
        for r in rounds
    ]


@functools.cache
def _listed_rows(kinds: tuple[SharedKind, ...]) -> Executable:
    """Every kind's rows in one UNION ALL of (id, time, end, the kind's place in `kinds`),
    built once for the registered kinds."""
    return union_all(
        *(
            k.listed.rows.add_columns(
                k.listed.until if k.listed.until is not None else NO_END, literal_column(str(place), Integer)
            )
            for place, k in enumerate(kinds)
        )
    )


async def _listed(db: AsyncSession, member: Member, kinds: tuple[SharedKind, ...]) -> dict[int, list[ListedRow]]:
    parameters = reader.member_parameters(member) | {"joined_at": member.membership.joined_at, "now": utcnow()}
    found: dict[int, list[ListedRow]] = defaultdict(list)
    for row_id, at, until, place in await db.execute(_listed_rows(kinds), parameters):
        found[place].append(ListedRow(row_id, at, until))
    for rows in found.values():
        rows.sort(key=lambda r: (r.at, r.id), reverse=True)  # newest first
    return found


async def shared_by(db: AsyncSession, member: Member) -> SharedByMe:
    kinds = tuple(KINDS)
    listed = await _listed(db, member, kinds)
    groups = []
    for place, k in enumerate(kinds):
        items = k.listed.items(listed[place])
        groups.append(SharedGroup(kind=k.kind, title=k.title, stops_with_everything=k.stop is not None, items=items))
    groups.append(
        SharedGroup(
            kind=WAITING,
            title="Answers waiting to be revealed",
            stops_with_everything=True,
            items=await _waiting_items(db, member),
        )
    )
    return SharedByMe(groups=groups)


async def stop_sharing(
    db: AsyncSession, channels: ChannelsPlugin, member: Member, choice: StopSharingIn
) -> StopSharingOut:
    """Everything in the caller's one transaction: it all happens, or (on any error) none of it."""
    stopped: dict[str, int] = {}
    for kind in KINDS:
        if kind.stop is not None:
            stopped[kind.kind] = await kind.stop(db, member)
    round_ids = await RevealService(db).call_off_for(member)
    await checkins.delete_unrevealed_answers(db, member, round_ids)
    await conversations.delete_unrevealed_answers(db, member, round_ids)
    stopped[WAITING] = len(round_ids)
    stopped["other_sessions"] = await end_other_sessions(db, member.user_id, member.session_id)
    stopped["boundaries"] = await clear_boundaries(db, channels, member) if choice.clear_boundaries else 0
    for signal in REFETCH:
        emit(db, channels, member.space_id, signal, "changed")
    if choice.leave_space:
        await SpaceService(db).leave(member.membership)
    return StopSharingOut(stopped=stopped, left_space=choice.leave_space)
