"""The app lock, enforced on the session by the server.

A member with an app lock has a row in `session_locks` per signed-in session. `guard` runs for every
route that resolves the caller: a locked session (locked on request, by quick exit, or idle past the
member's minutes) answers 423 on every route except those marked `opt={ALLOWED_WHILE_LOCKED: True}`
(the lock's own routes); logout and health never resolve a caller, so they answer as always.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from litestar import Request
from litestar.exceptions import HTTPException
from sqlalchemy import delete, update
from sqlalchemy.ext.asyncio import AsyncSession

from tandem.accounts.models import AuthSession, User
from tandem.core.db import utcnow
from tandem.safety.models import SafetySettings, SessionLock

ALLOWED_WHILE_LOCKED = "allowed_while_locked"
LOCKED_DETAIL = "Tandem is locked. Enter your PIN to continue."
MAX_PIN_FAILURES = 5
# How stale active_at may get before a request writes it again (one write a minute at most).
_ACTIVE_INTERVAL = timedelta(seconds=30)


class Locked(HTTPException):
    status_code = 423


async def lock_state(
    db: AsyncSession, user: User, session: AuthSession, *, now: datetime | None = None
) -> tuple[SafetySettings | None, SessionLock | None, bool]:
    """The member's settings, this session's lock row, and whether the session is locked now."""
    settings = await db.get(SafetySettings, user.id)
    if settings is None or settings.pin_hash is None:
        return settings, None, False
    now = now or utcnow()
    row = await db.get(SessionLock, session.id)
    if row is None:
        # A session that existed before the lock was set, or a new sign-in (the password was just given).
        row = SessionLock(session_id=session.id, locked=False, failures=0, active_at=now)
        db.add(row)
        await db.flush()
        return settings, row, False
    if not row.locked and now - row.active_at >= timedelta(minutes=settings.idle_minutes):
        row.locked = True
    return settings, row, row.locked


async def guard(
    request: Request[Any, Any, Any], db: AsyncSession, user: User, session: AuthSession, *, touch: bool
) -> None:
    """Refuse the request with 423 when the session is locked, unless the route belongs to the lock."""
    if request.route_handler.opt.get(ALLOWED_WHILE_LOCKED):
        return
    now = utcnow()
    _, row, locked = await lock_state(db, user, session, now=now)
    if row is None:
        return
    if locked:
        # Kept even though the request fails (the transaction of a failed request is rolled back).
        await db.commit()
        raise Locked(LOCKED_DETAIL)
    if touch and now - row.active_at >= _ACTIVE_INTERVAL:
        row.active_at = now


async def set_locked(db: AsyncSession, session_id: Any) -> None:
    await db.execute(update(SessionLock).where(SessionLock.session_id == session_id).values(locked=True))


async def count_failure(db: AsyncSession, session_id: Any) -> int:
    """Count a PIN attempt before checking it, so simultaneous guesses cannot outrun the limit."""
    result = await db.execute(
        update(SessionLock)
        .where(SessionLock.session_id == session_id)
        .values(failures=SessionLock.failures + 1)
        .returning(SessionLock.failures)
    )
    failures = result.scalar_one()
    await db.commit()
    return int(failures)


async def end_session(db: AsyncSession, session_id: Any) -> None:
    await db.execute(delete(AuthSession).where(AuthSession.id == session_id))
    await db.commit()
