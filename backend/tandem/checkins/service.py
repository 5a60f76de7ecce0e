"""Check-ins: writing them, the author's journal, the partner's view of shared ones, acknowledgements."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from litestar.channels import ChannelsPlugin
from litestar.exceptions import NotFoundException
from sqlalchemy import Uuid, bindparam, select, update
from sqlalchemy import delete as sa_delete
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from tandem.access import reader
from tandem.access.membership import Member
from tandem.boundaries.service import BoundaryService
from tandem.checkins.models import Acknowledgement, CheckIn, Feeling, Visibility
from tandem.checkins.schemas import (
    AcknowledgementIn,
    AcknowledgementOut,
    CheckinCreate,
    CheckinPage,
    CheckinView,
    FeelingFamilyEntry,
    FeelingFamilyOut,
    FeelingOut,
    MoodPoint,
    MyCheckin,
    PartnersCheckin,
    TogetherAnswer,
)
from tandem.core.catalog import CatalogCache, CatalogError, CatalogFile, SyncReport, read_catalog, sync_rows
from tandem.core.db import utcnow
from tandem.core.errors import Conflict, bad_field
from tandem.core.mapping import from_row
from tandem.core.paging import cursor_parameters, decode_cursor, encode_cursor, older_than_bound
from tandem.events.channels import emit
from tandem.events.schemas import EventKind
from tandem.reveal.service import RevealService
from tandem.sharing.listing import SharedRows, each
from tandem.sharing.schemas import SharedItem

CATALOG_FILE = Path(__file__).parent / "data" / "feelings.yaml"
AWAITING_REVEAL = "This check-in is waiting to be revealed together with your partner's, so it can't change yet."
OWN_CHECKIN = "This is your own check-in. Acknowledgements are for your partner's."


# --- the feelings vocabulary ------------------------------------------------------------------


def read_feelings(path: Path = CATALOG_FILE) -> CatalogFile[FeelingFamilyEntry]:
    catalog = read_catalog(path, FeelingFamilyEntry)
    words = [word.id for family in catalog.items for word in family.words]
    repeated = sorted({w for w in words if words.count(w) > 1})
    if repeated:
        raise CatalogError(f"{path.name}: repeated word ids {repeated}")
    return catalog


async def sync_feelings(db: AsyncSession) -> SyncReport:
    catalog = read_feelings()
    words = [(family, word) for family in catalog.items for word in family.words]
    rows: list[dict[str, object]] = [
        {"id": word.id, "family": family.id, "family_title": family.title, "word": word.word, "position": position}
        for position, (family, word) in enumerate(words)
    ]
    return await sync_rows(db, Feeling, rows)


@dataclass(frozen=True, slots=True)
class FeelingWords:
    """The feelings vocabulary as requests use it: every word ever offered (old check-ins keep retired
    ones), and the families offered today."""

    by_id: dict[str, FeelingOut]
    offered: frozenset[str]
    families: tuple[FeelingFamilyOut, ...]


async def _load_feelings(db: AsyncSession) -> FeelingWords:
    rows = list(await db.scalars(select(Feeling).order_by(Feeling.position)))
    families: dict[str, FeelingFamilyOut] = {}
    for row in rows:
        if not row.retired:
            family = families.setdefault(row.family, FeelingFamilyOut(id=row.family, title=row.family_title, words=[]))
            family.words.append(FeelingOut(id=row.id, word=row.word, family=row.family))
    return FeelingWords(
        by_id={row.id: FeelingOut(id=row.id, word=row.word, family=row.family) for row in rows},
        offered=frozenset(row.id for row in rows if not row.retired),
        families=tuple(families.values()),
    )


# Decoded once per process, dropped at every sync (core/catalog.py): every check-in list reads it.
FEELINGS = CatalogCache(_load_feelings)


async def list_feelings(db: AsyncSession) -> list[FeelingFamilyOut]:
    return list((await FEELINGS.get(db)).families)


# --- check-ins --------------------------------------------------------------------------------


# The list's reads, built once with the member (and the cursor) as bound parameters: building them and
# their cache keys on every request cost more than some of them take to run.
_PAGE = reader.readable_bound(CheckIn).order_by(CheckIn.created_at.desc(), CheckIn.id.desc()).limit(bindparam("limit"))
_PAGE_AFTER = _PAGE.where(older_than_bound(CheckIn.created_at, CheckIn.id))
_ACKNOWLEDGEMENTS = reader.readable_bound(Acknowledgement).where(
    Acknowledgement.checkin_id.in_(bindparam("ids", expanding=True, type_=Uuid()))
)


class CheckinService:
    def __init__(self, db: AsyncSession, channels: ChannelsPlugin) -> None:
        self.db = db
        self.channels = channels
        self.boundaries = BoundaryService(db, channels)
        self.reveal = RevealService(db)

    async def new_checkin(
        self, member: Member, data: CheckinCreate | TogetherAnswer, *, round_id: uuid.UUID | None = None
    ) -> CheckIn:
        """A validated, unsaved check-in of the member; private unless the form said shared."""
        feelings = await self._valid_feelings(data.feelings)
        own_words = _valid_own_words(data.own_words)
        visibility = data.visibility if isinstance(data, CheckinCreate) else Visibility.PRIVATE
        return CheckIn(
            space_id=member.space_id,
            author_id=member.user_id,
            mood=data.mood,
            feelings=feelings,
            own_words=own_words,
            closeness=data.closeness,
            help_from_you=data.help_from_you.strip(),
            note=data.note.strip(),
            visibility=visibility,
            round_id=round_id,
            created_at=utcnow(),
        )

    async def create(self, member: Member, data: CheckinCreate) -> MyCheckin:
        row = await self.new_checkin(member, data)
        self.db.add(row)
        await self.db.flush()
        await self.boundaries.set_levels(member, data.boundaries, checkin_id=row.id)
        if row.visibility is Visibility.SHARED:
            emit(self.db, self.channels, member.space_id, EventKind.CHECKIN, "shared", row.id)
        view = (await self.views(member, [row]))[0]
        assert isinstance(view, MyCheckin)
        return view

    async def page(self, member: Member, cursor: str | None, limit: int) -> CheckinPage:
        """My check-ins (all of them) and my partner's shared ones, newest first."""
        after = decode_cursor(cursor)
        parameters = reader.member_parameters(member) | {"limit": limit + 1}
        if after is None:
            rows = list(await self.db.scalars(_PAGE, parameters))
        else:
            rows = list(await self.db.scalars(_PAGE_AFTER, parameters | cursor_parameters(after)))
        page = rows[:limit]
        return CheckinPage(
            items=await self.views(member, page),
            next_cursor=encode_cursor(page[-1].created_at, page[-1].id) if len(rows) > limit else None,
        )

    async def get(self, member: Member, checkin_id: uuid.UUID) -> CheckinView:
        return (await self.views(member, [await self._readable(member, checkin_id)]))[0]

    async def change_visibility(self, member: Member, checkin_id: uuid.UUID, visibility: Visibility) -> MyCheckin:
        row = await self._own(member, checkin_id)
        await self._ensure_not_awaiting_reveal(member, row)
        if row.visibility is not visibility:
            row.visibility = visibility
            await self.db.flush()
            change = "shared" if visibility is Visibility.SHARED else "unshared"
            emit(self.db, self.channels, member.space_id, EventKind.CHECKIN, change, row.id)
        view = (await self.views(member, [row]))[0]
        assert isinstance(view, MyCheckin)
        return view

    async def delete(self, member: Member, checkin_id: uuid.UUID) -> None:
        row = await self._own(member, checkin_id)
        await self._ensure_not_awaiting_reveal(member, row)
        was_shared = row.visibility is Visibility.SHARED
        await self.db.delete(row)
        await self.db.flush()
        if was_shared:
            emit(self.db, self.channels, member.space_id, EventKind.CHECKIN, "removed", checkin_id)

    async def acknowledge(self, member: Member, checkin_id: uuid.UUID, data: AcknowledgementIn) -> PartnersCheckin:
        row = await self._readable(member, checkin_id)
        if row.author_id == member.user_id:
            raise Conflict(detail=OWN_CHECKIN)
        now = utcnow()
        mine = await self._my_acknowledgement(member, row.id)
        if mine is None:
            try:
                async with self.db.begin_nested():
                    self.db.add(
                        Acknowledgement(
                            space_id=member.space_id,
                            author_id=member.user_id,
                            checkin_id=row.id,
                            kind=data.kind,
                            reply=data.reply.strip(),
                            created_at=now,
                            updated_at=now,
                        )
                    )
                    await self.db.flush()
            except IntegrityError:
                mine = await self._my_acknowledgement(member, row.id)
                if mine is None:
                    raise Conflict(detail="Something changed at the same moment. Please try again.") from None
        if mine is not None:
            mine.kind = data.kind
            mine.reply = data.reply.strip()
            mine.updated_at = now
            await self.db.flush()
        emit(self.db, self.channels, member.space_id, EventKind.CHECKIN, "acknowledged", row.id)
        view = (await self.views(member, [row]))[0]
        assert isinstance(view, PartnersCheckin)
        return view

    async def moods(self, member: Member, days: int) -> list[MoodPoint]:
        """My own moods over the last `days` days, oldest first (for my chart; never my partner's)."""
        rows = await self.db.execute(
            reader.own(member, CheckIn, CheckIn.created_at, CheckIn.mood)
            .where(CheckIn.created_at >= utcnow() - timedelta(days=days))
            .order_by(CheckIn.created_at, CheckIn.id)
        )
        return [MoodPoint(at=at, mood=mood) for at, mood in rows]

    # --- views ---------------------------------------------------------------------------------

    async def views(self, member: Member, rows: Sequence[CheckIn]) -> list[CheckinView]:
        """Each row as its viewer may see it: the author's view, or the partner's view of a shared one."""
        if not rows:
            return []
        ids = [r.id for r in rows]
        feelings = await self._feelings_by_id()
        acknowledgements: dict[tuple[uuid.UUID, uuid.UUID], Acknowledgement] = {
            (a.checkin_id, a.author_id): a
            for a in await self.db.scalars(_ACKNOWLEDGEMENTS, reader.member_parameters(member) | {"ids": ids})
        }
        pending = await self.reveal.still_open(member, {r.round_id for r in rows if r.round_id})
        carried = await self.boundaries.changes_by_checkin(
            member, [r.id for r in rows if r.author_id == member.user_id]
        )
        views: list[CheckinView] = []
        for row in rows:
            words = [feelings[f] for f in row.feelings if f in feelings]
            if row.author_id == member.user_id:
                ack = acknowledgements.get((row.id, member.partner_user_id)) if member.partner_user_id else None
                views.append(
                    from_row(
                        MyCheckin,
                        row,
                        feelings=words,
                        own_words=list(row.own_words),
                        together=row.round_id is not None,
                        awaiting_reveal=row.round_id in pending,
                        acknowledgement=_ack_out(ack),
                        boundary_changes=carried.get(row.id, []),
                    )
                )
            else:
                views.append(
                    from_row(
                        PartnersCheckin,
                        row,
                        feelings=words,
                        own_words=list(row.own_words),
                        together=row.round_id is not None,
                        my_acknowledgement=_ack_out(acknowledgements.get((row.id, member.user_id))),
                    )
                )
        return views

    # --- helpers -------------------------------------------------------------------------------

    async def _readable(self, member: Member, checkin_id: uuid.UUID) -> CheckIn:
        row = await reader.get_readable(self.db, member, CheckIn, checkin_id)
        if row is None:
            raise NotFoundException()
        return row

    async def _own(self, member: Member, checkin_id: uuid.UUID) -> CheckIn:
        row = await reader.get_own(self.db, member, CheckIn, checkin_id)
        if row is None:
            raise NotFoundException()
        return row

    async def _my_acknowledgement(self, member: Member, checkin_id: uuid.UUID) -> Acknowledgement | None:
        return await self.db.scalar(reader.own(member, Acknowledgement).where(Acknowledgement.checkin_id == checkin_id))

    async def _ensure_not_awaiting_reveal(self, member: Member, row: CheckIn) -> None:
        if row.round_id is not None and await self.reveal.still_open(member, {row.round_id}):
            raise Conflict(detail=AWAITING_REVEAL)

    async def _feelings_by_id(self) -> dict[str, FeelingOut]:
        return (await FEELINGS.get(self.db)).by_id

    async def _valid_feelings(self, chosen: Sequence[str]) -> list[str]:
        if not chosen:
            return []
        offered = (await FEELINGS.get(self.db)).offered
        if any(f not in offered for f in chosen):
            raise bad_field("feelings", "Please choose feelings from the list.")
        return list(dict.fromkeys(chosen))


def _valid_own_words(words: Sequence[str]) -> list[str]:
    cleaned = [w.strip() for w in words]
    if any(not w for w in cleaned):
        raise bad_field("own_words", "Leave out empty words, or write something in them.")
    unique: dict[str, str] = {}
    for word in cleaned:
        unique.setdefault(word.casefold(), word)
    return list(unique.values())


def _ack_out(ack: Acknowledgement | None) -> AcknowledgementOut | None:
    if ack is None:
        return None
    return from_row(AcknowledgementOut, ack)


# --- what the member shares (for the sharing overview) -------------------------------------------


SHARED_CHECKINS = SharedRows(
    rows=reader.own_bound(CheckIn, CheckIn.id, CheckIn.created_at).where(CheckIn.visibility == Visibility.SHARED),
    items=each(
        lambda r: SharedItem(
            kind="checkins", id=str(r.id), label="Check-in", link="/space/checkins", can_stop=True, at=r.at
        )
    ),
)


async def unshare_all_checkins(db: AsyncSession, member: Member) -> int:
    """Every shared check-in of the member back to private, as the one-by-one unshare does (revealed
    together ones too: once revealed each is its author's to unshare)."""
    result = await db.execute(
        update(CheckIn)
        .where(reader.own_rows(member, CheckIn), CheckIn.visibility == Visibility.SHARED)
        .values(visibility=Visibility.PRIVATE)
        .execution_options(synchronize_session="fetch")
    )
    return int(getattr(result, "rowcount", 0) or 0)


async def delete_unrevealed_answers(db: AsyncSession, member: Member, round_ids: Sequence[uuid.UUID]) -> int:
    """The member's answers in rounds called off before the reveal: gone, as if never given."""
    if not round_ids:
        return 0
    result = await db.execute(
        sa_delete(CheckIn)
        .where(reader.own_rows(member, CheckIn), CheckIn.round_id.in_(list(round_ids)))
        .execution_options(synchronize_session="fetch")
    )
    return int(getattr(result, "rowcount", 0) or 0)
