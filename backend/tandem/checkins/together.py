"""Checking in together: both fill in the same short check-in; neither sees the other's until both have."""

from __future__ import annotations

import uuid

from litestar.channels import ChannelsPlugin
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from tandem.access import reader
from tandem.access.membership import Member
from tandem.checkins.models import CheckIn, Visibility
from tandem.checkins.schemas import MyCheckin, PartnersCheckin, SeatOut, TogetherAnswer, TogetherOut
from tandem.checkins.service import CheckinService
from tandem.events.channels import emit
from tandem.events.schemas import EventKind
from tandem.reveal.models import RevealKind, RevealRound, RoundState
from tandem.reveal.service import RevealService

KIND = RevealKind.CHECKIN


class TogetherService:
    def __init__(self, db: AsyncSession, channels: ChannelsPlugin) -> None:
        self.db = db
        self.channels = channels
        self.reveal = RevealService(db)
        self.checkins = CheckinService(db, channels)

    async def start(self, member: Member) -> TogetherOut:
        started = await self.reveal.start(member, KIND)
        self._signal(member, "started", started.id)
        return await self.view(member, started)

    async def current(self, member: Member) -> TogetherOut | None:
        found = await self.reveal.open_round(member, KIND)
        return None if found is None else await self.view(member, found)

    async def get(self, member: Member, round_id: uuid.UUID) -> TogetherOut:
        return await self.view(member, await self.reveal.find(member, KIND, round_id))

    async def join(self, member: Member, round_id: uuid.UUID) -> TogetherOut:
        locked = await self.reveal.lock(member, KIND, round_id)
        if await self.reveal.join(member, locked):
            self._signal(member, "joined", locked.id)
        return await self.view(member, locked)

    async def answer(self, member: Member, round_id: uuid.UUID, data: TogetherAnswer) -> TogetherOut:
        # Validate before taking the lock, so a bad answer holds nobody up.
        answer = await self.checkins.new_checkin(member, data, round_id=round_id)
        locked = await self.reveal.lock(member, KIND, round_id)
        revealed = await self.reveal.record_answer(member, locked)
        self.db.add(answer)
        await self.db.flush()
        if revealed:
            # Both answers become shared in the very transaction that reveals the round.
            await self.db.execute(
                update(CheckIn)
                .where(CheckIn.space_id == member.space_id, CheckIn.round_id == locked.id)
                .values(visibility=Visibility.SHARED)
                .execution_options(synchronize_session="fetch")
            )
        self._signal(member, "revealed" if revealed else "answered", locked.id)
        return await self.view(member, locked)

    async def cancel(self, member: Member, round_id: uuid.UUID) -> TogetherOut:
        """The starter calls it off: nothing is revealed; any answer stays its author's private check-in."""
        locked = await self.reveal.lock(member, KIND, round_id)
        await self.reveal.cancel(member, locked)
        self._signal(member, "cancelled", locked.id)
        return await self.view(member, locked)

    async def view(self, member: Member, found: RevealRound) -> TogetherOut:
        seats = await self.reveal.seats(member, found.id)
        rows = list(
            await self.db.scalars(
                reader.readable(member, CheckIn).where(CheckIn.round_id == found.id).order_by(CheckIn.created_at)
            )
        )
        views = await self.checkins.views(member, rows)
        mine = next((v for v in views if isinstance(v, MyCheckin)), None)
        partners = next((v for v in views if isinstance(v, PartnersCheckin)), None)
        return TogetherOut(
            id=found.id,
            state=found.state,
            started_by_me=found.started_by == member.user_id,
            can_call_off=found.state is RoundState.OPEN and self.reveal.may_call_off(member, found),
            created_at=found.created_at,
            revealed_at=found.revealed_at,
            seats=[
                SeatOut(
                    user_id=s.author_id,
                    is_me=s.author_id == member.user_id,
                    joined_at=s.joined_at,
                    answered=s.answered_at is not None,
                )
                for s in seats
            ],
            mine=mine,
            partners=partners,
        )

    def _signal(self, member: Member, change: str, round_id: uuid.UUID) -> None:
        emit(self.db, self.channels, member.space_id, EventKind.TOGETHER, change, round_id)
