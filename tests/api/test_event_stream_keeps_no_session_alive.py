"""Reconnecting the live event stream does not count as activity for the idle timeout."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from litestar import Litestar
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from tandem.accounts.models import AuthSession
from tandem.core.db import utcnow

from .ideas_support import with_db
from .people import Couple


async def last_seen(app: Litestar, user_id: str) -> datetime:
    async def read(db: AsyncSession) -> datetime:
        found = await db.scalar(select(AuthSession.last_seen_at).where(AuthSession.user_id == uuid.UUID(user_id)))
        assert found is not None
        return found

    return await with_db(app, read)


async def set_last_seen(app: Litestar, user_id: str, at: datetime) -> None:
    async def write(db: AsyncSession) -> None:
        await db.execute(update(AuthSession).where(AuthSession.user_id == uuid.UUID(user_id)).values(last_seen_at=at))

    await with_db(app, write)


async def test_stream_reconnects_leave_the_session_idle(app: Litestar, couple: Couple) -> None:
    person = couple.patient
    earlier = utcnow() - timedelta(minutes=10)
    await set_last_seen(app, person.id, earlier)
    for _ in range(2):  # the first connection and a reconnect
        stream = await person.get(f"/api/v1/spaces/{couple.space_id}/events")
        assert stream.status_code == 200
    assert abs(await last_seen(app, person.id) - earlier) < timedelta(seconds=1)
    # Anything the person does still counts.
    assert (await person.get("/api/v1/me")).status_code == 200
    assert await last_seen(app, person.id) > earlier + timedelta(minutes=5)
