"""Periodic clean-up: expired sessions, long-dead invitations and day-old idempotency keys do not linger."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import and_, delete, or_
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession

from tandem.accounts.models import AuthSession
from tandem.core.db import make_engine, utcnow
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


async def refresh_statistics(database_url: str) -> None:
    """SQLite: refresh the query planner's statistics, so the visibility filters keep using the
    (space, author, order) indexes as other couples' data grows. `analysis_limit` bounds the cost to a
    sample per index. (`PRAGMA optimize` on SQLite 3.40 only analyses tables its own connection has
    queried, which a fresh maintenance connection has not; ANALYZE with a limit is what it would run.)
    PostgreSQL's autovacuum keeps its statistics itself."""
    if not database_url.startswith("sqlite"):
        return
    engine = make_engine(database_url, pooled=False)
    try:
        async with engine.connect() as connection:
            autocommit = await connection.execution_options(isolation_level="AUTOCOMMIT")
            await autocommit.exec_driver_sql("PRAGMA analysis_limit=1000")
            await autocommit.exec_driver_sql("ANALYZE")
            await autocommit.exec_driver_sql("PRAGMA optimize")
    finally:
        await engine.dispose()


# How long stopping waits for a purge pass that is running.
STOP_WAIT_SECONDS = 5.0


class PurgeLoop:
    """Runs `purge_expired` and `refresh_statistics` at start-up and then every `interval`, until the app stops."""

    def __init__(
        self, database_url: str, interval: timedelta = timedelta(hours=1), idle: IdleLimits | None = None
    ) -> None:
        self.database_url = database_url
        self.idle = idle
        self.interval = interval
        self._task: asyncio.Task[None] | None = None
        self._stopping = asyncio.Event()

    async def _run(self) -> None:
        while not self._stopping.is_set():
            try:
                report = await purge_expired(self.database_url, self.idle)
                if report.sessions or report.invitations:
                    logger.info("purged %d sessions and %d invitations", report.sessions, report.invitations)
                await refresh_statistics(self.database_url)
            except (SQLAlchemyError, OSError) as exc:
                logger.warning("purge skipped: %s", type(exc).__name__)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stopping.wait(), self.interval.total_seconds())

    async def start(self) -> None:
        # Made here, in the loop that runs it (a lifespan may run in another loop than the last).
        self._stopping = asyncio.Event()
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
