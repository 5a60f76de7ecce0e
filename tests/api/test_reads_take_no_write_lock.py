"""Reads run in a read transaction: while another connection holds the write lock (SQLite) or an
exclusive lock on the sessions table (PostgreSQL), the daily GETs still answer at once, and none writes."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncConnection

from tandem.core.db import make_engine

from .people import Couple

DAILY = (
    "/api/v1/me",
    "/api/v1/spaces/{space_id}",
    "/api/v1/spaces/{space_id}/checkins",
    "/api/v1/spaces/{space_id}/plans",
    "/api/v1/spaces/{space_id}/matches",
)


async def hold_the_write_lock(holder: AsyncConnection, database_url: str) -> None:
    if database_url.startswith("sqlite"):
        # Outside a request every transaction is BEGIN IMMEDIATE: this one now holds the write lock.
        await holder.exec_driver_sql("UPDATE auth_sessions SET device = device WHERE 1 = 0")
    else:
        # Only plain reads pass this lock on the table; any write to a session would wait for it.
        await holder.exec_driver_sql("LOCK TABLE auth_sessions IN EXCLUSIVE MODE")


async def test_reads_answer_while_the_write_lock_is_held(couple: Couple, database_url: str) -> None:
    for path in DAILY:  # sessions are fresh: no touch is due
        assert (await couple.patient.get(path.format(space_id=couple.space_id))).status_code == 200
    engine = make_engine(database_url, pooled=False)
    try:
        async with engine.connect() as holder:
            await holder.begin()
            await hold_the_write_lock(holder, database_url)
            for person in (couple.patient, couple.partner):
                for path in DAILY:
                    response = await person.get(path.format(space_id=couple.space_id))
                    assert response.status_code == 200, (path, response.text)
            await holder.rollback()
    finally:
        await engine.dispose()
