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
from tandem.core.db import utcnow, write_transactions
from tandem.safety.models import SafetySettings, SessionLock

ALLOWED_WHILE_LOCKED = "allowed_while_locked"
LOCKED_DETAIL = "Tandem is locked. Enter your PIN to continue."
MAX_PIN_FAILURES = 5
# How stale active_at may get before a request writes it again (one write a minute at most).
_ACTIVE_INTERVAL = timedelta(seconds=30)


class Locked(HTTPException):
    status_code = 423


# The member's lock settings and this session's lock row, when the caller already read them.
Loaded = tuple[SafetySettings | None, SessionLock | None]


async def lock_state(
    db: AsyncSession,
    user: User,
    session: AuthSession,
    *,
    now: datetime | None = None,
    read_only: bool = False,
    loaded: Loaded | None = None,
) -> tuple[SafetySettings | None, SessionLock | None, bool]:
    """The member's settings, this session's lock row, and whether the session is locked now.

    `read_only` (a GET or HEAD, which runs in a read transaction): nothing is written. An idle lock
    is then derived, not stored: it holds as long as nothing marks the session active, and the next
    write request (or the lock's own routes) stores it. `loaded` spares the two reads (access/identity.py
    reads them with the caller).
    """
    settings = loaded[0] if loaded is not None else await db.get(SafetySettings, user.id)
    if settings is None or settings.pin_hash is None:
        return settings, None, False
    now = now or utcnow()
    idle = timedelta(minutes=settings.idle_minutes)
    row = loaded[1] if loaded is not None else await db.get(SessionLock, session.id)
    if row is None:
        if read_only:
            # A session that existed before the lock was set: idle since it was last used.
            return settings, None, now - session.last_seen_at >= idle
        # A session that existed before the lock was set, or a new sign-in (the password was just given).
        row = SessionLock(session_id=session.id, locked=False, failures=0, active_at=now)
        db.add(row)
        await db.flush()
        return settings, row, False
    locked = row.locked or now - row.active_at >= idle
    if locked and not row.locked and not read_only:
        row.locked = True
    return settings, row, locked


async def guard(
    request: Request[Any, Any, Any],
    db: AsyncSession,
    user: User,
    session: AuthSession,
    *,
    touch: bool,
    read_only: bool = False,
    loaded: Loaded | None = None,
) -> None:
    """Refuse the request with 423 when the session is locked, unless the route belongs to the lock.

    A read request (`read_only`) writes nothing here; its activity is stored after the response with
    the session's own touch (accounts/touch.py).
    """
    if request.route_handler.opt.get(ALLOWED_WHILE_LOCKED):
        return
    now = utcnow()
    _, row, locked = await lock_state(db, user, session, now=now, read_only=read_only, loaded=loaded)
    if locked:
        if not read_only:
            # Kept even though the request fails (the transaction of a failed request is rolled back).
            await db.commit()
        elif row is not None and not row.locked:
            # An idle lock found by a read is stored at once in a short write of its own, so the
            # read's own transaction never writes and the lock holds whatever happens next.
            await _store_lock(db, row.session_id)
        raise Locked(LOCKED_DETAIL)
    if row is None or not touch or now - row.active_at < _ACTIVE_INTERVAL:
        return
    if read_only:
        note_lock_activity(request, session.id)
    else:
        row.active_at = now


async def _store_lock(db: AsyncSession, session_id: Any) -> None:
    engine = db.bind
    with write_transactions():
        async with AsyncSession(engine) as writer, writer.begin():
            await writer.execute(update(SessionLock).where(SessionLock.session_id == session_id).values(locked=True))


_LOCK_ACTIVITY = "tandem_lock_activity"


def note_lock_activity(request: Request[Any, Any, Any], session_id: Any) -> None:
    setattr(request.state, _LOCK_ACTIVITY, session_id)


def lock_activity_of(request: Request[Any, Any, Any]) -> Any:
    """The session whose lock row a read request marked active (written after the response)."""
    return getattr(request.state, _LOCK_ACTIVITY, None)


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
