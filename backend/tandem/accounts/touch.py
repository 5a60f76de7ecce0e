"""Marking a session used without writing in a read request.

A GET or HEAD runs in a read transaction (see `tandem.core.db`), so it must not write `last_seen_at`
there: on SQLite that write would need the write lock in the middle of a read snapshot and could fail.
Instead the read notes the session, and after the response has been sent one short write transaction
of its own updates it (at most once a minute per session, as before). The idle timeout stays exact to
that minute: the row is updated before the request's ASGI call ends.
"""

from __future__ import annotations

import logging
import uuid
from typing import Any

from litestar import Request
from sqlalchemy import update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker

from tandem.accounts.models import AuthSession
from tandem.core.db import utcnow, write_transactions
from tandem.safety.lock import lock_activity_of
from tandem.safety.models import SessionLock

logger = logging.getLogger("tandem.accounts")

_PENDING = "tandem_session_to_touch"


def touch_after_response(request: Request[Any, Any, Any], session_id: uuid.UUID) -> None:
    setattr(request.state, _PENDING, session_id)


class SessionTouch:
    """The app's `after_response` hook: writes the noted session's `last_seen_at`."""

    def __init__(self, engine: AsyncEngine) -> None:
        self._sessions = async_sessionmaker(engine, expire_on_commit=False)

    async def __call__(self, request: Request[Any, Any, Any]) -> None:
        session_id: uuid.UUID | None = getattr(request.state, _PENDING, None)
        lock_session_id = lock_activity_of(request)
        if session_id is None and lock_session_id is None:
            return
        now = utcnow()
        try:
            with write_transactions():
                async with self._sessions() as db, db.begin():
                    if session_id is not None:
                        await db.execute(
                            update(AuthSession)
                            .where(AuthSession.id == session_id, AuthSession.last_seen_at < now)
                            .values(last_seen_at=now)
                        )
                    if lock_session_id is not None:
                        # The app lock's idle clock (safety/lock.py): a read was activity too.
                        await db.execute(
                            update(SessionLock)
                            .where(
                                SessionLock.session_id == lock_session_id,
                                SessionLock.locked.is_(False),
                                SessionLock.active_at < now,
                            )
                            .values(active_at=now)
                        )
        except (SQLAlchemyError, OSError) as exc:
            # The response has gone already; the next request touches the session again.
            logger.warning("session touch skipped: %s", type(exc).__name__)
