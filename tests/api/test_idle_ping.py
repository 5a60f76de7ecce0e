"""PostgreSQL connections are pinged only after idling (core/db.py): a dead idle connection is replaced before
a request uses it, a busy one is used without a round trip, and one lost under a request answers 503 with
Retry-After while the pool replaces it. Always on a PostgreSQL database of its own (the code is PostgreSQL's),
whichever database the suite runs on."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import asyncpg
import pytest
from litestar import Request
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine

from tandem.core import db
from tandem.core.overload import database_error_handler

from .databases import fresh_postgres_database, plain_dsn


@pytest.fixture
async def engine() -> AsyncIterator[AsyncEngine]:
    with fresh_postgres_database() as url:
        engine = db.make_engine(url)
        try:
            yield engine
        finally:
            await engine.dispose()


@pytest.fixture
def pings(engine: AsyncEngine, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    dialect = engine.sync_engine.dialect
    counted: list[int] = []
    real_ping = dialect.do_ping

    def counting_ping(dbapi_connection: Any) -> bool:
        counted.append(1)
        return bool(real_ping(dbapi_connection))

    monkeypatch.setattr(dialect, "do_ping", counting_ping)
    return counted


async def backend_pid(engine: AsyncEngine) -> int:
    async with engine.connect() as connection:
        return int(await connection.scalar(text("SELECT pg_backend_pid()")))


async def terminate(engine: AsyncEngine, pid: int) -> None:
    admin = await asyncpg.connect(plain_dsn(engine.url.render_as_string(hide_password=False)))
    try:
        assert await admin.fetchval("SELECT pg_terminate_backend($1)", pid)
    finally:
        await admin.close()


async def test_a_connection_in_steady_use_is_not_pinged(
    engine: AsyncEngine, pings: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(db, "IDLE_BEFORE_PING_SECONDS", 3600.0)
    first = await backend_pid(engine)
    assert [await backend_pid(engine) for _ in range(5)] == [first] * 5
    assert pings == []


async def test_an_idle_connection_that_died_is_replaced_before_use(
    engine: AsyncEngine, pings: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(db, "IDLE_BEFORE_PING_SECONDS", 0.0)  # every checkout counts as after idling
    dead = await backend_pid(engine)
    await terminate(engine, dead)
    replacement = await backend_pid(engine)
    assert replacement != dead
    assert pings  # the dead one failed its ping; the new one answered


async def test_a_connection_lost_under_a_request_answers_503_and_is_replaced(
    engine: AsyncEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(db, "IDLE_BEFORE_PING_SECONDS", 3600.0)
    dead = await backend_pid(engine)
    await terminate(engine, dead)
    with pytest.raises(DBAPIError) as lost:
        await backend_pid(engine)
    assert lost.value.connection_invalidated
    request: Request[Any, Any, Any] = Request(
        {"type": "http", "method": "GET", "path": "/api/v1/me", "headers": [], "query_string": b""}  # type: ignore[typeddict-item]
    )
    answer = database_error_handler(request, lost.value)
    assert answer.status_code == 503 and answer.headers["Retry-After"] == "2"
    assert await backend_pid(engine) != dead
