"""Clinician links: made, listed and revoked by the patient; opened by whoever holds the address.

A link stands for its patient only while they are still the patient of the space (`reader.holder_of`),
and shows what the patient's own printable report shows for the chosen period, cut to the chosen
sections. It never reads anything of the partner: the report is built from the journal, which is
the patient's alone. Expired, revoked and locked links answer exactly like unknown ones (404).
"""

from __future__ import annotations

import secrets
import uuid
from datetime import datetime, timedelta
from typing import Any

import msgspec
from litestar.exceptions import NotAuthorizedException, NotFoundException
from sqlalchemy import and_, bindparam, delete, func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from sqlalchemy.sql.elements import BindParameter

from tandem.access import reader
from tandem.access.export_scope import ExportScope
from tandem.access.membership import Member
from tandem.clinician.models import ClinicianLink, ClinicianLinkOpening
from tandem.clinician.schemas import (
    SECTIONS,
    ClinicianReportOut,
    LinkCreated,
    LinkIn,
    LinkOut,
    LinkPage,
    Section,
)
from tandem.core.db import utcnow, write_transactions
from tandem.core.errors import Conflict, bad_field
from tandem.core.paging import decode_cursor, keyset_page, older_than
from tandem.core.passwords import PasswordService
from tandem.core.ratelimit import AttemptLimiter
from tandem.core.roles import Role
from tandem.core.tokens import hash_token, new_token
from tandem.practice import progress
from tandem.practice.service import MAX_REPORT_ENTRIES, PracticeService, entry_out, goal_out
from tandem.sharing.listing import SharedRows, each
from tandem.sharing.schemas import SharedItem

# The public page; the token travels in the fragment, which browsers never send to a server.
PAGE = "/clinician-report"
PAGE_PATH = PAGE + "#{token}"
# The public API address of a link's report (the SPA calls it with the token from the fragment).
API_PREFIX = "/api/v1/clinician-report/"
MAX_ACTIVE_LINKS = 20
# Wrong codes after which a link locks for good (the patient can make a new one).
MAX_CODE_FAILURES = 5
# Openings listed per link (all are counted).
OPENINGS_SHOWN = 50
CODE_BUCKET = "clinician-code"
NEEDS_CODE = "This report needs the 6-digit code you were given with the link."
WRONG_CODE = "That code isn't right."


def _active(now: datetime | BindParameter[Any]) -> Any:
    return and_(ClinicianLink.expires_at > now, ClinicianLink.locked_at.is_(None))


def sections_of(link: ClinicianLink) -> list[Section]:
    chosen = {"sessions": link.show_sessions, "charts": link.show_charts, "goals": link.show_goals}
    return [s for s in SECTIONS if chosen[s]]


def _status(link: ClinicianLink, now: datetime) -> str:
    if link.locked_at is not None:
        return "locked"
    return "active" if link.expires_at > now else "expired"


async def _openings(
    db: AsyncSession, link_ids: list[uuid.UUID], shown: int | None
) -> dict[uuid.UUID, tuple[list[datetime], int]]:
    """{link id: (the latest `shown` opening times (all for None), newest first; how many in all)}."""
    if not link_ids:
        return {}
    rank = (
        func.row_number()
        .over(
            partition_by=ClinicianLinkOpening.link_id,
            order_by=(ClinicianLinkOpening.opened_at.desc(), ClinicianLinkOpening.id.desc()),
        )
        .label("rank")
    )
    total = func.count().over(partition_by=ClinicianLinkOpening.link_id).label("total")
    ranked = (
        select(ClinicianLinkOpening.link_id, ClinicianLinkOpening.opened_at, rank, total)
        .where(ClinicianLinkOpening.link_id.in_(link_ids))
        .subquery()
    )
    rows = await db.execute(
        select(ranked.c.link_id, ranked.c.opened_at, ranked.c.total)
        .where(ranked.c.rank <= shown if shown is not None else ranked.c.rank > 0)
        .order_by(ranked.c.link_id, ranked.c.rank)
    )
    found: dict[uuid.UUID, tuple[list[datetime], int]] = {}
    for link_id, opened_at, count in rows:
        times, _ = found.get(link_id, ([], 0))
        times.append(opened_at)
        found[link_id] = (times, count)
    return found


def _link_out(link: ClinicianLink, openings: tuple[list[datetime], int], now: datetime) -> LinkOut:
    times, count = openings
    return LinkOut(
        id=link.id,
        period_start=link.period_start,
        period_end=link.period_end,
        time_zone=link.time_zone,
        sections=sections_of(link),
        has_code=link.code_hash is not None,
        created_at=link.created_at,
        expires_at=link.expires_at,
        status=_status(link, now),  # type: ignore[arg-type]
        opened=times,
        opened_count=count,
    )


async def _links_out(db: AsyncSession, links: list[ClinicianLink], shown: int | None = OPENINGS_SHOWN) -> list[LinkOut]:
    now = utcnow()
    openings = await _openings(db, [link.id for link in links], shown)
    return [_link_out(link, openings.get(link.id, ([], 0)), now) for link in links]


class ClinicianLinkService:
    """The patient's side: make, list and revoke links (the controller lets only the patient in)."""

    def __init__(self, db: AsyncSession, member: Member) -> None:
        self.db = db
        self.member = member

    async def create(self, data: LinkIn, passwords: PasswordService) -> LinkCreated:
        progress.check_bounds(data.period_start, data.period_end, "period_start", "period_end")
        progress.zone_of(data.time_zone)
        if data.period_start > data.period_end:
            raise bad_field("period_start", "The start date must be on or before the end date.")
        if (data.period_end - data.period_start).days + 1 > progress.MAX_PERIOD_DAYS:
            raise bad_field("period_end", "Choose a period of at most one year.")
        if len(set(data.sections)) != len(data.sections):
            raise bad_field("sections", "Name each section once.")
        now = utcnow()
        active = await self.db.scalar(reader.own(self.member, ClinicianLink, func.count()).where(_active(now)))
        if (active or 0) >= MAX_ACTIVE_LINKS:
            raise Conflict(f"You can have up to {MAX_ACTIVE_LINKS} active links. Revoke one first.")
        raw, digest = new_token()
        code = f"{secrets.randbelow(10**6):06d}" if data.with_code else None
        link = ClinicianLink(
            author_id=self.member.user_id,
            space_id=self.member.space_id,
            token_hash=digest,
            code_hash=await passwords.hash(code) if code is not None else None,
            period_start=data.period_start,
            period_end=data.period_end,
            time_zone=data.time_zone,
            show_sessions="sessions" in data.sections,
            show_charts="charts" in data.sections,
            show_goals="goals" in data.sections,
            expires_at=now + timedelta(days=data.expires_in_days),
            created_at=now,
        )
        self.db.add(link)
        await self.db.flush()
        return LinkCreated(link=_link_out(link, ([], 0), now), path=PAGE_PATH.format(token=raw), code=code)

    async def page(self, cursor: str | None, limit: int) -> LinkPage:
        position = decode_cursor(cursor)
        rows = list(
            await self.db.scalars(
                reader.own(self.member, ClinicianLink)
                .where(older_than(ClinicianLink.created_at, ClinicianLink.id, position))
                .order_by(ClinicianLink.created_at.desc(), ClinicianLink.id.desc())
                .limit(limit + 1)
            )
        )
        links, next_cursor = keyset_page(rows, limit, lambda link: (link.created_at, link.id))
        return LinkPage(items=await _links_out(self.db, links), next_cursor=next_cursor)

    async def revoke(self, link_id: uuid.UUID) -> None:
        """Revoke a link (or remove an expired one): it answers 404 from now on."""
        result = await self.db.execute(
            delete(ClinicianLink)
            .where(ClinicianLink.id == link_id, reader.own_rows(self.member, ClinicianLink))
            .execution_options(synchronize_session=False)
        )
        if not getattr(result, "rowcount", 0):
            raise NotFoundException()


# --- for "What I share now" and "Stop sharing everything" ----------------------------------------
async def listed_links(db: AsyncSession, member: Member) -> list[LinkOut]:
    """The member's links that work right now, newest first (none for a partner)."""
    links = list(
        await db.scalars(
            reader.own(member, ClinicianLink)
            .where(_active(utcnow()))
            .order_by(ClinicianLink.created_at.desc(), ClinicianLink.id.desc())
        )
    )
    return await _links_out(db, links)


# The member's working links for "What I share now": neutral labels, each with its own revoke.
LINK_ITEMS = SharedRows(
    rows=reader.own_bound(ClinicianLink, ClinicianLink.id, ClinicianLink.created_at).where(
        _active(bindparam("now", type_=ClinicianLink.expires_at.type))
    ),
    until=ClinicianLink.expires_at,
    items=each(
        lambda r: SharedItem(
            kind="clinician_links",
            id=str(r.id),
            label=f"Report link, until {r.until:%d %b %Y}",
            link="/practice/clinician-links",
            can_stop=True,
            at=r.at,
        )
    ),
)


async def revoke_all_links(db: AsyncSession, member: Member) -> int:
    """Revoke every link of the member that works right now; the number revoked. Idempotent."""
    result = await db.execute(
        delete(ClinicianLink)
        .where(reader.own_rows(member, ClinicianLink), _active(utcnow()))
        .execution_options(synchronize_session=False)
    )
    return int(getattr(result, "rowcount", 0) or 0)


# --- the public report ---------------------------------------------------------------------------
class ReportAccess:
    """Opening a link: the token, the code when the link has one, and the opening recorded."""

    def __init__(self, db: AsyncSession, passwords: PasswordService, limiter: AttemptLimiter) -> None:
        self.db = db
        self.passwords = passwords
        self.limiter = limiter

    async def _write(self, statement: Any, *, returning: bool = False) -> Any:
        """Run one write in a short transaction of its own: the GET's own transaction only reads."""
        engine = self.db.bind
        assert isinstance(engine, AsyncEngine)
        with write_transactions():
            async with async_sessionmaker(engine, expire_on_commit=False)() as db, db.begin():
                result = await db.execute(statement)
                return result.scalar() if returning else None

    async def _check_code(self, link: ClinicianLink, code: str | None, address: str, per_address: int) -> None:
        if link.code_hash is None:
            return
        if not code:
            raise NotAuthorizedException(NEEDS_CODE)
        await self.limiter.check_and_hit(CODE_BUCKET, address, per_address)
        if await self.passwords.verify(link.code_hash, code):
            await self.limiter.refund(CODE_BUCKET, address)
            return
        failures = await self._write(
            update(ClinicianLink)
            .where(ClinicianLink.id == link.id)
            .values(code_failures=ClinicianLink.code_failures + 1)
            .returning(ClinicianLink.code_failures)
            .execution_options(synchronize_session=False),
            returning=True,
        )
        if failures is not None and failures >= MAX_CODE_FAILURES:
            await self._write(
                update(ClinicianLink)
                .where(ClinicianLink.id == link.id, ClinicianLink.locked_at.is_(None))
                .values(locked_at=utcnow())
                .execution_options(synchronize_session=False)
            )
            # Locked now: from here on it answers like any unknown link.
            raise NotFoundException()
        raise NotAuthorizedException(WRONG_CODE)

    async def open(self, raw_token: str, code: str | None, address: str, per_address: int) -> ClinicianReportOut:
        found = await reader.holder_of(self.db, ClinicianLink, ClinicianLink.token_hash == hash_token(raw_token))
        if found is None:
            raise NotFoundException()
        patient, link = found
        now = utcnow()
        if patient.role is not Role.PATIENT or link.locked_at is not None or link.expires_at <= now:
            raise NotFoundException()
        await self._check_code(link, code, address, per_address)
        await self._write(insert(ClinicianLinkOpening).values(id=uuid.uuid4(), link_id=link.id, opened_at=now))
        return await report_for(self.db, patient, link)


async def report_for(db: AsyncSession, patient: Member, link: ClinicianLink) -> ClinicianReportOut:
    """The patient's printable report for the link's period, with only the link's sections."""
    practice = PracticeService(db, patient)
    journal = await practice.journal(link.period_start, link.period_end, link.time_zone)
    table = journal.entries[:MAX_REPORT_ENTRIES] if link.show_sessions else []
    return ClinicianReportOut(
        start=journal.start,
        end=journal.end,
        time_zone=journal.zone.key,
        sections=sections_of(link),
        expires_at=link.expires_at,
        entries=[entry_out(e, journal.sizes) for e in table] if link.show_sessions else None,
        truncated=link.show_sessions and len(journal.entries) > MAX_REPORT_ENTRIES,
        progress=PracticeService.progress_of(journal, "patient") if link.show_charts else None,
        goals=[goal_out(g) for g in journal.goals] if link.show_goals else None,
    )


# --- export ---------------------------------------------------------------------------------------
async def export_records(db: AsyncSession, scope: ExportScope) -> dict[str, Any]:
    """The user's links (never a token or code, which are not stored) and when each was opened."""
    links = list(await db.scalars(reader.own(scope.members, ClinicianLink).order_by(ClinicianLink.created_at)))
    out = await _links_out(db, links, shown=None)
    return {"authored": msgspec.to_builtins(out)}
