"""The SQLite driver (core/sqlite_driver.py): what may wait runs on the connection's thread, in one hop per
statement; what never waits runs on the event loop. Every test uses its own SQLite file, whichever
database the suite runs on."""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from tandem.core import sqlite_driver
from tandem.core.db import make_engine, read_transactions


@pytest.fixture
async def engine(tmp_path: Path) -> AsyncIterator[AsyncEngine]:
    engine = make_engine(f"sqlite+aiosqlite:///{tmp_path / 'driver.db'}")
    async with engine.begin() as connection:
        await connection.exec_driver_sql("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)")
        await connection.exec_driver_sql("INSERT INTO notes (id, body) VALUES (1, 'first')")
    yield engine
    await engine.dispose()


@pytest.fixture
def hops(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Each call sent to a connection's thread: (what ran, on which thread)."""
    sent: list[tuple[str, str]] = []
    real_run = sqlite_driver.SqliteConnection._run

    async def counted(self: sqlite_driver.SqliteConnection, function: Callable[..., Any], *args: Any) -> Any:
        def on_thread() -> Any:
            sent.append((getattr(function, "__name__", repr(function)), threading.current_thread().name))
            return function(*args)

        return await real_run(self, on_thread)

    monkeypatch.setattr(sqlite_driver.SqliteConnection, "_run", counted)
    return sent


async def test_a_read_makes_one_hop_for_its_statement(engine: AsyncEngine, hops: list[tuple[str, str]]) -> None:
    with read_transactions():
        async with AsyncSession(engine) as db:
            assert (await db.scalar(text("SELECT body FROM notes WHERE id = 1"))) == "first"
            await db.commit()
    # BEGIN, making and closing the cursor, COMMIT of a transaction that wrote nothing and the pool's
    # reset stay on the loop; the SELECT and its rows go to the connection's thread, in one hop.
    assert [name for name, _ in hops] == ["_execute_and_fetch"]
    assert all(thread.startswith("sqlite") for _, thread in hops)
    assert threading.current_thread().name not in {thread for _, thread in hops}


async def test_a_write_commits_on_the_connection_s_thread(engine: AsyncEngine, hops: list[tuple[str, str]]) -> None:
    async with AsyncSession(engine) as db:
        await db.execute(text("INSERT INTO notes (id, body) VALUES (2, 'second')"))
        await db.commit()
    names = [name for name, _ in hops]
    assert names.count("commit") == 1 and names[-1] == "commit"
    async with AsyncSession(engine) as db:
        assert (await db.scalar(text("SELECT body FROM notes WHERE id = 2"))) == "second"


async def test_a_read_transaction_that_wrote_commits_on_the_thread(
    engine: AsyncEngine, hops: list[tuple[str, str]]
) -> None:
    with read_transactions():
        async with AsyncSession(engine) as db:
            await db.execute(text("UPDATE notes SET body = 'changed' WHERE id = 1"))
            await db.commit()
    assert [name for name, _ in hops] == ["_execute_and_fetch", "commit"]
    async with AsyncSession(engine) as db:
        assert (await db.scalar(text("SELECT body FROM notes WHERE id = 1"))) == "changed"


async def test_a_rollback_undoes_a_write_and_errors_are_sqlite_s_own(engine: AsyncEngine) -> None:
    async with AsyncSession(engine) as db:
        await db.execute(text("INSERT INTO notes (id, body) VALUES (3, 'kept?')"))
        await db.rollback()
    async with AsyncSession(engine) as db:
        assert (await db.scalar(text("SELECT count(*) FROM notes WHERE id = 3"))) == 0
        with pytest.raises(IntegrityError):
            await db.execute(text("INSERT INTO notes (id, body) VALUES (1, 'duplicate')"))
        await db.rollback()
        rows = (await db.execute(text("SELECT id, body FROM notes ORDER BY id"))).all()
    assert [tuple(row) for row in rows] == [(1, "first")]


async def test_many_rows_come_back_whole_and_in_order(engine: AsyncEngine) -> None:
    async with AsyncSession(engine) as db:
        await db.execute(
            text("INSERT INTO notes (id, body) VALUES (:id, :body)"),
            [{"id": n, "body": f"note {n}"} for n in range(10, 510)],
        )
        await db.commit()
    with read_transactions():
        async with AsyncSession(engine) as db:
            ids = list(await db.scalars(text("SELECT id FROM notes WHERE id >= 10 ORDER BY id")))
            streamed = await db.stream(text("SELECT id FROM notes WHERE id >= 10 ORDER BY id"))
            in_parts = [row[0] async for part in streamed.partitions(100) for row in part]
    assert ids == list(range(10, 510))
    assert in_parts == ids
