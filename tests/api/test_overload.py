"""Overload answers 503 or 429 with Retry-After, never a 500 (both databases).

A saturated pool, a lock held past the lock timeout, and one session's burst of writes are each
provoked for real: the pool is held by the test, the lock by a second connection of the test.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import httpx
from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from tandem.app import create_app
from tandem.core.config import DatabaseLimits
from tandem.core.db import make_engine

from .apps import make_settings
from .databases import selected_backend
from .people import Person, make_couple

GOALS = "/api/v1/spaces/{space_id}/practice/goals"


@asynccontextmanager
async def app_with(tmp_root: Path, database_url: str, **overrides: object) -> AsyncIterator[Litestar]:
    application = create_app(make_settings(tmp_root, database_url, **overrides))
    async with AsyncTestClient(application):
        # The app's start-up maintenance (purge, ANALYZE) writes: let it end before lock waits are timed.
        assert await asyncio.to_thread(application.state.maintenance.first_pass_done.wait, 60)
        yield application


@asynccontextmanager
async def writer_lock_held(database_url: str, user_id: str) -> AsyncIterator[None]:
    """Another connection holds what a write of this member needs: on PostgreSQL the member's
    membership row (the lock every cap takes first), on SQLite the database's write lock."""
    engine: AsyncEngine = make_engine(database_url, pooled=False)
    try:
        async with engine.connect() as connection:
            await connection.begin()  # BEGIN IMMEDIATE on SQLite
            if selected_backend() == "postgres":
                lock = text("SELECT id FROM memberships WHERE user_id = CAST(:user_id AS uuid) FOR UPDATE")
                assert (await connection.execute(lock, {"user_id": user_id})).first() is not None
            yield
            await connection.rollback()
    finally:
        await engine.dispose()


def assert_busy(response: httpx.Response, status: int) -> None:
    assert response.status_code == status, response.text
    assert response.headers["retry-after"].isdigit()
    assert response.headers["content-type"].startswith("application/problem+json")


async def test_a_request_that_gets_no_connection_answers_503(tmp_root: Path, database_url: str) -> None:
    limits = DatabaseLimits(pool_size=1, max_overflow=0, pool_timeout=0.2)
    async with app_with(tmp_root, database_url, db_limits=limits) as application:
        person = await Person(application).sign_up()
        engine = application.state.engine
        async with engine.connect():  # the pool's only connection
            assert_busy(await person.get("/api/v1/me"), 503)
        assert (await person.get("/api/v1/me")).status_code == 200


async def test_a_lock_not_granted_in_time_answers_503(tmp_root: Path, database_url: str) -> None:
    limits = DatabaseLimits(lock_timeout_ms=200)
    async with app_with(tmp_root, database_url, db_limits=limits) as application:
        couple = await make_couple(application)
        url = GOALS.format(space_id=couple.space_id)
        async with writer_lock_held(database_url, couple.patient.id):
            assert_busy(await couple.patient.post(url, json={"title": "Breathe"}), 503)
        assert (await couple.patient.post(url, json={"title": "Breathe"})).status_code == 201


async def test_one_sessions_burst_of_writes_is_bounded(tmp_root: Path, database_url: str) -> None:
    limits = DatabaseLimits(lock_timeout_ms=20_000)
    async with app_with(
        tmp_root, database_url, db_limits=limits, writes_per_session=2, write_wait_seconds=0.2
    ) as application:
        couple = await make_couple(application)
        url = GOALS.format(space_id=couple.space_id)
        await couple.patient.csrf_token()
        async with writer_lock_held(database_url, couple.patient.id):
            tasks = [asyncio.create_task(couple.patient.post(url, json={"title": f"Goal {n}"})) for n in range(6)]
            # Two writes hold the session's slots (waiting on the lock); the other four are turned away.
            deadline = asyncio.get_running_loop().time() + 30
            while sum(t.done() for t in tasks) < 4:
                assert asyncio.get_running_loop().time() < deadline, "the extra writes were never refused"
                await asyncio.sleep(0.05)
            refused = [t.result() for t in tasks if t.done()]
            for response in refused:
                assert_busy(response, 429)
        landed = await asyncio.gather(*tasks)
        assert sorted(r.status_code for r in landed) == [201, 201, 429, 429, 429, 429]
        goals = (await couple.patient.get(url)).json()
        assert len(goals) == 2


async def test_one_members_burst_leaves_the_others_served(tmp_root: Path, database_url: str) -> None:
    """The issue's case: 80 boundary changes at once from one member, on a small pool."""
    limits = DatabaseLimits(pool_size=3, max_overflow=0, pool_timeout=5)
    async with app_with(tmp_root, database_url, db_limits=limits, writes_per_session=2) as application:
        busy, other = await make_couple(application), await make_couple(application)
        await busy.patient.csrf_token()
        boundaries = f"/api/v1/spaces/{busy.space_id}/boundaries"
        burst = [
            busy.patient.patch(boundaries, json={"changes": [{"activity_id": "cuddling", "level": level}]})
            for level in ("ask_first", "welcome") * 40
        ]
        meanwhile = other.patient.post(GOALS.format(space_id=other.space_id), json={"title": "Rest"})
        *answers, theirs = await asyncio.gather(*burst, meanwhile)
        assert {r.status_code for r in answers} <= {200, 429}, {r.status_code for r in answers}
        assert theirs.status_code == 201, theirs.text
        assert (await other.patient.get("/api/v1/health")).status_code == 200
