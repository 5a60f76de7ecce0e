"""Sessions that ended by idle timeout are purged, not only those past their absolute expiry."""

from __future__ import annotations

import uuid
from datetime import timedelta

from litestar import Litestar
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from tandem.accounts.models import AuthSession
from tandem.core.db import utcnow
from tandem.maintenance import IdleLimits, purge_expired

from .ideas_support import with_db
from .people import Person

IDLE = IdleLimits(ordinary=timedelta(minutes=30), remembered=timedelta(days=14))


async def sessions_of(app: Litestar, person: Person) -> set[uuid.UUID]:
    async def read(db: AsyncSession) -> set[uuid.UUID]:
        return set(await db.scalars(select(AuthSession.id).where(AuthSession.user_id == uuid.UUID(person.id))))

    return await with_db(app, read)


async def idle_for(app: Litestar, session_id: uuid.UUID, idle: timedelta) -> None:
    async def move(db: AsyncSession) -> None:
        await db.execute(update(AuthSession).where(AuthSession.id == session_id).values(last_seen_at=utcnow() - idle))

    await with_db(app, move)


async def test_idle_ended_sessions_are_purged_and_live_ones_stay(app: Litestar, database_url: str) -> None:
    person = await Person(app).sign_up()
    remembered = Person(app, email=person.email)
    assert (await remembered.log_in(remember_me=True)).status_code == 200
    active = Person(app, email=person.email)
    assert (await active.log_in()).status_code == 200
    by_device = {}
    for device in (person, remembered, active):
        listed = (await device.get("/api/v1/me/sessions")).json()
        by_device[id(device)] = uuid.UUID(next(s["id"] for s in listed if s["current"]))

    # The first has been idle past 30 minutes; the remembered one only 2 days (its limit is 14).
    await idle_for(app, by_device[id(person)], timedelta(minutes=31))
    await idle_for(app, by_device[id(remembered)], timedelta(days=2))
    assert (await person.get("/api/v1/me")).status_code == 401
    # The 401 alone does not remove the row (its transaction rolls back): the purge does.
    await purge_expired(database_url, IDLE)
    assert await sessions_of(app, person) == {by_device[id(remembered)], by_device[id(active)]}

    await idle_for(app, by_device[id(remembered)], timedelta(days=15))
    await purge_expired(database_url, IDLE)
    assert await sessions_of(app, person) == {by_device[id(active)]}
    assert (await active.get("/api/v1/me")).status_code == 200
