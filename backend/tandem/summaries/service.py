"""Drafting, publishing, editing and withdrawing summaries, and the partner's reactions.

Who may read a summary is decided by `Summary.partner_visibility` through `access.reader`:
published means visible to the partner, anything else means it does not exist for them.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

import msgspec
from litestar.channels import ChannelsPlugin
from litestar.exceptions import NotFoundException, PermissionDeniedException
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from tandem.access import reader
from tandem.access.export_scope import ExportScope
from tandem.access.membership import Member
from tandem.access.policy import is_author
from tandem.core.catalog import SyncReport, read_catalog, sync_rows
from tandem.core.db import utcnow
from tandem.core.errors import Conflict, bad_field
from tandem.core.mapping import from_row
from tandem.core.paging import decode_cursor, keyset_page, older_than
from tandem.core.text import optional_text
from tandem.events.channels import emit
from tandem.events.schemas import EventKind
from tandem.practice import progress
from tandem.practice.service import PracticeService
from tandem.sharing.listing import SharedRows, each
from tandem.sharing.schemas import SharedItem
from tandem.summaries.drafting import draft_lines
from tandem.summaries.models import ReactionKind, Summary, SummaryLine, SummaryReaction, SummaryStatus
from tandem.summaries.schemas import (
    LineOut,
    ReactionKindOut,
    ReactionOut,
    SharedSummaryOut,
    SharedSummaryPage,
    SummaryOut,
    SummaryPage,
    SummaryUpdate,
)

CATALOG_FILE = Path(__file__).parent / "data" / "reactions.yaml"

NOTHING_TO_SHARE = "Tick at least one line or write a message. To stop sharing, withdraw the summary instead."
NOT_SHARED = "This summary isn't shared, so there is nothing to withdraw."
OWN_SUMMARY = "Reactions are for the other member of the space."


class ReactionKindEntry(msgspec.Struct, forbid_unknown_fields=True):
    """One entry of reactions.yaml."""

    id: str
    text: str


async def sync_reaction_kinds(db: AsyncSession) -> SyncReport:
    catalog = read_catalog(CATALOG_FILE, ReactionKindEntry)
    rows = [{"id": item.id, "text": item.text, "position": i} for i, item in enumerate(catalog.items)]
    return await sync_rows(db, ReactionKind, rows)


async def list_reaction_kinds(db: AsyncSession) -> list[ReactionKindOut]:
    rows = await db.scalars(select(ReactionKind).where(ReactionKind.retired.is_(False)).order_by(ReactionKind.position))
    return [ReactionKindOut(id=k.id, text=k.text) for k in rows]


def line_out(line: SummaryLine) -> LineOut:
    return from_row(LineOut, line)


def shared_view(
    summary: Summary,
    lines: Sequence[SummaryLine],
    reactions: list[ReactionOut],
    *,
    included: dict[uuid.UUID, bool] | None = None,
    message: str | None = None,
    updated: bool | None = None,
    published_at: datetime | None = None,
) -> SharedSummaryOut:
    """The one function that shapes what the partner sees. The preview goes through it too, passing the
    choices not yet saved (`included`, `message`, and whether and when a publication would show them)."""
    ticked = included if included is not None else {line.id: line.included for line in lines}
    return SharedSummaryOut(
        id=summary.id,
        period_start=summary.period_start,
        period_end=summary.period_end,
        lines=[line.text for line in sorted(lines, key=lambda x: x.position) if ticked[line.id]],
        message=message if included is not None else summary.message,
        updated=updated if updated is not None else edited_since_published(summary),
        published_at=published_at or summary.published_at or utcnow(),
        reactions=reactions,
    )


def edited_since_published(summary: Summary) -> bool:
    """Edited while shared this time. Publishing sets `published_at` and `updated_at` alike, and only a
    change while published moves `updated_at` on, so a withdrawal and a new publication start afresh:
    the partner learns nothing of earlier publications."""
    return (
        summary.status is SummaryStatus.PUBLISHED
        and summary.published_at is not None
        and summary.updated_at > summary.published_at
    )


class SummaryService:
    def __init__(self, db: AsyncSession, member: Member, channels: ChannelsPlugin) -> None:
        self.db = db
        self.member = member
        self.channels = channels

    def _signal(self, change: str, summary_id: uuid.UUID) -> None:
        """Only changes to what the partner can read make a signal: a draft's changes make none."""
        emit(self.db, self.channels, self.member.space_id, EventKind.SUMMARY, change, summary_id)

    # --- loading ---------------------------------------------------------------------------------
    async def _lines(self, summary_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, list[SummaryLine]]:
        found: dict[uuid.UUID, list[SummaryLine]] = {i: [] for i in summary_ids}
        if not summary_ids:
            return found
        rows = await self.db.scalars(
            select(SummaryLine).where(SummaryLine.summary_id.in_(summary_ids)).order_by(SummaryLine.position)
        )
        for line in rows:
            found[line.summary_id].append(line)
        return found

    async def _reactions(self, summary_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, list[ReactionOut]]:
        found: dict[uuid.UUID, list[ReactionOut]] = {i: [] for i in summary_ids}
        if not summary_ids:
            return found
        rows = await self.db.execute(
            reader.readable(self.member, SummaryReaction, SummaryReaction, ReactionKind.text)
            .join(ReactionKind, ReactionKind.id == SummaryReaction.kind_id)
            .where(SummaryReaction.summary_id.in_(summary_ids))
            .order_by(SummaryReaction.created_at)
        )
        for reaction, text in rows:
            if reaction.summary_id is None:  # never: only reactions to these summaries are read
                continue
            found[reaction.summary_id].append(
                ReactionOut(
                    kind=reaction.kind_id, text=text, created_at=reaction.created_at, updated_at=reaction.updated_at
                )
            )
        return found

    async def _own(self, summary_id: uuid.UUID) -> Summary:
        """One of the caller's own summaries, locked for the rest of the transaction."""
        summary = await reader.get_own(self.db, self.member, Summary, summary_id, for_update=True)
        if summary is None:
            raise NotFoundException()
        return summary

    async def _published(self, summary_id: uuid.UUID) -> Summary:
        """A summary the caller may read that is shared in the space right now; else the usual 404."""
        summary = await reader.get_readable(self.db, self.member, Summary, summary_id)
        if summary is None or summary.status is not SummaryStatus.PUBLISHED:
            raise NotFoundException()
        return summary

    async def _author_views(self, summaries: Sequence[Summary]) -> list[SummaryOut]:
        ids = [s.id for s in summaries]
        lines, reactions = await self._lines(ids), await self._reactions(ids)
        return [
            from_row(SummaryOut, s, lines=[line_out(x) for x in lines[s.id]], reactions=reactions[s.id])
            for s in summaries
        ]

    async def _author_view(self, summary: Summary) -> SummaryOut:
        return (await self._author_views([summary]))[0]

    async def _shared_views(self, summaries: Sequence[Summary]) -> list[SharedSummaryOut]:
        ids = [s.id for s in summaries]
        lines, reactions = await self._lines(ids), await self._reactions(ids)
        return [shared_view(s, lines[s.id], reactions[s.id]) for s in summaries]

    # --- the author's side -----------------------------------------------------------------------
    async def list_own(self, cursor: str | None, limit: int) -> SummaryPage:
        after = decode_cursor(cursor)
        rows = await self.db.scalars(
            reader.own(self.member, Summary)
            .where(older_than(Summary.created_at, Summary.id, after))
            .order_by(Summary.created_at.desc(), Summary.id.desc())
            .limit(limit + 1)
        )
        page, next_cursor = keyset_page(list(rows), limit, lambda s: (s.created_at, s.id))
        return SummaryPage(items=await self._author_views(page), next_cursor=next_cursor)

    async def get_own(self, summary_id: uuid.UUID) -> SummaryOut:
        return await self._author_view(await self._own(summary_id))

    async def draft(self, period_start: date, period_end: date, tz: str) -> SummaryOut:
        progress.check_bounds(period_start, period_end, "period_start", "period_end")
        if period_start > period_end:
            raise bad_field("period_start", "The start date must be on or before the end date.")
        if (period_end - period_start).days + 1 > progress.MAX_PERIOD_DAYS:
            raise bad_field("period_end", "Choose a period of at most one year.")
        journal = await PracticeService(self.db, self.member).journal(period_start, period_end, tz)
        summary = Summary(
            author_id=self.member.user_id,
            space_id=self.member.space_id,
            period_start=period_start,
            period_end=period_end,
            status=SummaryStatus.DRAFT,
            version=0,
        )
        self.db.add(summary)
        await self.db.flush()
        for position, (topic, text) in enumerate(draft_lines(journal)):
            self.db.add(SummaryLine(summary_id=summary.id, position=position, topic=topic, text=text, included=False))
        await self.db.flush()
        return await self._author_view(summary)

    def _choose(self, lines: list[SummaryLine], data: SummaryUpdate) -> dict[uuid.UUID, bool]:
        """The included flag of every line after applying `data` (not saved)."""
        chosen = {line.id: line.included for line in lines}
        for choice in data.lines:
            if choice.id not in chosen:
                raise bad_field("lines", "One of these lines is not part of this summary.")
            chosen[choice.id] = choice.included
        return chosen

    def _message(self, summary: Summary, data: SummaryUpdate) -> str | None:
        """The message after applying `data`: left out, the saved one is kept."""
        if data.message is msgspec.UNSET:
            return summary.message
        return optional_text(data.message)

    async def update(self, summary_id: uuid.UUID, data: SummaryUpdate) -> SummaryOut:
        """Save the choices. On a published summary a change is a new version, shown to the partner at
        once (marked as updated); the old text is not kept."""
        summary = await self._own(summary_id)
        lines = (await self._lines([summary.id]))[summary.id]
        chosen = self._choose(lines, data)
        message = self._message(summary, data)
        published = summary.status is SummaryStatus.PUBLISHED
        if published and not (message or any(chosen.values())):
            raise bad_field("lines", NOTHING_TO_SHARE)
        changed = message != summary.message or any(line.included != chosen[line.id] for line in lines)
        if changed:
            for line in lines:
                line.included = chosen[line.id]
            summary.message = message
            # Only a change moves updated_at on: `edited_since_published` relies on it.
            summary.updated_at = utcnow()
            if published:
                summary.version += 1
            await self.db.flush()
            if published:
                self._signal("edited", summary.id)
        return await self._author_view(summary)

    async def preview(self, summary_id: uuid.UUID, data: SummaryUpdate) -> SharedSummaryOut:
        """What the partner would see with these choices, shaped by the same function as their view.
        Nothing is saved."""
        summary = await self._own(summary_id)
        lines = (await self._lines([summary.id]))[summary.id]
        chosen = self._choose(lines, data)
        message = self._message(summary, data)
        unchanged = message == summary.message and all(x.included == chosen[x.id] for x in lines)
        if summary.status is SummaryStatus.PUBLISHED:
            updated, published_at = not unchanged or edited_since_published(summary), summary.published_at
        else:
            updated, published_at = False, utcnow()
        reactions = (await self._reactions([summary.id]))[summary.id]
        return shared_view(
            summary,
            lines,
            reactions,
            included=chosen,
            message=message,
            updated=updated,
            published_at=published_at,
        )

    async def publish(self, summary_id: uuid.UUID) -> SummaryOut:
        summary = await self._own(summary_id)
        if summary.status is not SummaryStatus.PUBLISHED:
            lines = (await self._lines([summary.id]))[summary.id]
            if not (summary.message or any(line.included for line in lines)):
                raise bad_field("lines", NOTHING_TO_SHARE)
            now = utcnow()
            summary.status = SummaryStatus.PUBLISHED
            summary.version += 1
            summary.published_at = now
            summary.withdrawn_at = None
            summary.updated_at = now
            await self.db.flush()
            self._signal("published", summary.id)
        return await self._author_view(summary)

    async def withdraw(self, summary_id: uuid.UUID) -> SummaryOut:
        """From the next request on, the partner gets 404 for it and it is in none of their lists."""
        summary = await self._own(summary_id)
        if summary.status is SummaryStatus.DRAFT:
            raise Conflict(detail=NOT_SHARED)
        if summary.status is SummaryStatus.PUBLISHED:
            now = utcnow()
            summary.status = SummaryStatus.WITHDRAWN
            summary.withdrawn_at = now
            summary.updated_at = now
            await self.db.flush()
            self._signal("withdrawn", summary.id)
        return await self._author_view(summary)

    async def delete(self, summary_id: uuid.UUID) -> None:
        summary = await self._own(summary_id)
        was_shared = summary.status is SummaryStatus.PUBLISHED
        await self.db.delete(summary)
        await self.db.flush()
        if was_shared:
            # For the partner a deleted shared summary is withdrawn: it goes from their open page at once.
            self._signal("withdrawn", summary_id)

    # --- the shared side (both members) ----------------------------------------------------------
    async def list_shared(self, cursor: str | None, limit: int) -> SharedSummaryPage:
        after = decode_cursor(cursor)
        rows = await self.db.scalars(
            reader.readable(self.member, Summary)
            .where(Summary.status == SummaryStatus.PUBLISHED, older_than(Summary.published_at, Summary.id, after))
            .order_by(Summary.published_at.desc(), Summary.id.desc())
            .limit(limit + 1)
        )
        page, next_cursor = keyset_page(list(rows), limit, lambda s: (s.published_at or s.created_at, s.id))
        return SharedSummaryPage(items=await self._shared_views(page), next_cursor=next_cursor)

    async def get_shared(self, summary_id: uuid.UUID) -> SharedSummaryOut:
        return (await self._shared_views([await self._published(summary_id)]))[0]

    async def react(self, summary_id: uuid.UUID, kind: str) -> SharedSummaryOut:
        summary = await self._published(summary_id)
        if is_author(self.member, summary):
            raise PermissionDeniedException(detail=OWN_SUMMARY)
        known = await self.db.get(ReactionKind, kind)
        if known is None or known.retired:
            raise bad_field("kind", "Please choose one of the offered reactions.")
        existing = await self._my_reaction(summary.id)
        now = utcnow()
        if existing is None:
            try:
                async with self.db.begin_nested():
                    self.db.add(
                        SummaryReaction(
                            author_id=self.member.user_id,
                            space_id=self.member.space_id,
                            summary_id=summary.id,
                            kind_id=kind,
                            created_at=now,
                            updated_at=now,
                        )
                    )
                    await self.db.flush()
            except IntegrityError:
                # The same person reacting from two devices at once: the later choice wins.
                existing = await self._my_reaction(summary.id)
        if existing is not None:
            existing.kind_id, existing.updated_at = kind, now
            await self.db.flush()
        return await self.get_shared(summary.id)

    async def unreact(self, summary_id: uuid.UUID) -> None:
        summary = await self._published(summary_id)
        if is_author(self.member, summary):
            raise PermissionDeniedException(detail=OWN_SUMMARY)
        existing = await self._my_reaction(summary.id)
        if existing is not None:
            await self.db.delete(existing)
            await self.db.flush()

    async def _my_reaction(self, summary_id: uuid.UUID) -> SummaryReaction | None:
        reaction: SummaryReaction | None = await self.db.scalar(
            reader.own(self.member, SummaryReaction).where(SummaryReaction.summary_id == summary_id).with_for_update()
        )
        return reaction


# --- export ------------------------------------------------------------------------------------------
async def export_records(db: AsyncSession, scope: ExportScope) -> dict[str, Any]:
    """The user's own summaries (every status, every line) and reactions; and, labelled apart, the
    reactions the current partner gave to the user's summaries (none without a space)."""
    summaries = list(await db.scalars(reader.own(scope.members, Summary).order_by(Summary.created_at)))
    ids = [s.id for s in summaries]
    lines: dict[uuid.UUID, list[SummaryLine]] = {i: [] for i in ids}
    if ids:
        for line in await db.scalars(
            select(SummaryLine).where(SummaryLine.summary_id.in_(ids)).order_by(SummaryLine.position)
        ):
            lines[line.summary_id].append(line)

    given = list(
        await db.execute(
            reader.own(scope.members, SummaryReaction, SummaryReaction, ReactionKind.text)
            .join(ReactionKind, ReactionKind.id == SummaryReaction.kind_id)
            .order_by(SummaryReaction.created_at)
        )
    )
    # From the current partner only: a former member's reactions are not theirs to pass on.
    received = list(
        await db.execute(
            reader.shared_with(scope.current, SummaryReaction, SummaryReaction, ReactionKind.text)
            .join(ReactionKind, ReactionKind.id == SummaryReaction.kind_id)
            .join(Summary, Summary.id == SummaryReaction.summary_id)
            .where(Summary.author_id == scope.user_id)
            .order_by(SummaryReaction.created_at)
        )
    )
    # The link to the summary only while the user may read it: a withdrawn summary looks deleted.
    reacted_to = {r.summary_id for r, _ in given + received}
    linked: set[uuid.UUID] = set()
    if scope.current is not None and reacted_to:
        linked = set(
            await db.scalars(reader.readable(scope.current, Summary, Summary.id).where(Summary.id.in_(reacted_to)))
        )

    def reaction_row(reaction: SummaryReaction, text: str) -> dict[str, Any]:
        return {
            "summary_id": reaction.summary_id if reaction.summary_id in linked else None,
            "kind": reaction.kind_id,
            "text": text,
            "created_at": reaction.created_at,
            "updated_at": reaction.updated_at,
        }

    authored = {
        "summaries": [
            {
                "id": s.id,
                "period_start": s.period_start,
                "period_end": s.period_end,
                "status": s.status,
                "message": s.message,
                "version": s.version,
                "created_at": s.created_at,
                "updated_at": s.updated_at,
                "published_at": s.published_at,
                "withdrawn_at": s.withdrawn_at,
                "lines": [{"text": x.text, "included": x.included} for x in lines[s.id]],
            }
            for s in summaries
        ],
        "reactions": [reaction_row(r, text) for r, text in given],
    }
    shared_with_me = {"reactions": [reaction_row(r, text) for r, text in received]}
    return {"authored": msgspec.to_builtins(authored), "shared_with_me": msgspec.to_builtins(shared_with_me)}


# --- what the member shares (for the sharing overview) -------------------------------------------


PUBLISHED_SUMMARIES = SharedRows(
    rows=reader.own_bound(Summary, Summary.id, Summary.published_at).where(Summary.status == SummaryStatus.PUBLISHED),
    items=each(
        lambda r: SharedItem(
            kind="summaries",
            id=str(r.id),
            label="Progress summary",
            link=f"/space/practice/summaries/{r.id}",
            can_stop=True,
            at=r.at,
        )
    ),
)


async def withdraw_all(db: AsyncSession, member: Member) -> int:
    """Withdraw every published summary of the member, exactly as `SummaryService.withdraw` does one."""
    now = utcnow()
    result = await db.execute(
        update(Summary)
        .where(reader.own_rows(member, Summary), Summary.status == SummaryStatus.PUBLISHED)
        .values(status=SummaryStatus.WITHDRAWN, withdrawn_at=now, updated_at=now)
        .execution_options(synchronize_session="fetch")
    )
    return int(getattr(result, "rowcount", 0) or 0)
