"""Periodic clean-up: expired sessions, long-dead invitations and day-old idempotency keys do not linger."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
import threading
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import and_, delete, or_, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession

from tandem.accounts.models import AuthSession
from tandem.core.db import make_engine, planner_statistics_changed, utcnow
from tandem.idempotency.service import purge_old as purge_old_idempotent_requests
from tandem.spaces.models import Invitation

logger = logging.getLogger("tandem.maintenance")

# Used, revoked or expired invitations stay this long (they show in the creator's export), then go.
INVITATION_RETENTION = timedelta(days=30)


@dataclass(frozen=True, slots=True)
class PurgeReport:
    sessions: int
    invitations: int
    idempotent_requests: int = 0


@dataclass(frozen=True, slots=True)
class IdleLimits:
    """The idle timeouts of ordinary and remembered sessions (from the settings)."""

    ordinary: timedelta
    remembered: timedelta


async def purge_expired(database_url: str, idle: IdleLimits | None = None) -> PurgeReport:
    now = utcnow()
    ended = AuthSession.expires_at <= now
    if idle is not None:
        # Sessions that ended by idle timeout go too (a 401 rolls back the request that noticed it).
        ended = or_(
            ended,
            and_(AuthSession.remembered.is_(False), AuthSession.last_seen_at <= now - idle.ordinary),
            and_(AuthSession.remembered.is_(True), AuthSession.last_seen_at <= now - idle.remembered),
        )
    cutoff = now - INVITATION_RETENTION
    # Its own unpooled engine: the loop may run in another event loop than the requests.
    engine = make_engine(database_url, pooled=False)
    try:
        async with AsyncSession(engine) as db, db.begin():
            sessions = await db.execute(delete(AuthSession).where(ended))
            invitations = await db.execute(
                delete(Invitation).where(
                    or_(Invitation.expires_at <= cutoff, Invitation.used_at <= cutoff, Invitation.revoked_at <= cutoff)
                )
            )
            idempotent = await purge_old_idempotent_requests(db, now)
    finally:
        await engine.dispose()
    return PurgeReport(
        sessions=getattr(sessions, "rowcount", 0),
        invitations=getattr(invitations, "rowcount", 0),
        idempotent_requests=idempotent,
    )


# A table whose row count moved this far from what its statistics say gets analysed again.
DRIFT_FACTOR = 2
DRIFT_MIN_ROWS = 100


def _drifted(analysed: int | None, rows: int) -> bool:
    if analysed is None:
        return rows >= DRIFT_MIN_ROWS
    low, high = sorted((analysed, rows))
    return high - low >= DRIFT_MIN_ROWS and high >= DRIFT_FACTOR * max(low, 1)


async def refresh_statistics(database_url: str, *, only_if_drifted: bool = False) -> str:
    """SQLite: refresh the query planner's statistics, so the visibility filters keep using the
    (space, author, order) indexes as other couples' data grows. `analysis_limit` bounds the cost to a
    sample per index. (`PRAGMA optimize` on SQLite 3.40 only analyses tables its own connection has
    queried, which a fresh maintenance connection has not; ANALYZE with a limit is what it would run.)

    With `only_if_drifted`, ANALYZE runs only when some table's row count is `DRIFT_FACTOR` times off
    what its statistics say (a count of each indexed table: milliseconds on 600k rows). Returns a
    digest of the statistics; when they changed, this process's pooled connections are replaced at
    their next checkout (`core.db.planner_statistics_changed`), since a SQLite connection keeps the
    statistics it read when it opened. PostgreSQL's autovacuum keeps its statistics itself ("")."""
    if not database_url.startswith("sqlite"):
        return ""
    engine = make_engine(database_url, pooled=False)
    try:
        async with engine.connect() as connection:
            autocommit = await connection.execution_options(isolation_level="AUTOCOMMIT")
            analyse = not only_if_drifted
            has_statistics = await autocommit.scalar(
                text("SELECT count(*) FROM main.sqlite_schema WHERE name = 'sqlite_stat1'")
            )
            if only_if_drifted:
                recorded: dict[str, int] = {}
                rows = (
                    await autocommit.execute(text("SELECT tbl, stat FROM main.sqlite_stat1"))
                    if has_statistics
                    else None
                )
                for row in rows.all() if rows is not None else []:
                    first = str(row[1] or "").split(" ")[0]
                    if first.isdigit():
                        recorded[row[0]] = max(recorded.get(row[0], 0), int(first))
                tables = [
                    name
                    for (name,) in await autocommit.exec_driver_sql(
                        "SELECT DISTINCT tbl_name FROM main.sqlite_schema WHERE type = 'index'"
                        " AND tbl_name NOT LIKE 'sqlite_%'"
                    )
                ]
                for table in tables:
                    count = await autocommit.scalar(text(f'SELECT count(*) FROM main."{table}"'))  # noqa: S608
                    if _drifted(recorded.get(table), int(count or 0)):
                        analyse = True
                        break
            if analyse:
                await autocommit.exec_driver_sql("PRAGMA analysis_limit=1000")
                await autocommit.exec_driver_sql("ANALYZE")
                await autocommit.exec_driver_sql("PRAGMA optimize")
            digest = ""
            if analyse or has_statistics:
                statistics = await autocommit.exec_driver_sql(
                    "SELECT tbl, idx, stat FROM main.sqlite_stat1 ORDER BY tbl, idx"
                )
                digest = hashlib.sha256(repr(statistics.all()).encode()).hexdigest()
    finally:
        await engine.dispose()
    if analyse:
        planner_statistics_changed()
    return digest


# How long stopping waits for a purge pass that is running.
STOP_WAIT_SECONDS = 5.0


class PurgeLoop:
    """Runs `purge_expired` and `refresh_statistics` at start-up and then every `interval`, until the app
    stops; in between, every `statistics_interval`, re-analyses SQLite when a table's size has drifted
    from its statistics (a thousand couples arriving within the hour) and lets this process's pooled
    connections pick up statistics another process refreshed."""

    def __init__(
        self,
        database_url: str,
        interval: timedelta = timedelta(hours=1),
        idle: IdleLimits | None = None,
        statistics_interval: timedelta = timedelta(minutes=1),
    ) -> None:
        self.database_url = database_url
        self.idle = idle
        self.interval = interval
        self.statistics_interval = min(statistics_interval, interval)
        self._task: asyncio.Task[None] | None = None
        self._stopping = asyncio.Event()
        # Set once the start-up pass has ended (it writes: tests that time lock waits wait for it). A
        # thread's event: the lifespan may run in another event loop than the one that waits.
        self.first_pass_done = threading.Event()
        self._statistics = ""

    async def _statistics_check(self, *, only_if_drifted: bool) -> None:
        digest = await refresh_statistics(self.database_url, only_if_drifted=only_if_drifted)
        if self._statistics and digest != self._statistics:
            planner_statistics_changed()  # another process analysed: reload ours too
        self._statistics = digest

    async def _run(self) -> None:
        loop = asyncio.get_running_loop()
        next_purge = loop.time()
        while not self._stopping.is_set():
            try:
                if loop.time() >= next_purge:
                    next_purge = loop.time() + self.interval.total_seconds()
                    report = await purge_expired(self.database_url, self.idle)
                    if report.sessions or report.invitations:
                        logger.info("purged %d sessions and %d invitations", report.sessions, report.invitations)
                    await self._statistics_check(only_if_drifted=False)
                else:
                    await self._statistics_check(only_if_drifted=True)
            except (SQLAlchemyError, OSError) as exc:
                logger.warning("purge skipped: %s", type(exc).__name__)
            self.first_pass_done.set()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stopping.wait(), self.statistics_interval.total_seconds())

    async def start(self) -> None:
        # Made here, in the loop that runs it (a lifespan may run in another loop than the last).
        self._stopping = asyncio.Event()
        self.first_pass_done.clear()
        self._task = asyncio.create_task(self._run(), name="tandem-purge")

    async def stop(self) -> None:
        """Let a pass that is running finish (briefly) rather than cancel it inside a database call:
        a cancelled SQLite call's worker thread would answer into an event loop that has closed."""
        if self._task is None:
            return
        self._stopping.set()
        try:
            await asyncio.wait_for(asyncio.shield(self._task), STOP_WAIT_SECONDS)
        except TimeoutError:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        self._task = None
