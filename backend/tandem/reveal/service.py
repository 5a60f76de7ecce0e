from __future__ import annotations

import uuid

from litestar.exceptions import NotFoundException
from sqlalchemy import Select, Uuid, bindparam, delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from tandem.access import reader
from tandem.access.membership import Member
from tandem.core.db import utcnow
from tandem.core.errors import Conflict
from tandem.reveal.models import RevealKind, RevealRound, RevealSeat, RoundState

NO_PARTNER = "Your partner hasn't joined your space yet, so there's nobody to reveal to."
ALREADY_ANSWERED = "You've already answered. Your answer stays hidden until your partner has answered too."
ALREADY_REVEALED = "You've both answered, so this has already been revealed."
CANCELLED = "This was cancelled, so nothing was revealed."
ONLY_STARTER = "Only the one who started this can cancel it."
SEATS = 2


def _open_key(kind: RevealKind, space_id: uuid.UUID, subject: str) -> str:
    return f"{kind.value}:{space_id}:{subject}"


# Which of some rounds of a space are still open, built once with bound parameters (every list of
# check-ins asks).
_STILL_OPEN = select(RevealRound.id).where(
    RevealRound.space_id == bindparam("space_id"),
    RevealRound.id.in_(bindparam("ids", expanding=True, type_=Uuid())),
    RevealRound.revealed_at.is_(None),
    RevealRound.cancelled_at.is_(None),
)


class RevealService:
    """Rounds of one space. Every change locks the round row first (`SELECT ... FOR UPDATE`; on SQLite
    each write transaction is already exclusive), so concurrent answers are applied one after the other.
    """

    def __init__(self, db: AsyncSession) -> None:
        self.db = db

    async def start(self, member: Member, kind: RevealKind, subject: str = "") -> RevealRound:
        """Open a round and take a seat in it; when one is already open for this subject, join that one."""
        if member.partner_user_id is None:
            raise Conflict(detail=NO_PARTNER)
        key = _open_key(kind, member.space_id, subject)
        started = RevealRound(space_id=member.space_id, kind=kind, started_by=member.user_id, open_key=key)
        try:
            async with self.db.begin_nested():
                self.db.add(started)
                await self.db.flush()
        except IntegrityError:
            # The partner started one a moment earlier: both end up in the same round.
            existing = await self.open_round(member, kind, subject)
            if existing is None:
                raise Conflict(detail="Something changed at the same moment. Please try again.") from None
            started = existing
        locked = await self.lock(member, kind, started.id)
        await self.join(member, locked)
        return locked

    async def open_round(self, member: Member, kind: RevealKind, subject: str = "") -> RevealRound | None:
        return await self.db.scalar(
            select(RevealRound).where(
                RevealRound.open_key == _open_key(kind, member.space_id, subject),
                RevealRound.space_id == member.space_id,
            )
        )

    async def find(self, member: Member, kind: RevealKind, round_id: uuid.UUID) -> RevealRound:
        found = await self.db.scalar(self._in_space(member, kind, round_id))
        if found is None:
            raise NotFoundException()
        return found

    async def lock(self, member: Member, kind: RevealKind, round_id: uuid.UUID) -> RevealRound:
        """The round, locked for the rest of the transaction."""
        found = await self.db.scalar(
            self._in_space(member, kind, round_id).with_for_update().execution_options(populate_existing=True)
        )
        if found is None:
            raise NotFoundException()
        return found

    async def join(self, member: Member, locked: RevealRound) -> bool:
        """Take a seat in an open round; True when the member had none yet."""
        _, created = await self._take_seat(member, locked)
        return created

    async def _take_seat(self, member: Member, locked: RevealRound) -> tuple[RevealSeat, bool]:
        self.ensure_open(locked)
        seat = await self._seat_of(member, locked)
        if seat is not None:
            return seat, False
        seat = RevealSeat(round_id=locked.id, space_id=member.space_id, author_id=member.user_id)
        self.db.add(seat)
        await self.db.flush()
        return seat, True

    async def record_answer(self, member: Member, locked: RevealRound) -> bool:
        """Mark the member's seat answered; reveal the round when both members have. True if this revealed it."""
        seat, _ = await self._take_seat(member, locked)
        if seat.answered_at is not None:
            raise Conflict(detail=ALREADY_ANSWERED)
        seat.answered_at = utcnow()
        await self.db.flush()
        # Only the current two members count: the readable seats are the caller's and their partner's.
        answered = await self.db.scalar(
            reader.readable(member, RevealSeat, func.count()).where(
                RevealSeat.round_id == locked.id, RevealSeat.answered_at.is_not(None)
            )
        )
        if (answered or 0) < SEATS:
            return False
        locked.revealed_at = utcnow()
        locked.open_key = None
        await self.db.flush()
        return True

    async def cancel(self, member: Member, locked: RevealRound) -> None:
        self.ensure_open(locked)
        if not self.may_call_off(member, locked):
            raise Conflict(detail=ONLY_STARTER)
        locked.cancelled_at = utcnow()
        locked.open_key = None
        await self.db.flush()

    async def close_open_rounds(self, space_id: uuid.UUID) -> None:
        """Cancel every open round of the space: called when a member leaves (or deletes their account).

        An answer was written for the partner of that moment; once the membership changes, no later
        partner may complete the round and so reveal it. The answers stay their authors' private records.
        Runs in the caller's transaction; a round being answered right now is locked, so this waits for it.
        """
        await self.db.execute(
            update(RevealRound)
            .where(
                RevealRound.space_id == space_id,
                RevealRound.revealed_at.is_(None),
                RevealRound.cancelled_at.is_(None),
            )
            .values(cancelled_at=utcnow(), open_key=None)
            .execution_options(synchronize_session="fetch")
        )

    async def waiting_rounds(self, member: Member) -> list[RevealRound]:
        """Open rounds of the space in which the member has a seat (joined or answered), oldest first."""
        return list(
            await self.db.scalars(
                select(RevealRound)
                .join(RevealSeat, RevealSeat.round_id == RevealRound.id)
                .where(
                    reader.own_rows(member, RevealSeat),
                    RevealRound.space_id == member.space_id,
                    RevealRound.revealed_at.is_(None),
                    RevealRound.cancelled_at.is_(None),
                )
                .order_by(RevealRound.created_at)
            )
        )

    async def call_off_for(self, member: Member) -> list[uuid.UUID]:
        """Call off every open round the member sits in, whoever started it, and take their seat out:
        the partner sees a round that was called off, as after any cancel, and not that they joined.
        Returns the rounds' ids, so each domain can delete the member's unrevealed answers in them."""
        rounds = await self.waiting_rounds(member)
        ids = [r.id for r in rounds]
        if not ids:
            return []
        # Locked in one order (id), like every other change of a round.
        locked = await self.db.scalars(
            select(RevealRound).where(RevealRound.id.in_(ids)).order_by(RevealRound.id).with_for_update()
        )
        now = utcnow()
        for found in locked:
            found.cancelled_at = now
            found.open_key = None
        await self.db.execute(
            delete(RevealSeat)
            .where(reader.own_rows(member, RevealSeat), RevealSeat.round_id.in_(ids))
            .execution_options(synchronize_session="fetch")
        )
        await self.db.flush()
        return ids

    @staticmethod
    def may_call_off(member: Member, found: RevealRound) -> bool:
        """The starter may; so may the one left when the starter is no longer in the space."""
        if found.started_by is None or found.started_by == member.user_id:
            # A NULL starter deleted their account: whoever is still here may call it off.
            return True
        return found.started_by != member.partner_user_id

    async def still_open(self, member: Member, round_ids: set[uuid.UUID]) -> set[uuid.UUID]:
        """Those of these rounds (of the member's space) that are neither revealed nor cancelled."""
        if not round_ids:
            return set()
        return set(await self.db.scalars(_STILL_OPEN, {"space_id": member.space_id, "ids": list(round_ids)}))

    async def seats(self, member: Member, round_id: uuid.UUID) -> list[RevealSeat]:
        rows = await self.db.scalars(
            reader.readable(member, RevealSeat).where(RevealSeat.round_id == round_id).order_by(RevealSeat.joined_at)
        )
        return list(rows)

    @staticmethod
    def ensure_open(found: RevealRound) -> None:
        if found.state is RoundState.REVEALED:
            raise Conflict(detail=ALREADY_REVEALED)
        if found.state is RoundState.CANCELLED:
            raise Conflict(detail=CANCELLED)

    async def _seat_of(self, member: Member, found: RevealRound) -> RevealSeat | None:
        return await self.db.scalar(reader.own(member, RevealSeat).where(RevealSeat.round_id == found.id))

    @staticmethod
    def _in_space(member: Member, kind: RevealKind, round_id: uuid.UUID) -> Select[RevealRound]:
        return select(RevealRound).where(
            RevealRound.id == round_id, RevealRound.space_id == member.space_id, RevealRound.kind == kind
        )
