"""The SQLite driver (core/sqlite_driver.py): what may wait runs on the connection's thread, in one hop per
statement; what never waits runs on the event loop, and so does a read transaction's SELECT unless it would
wait for a lock or runs past its budget. Every test uses its own SQLite file, whichever database the suite
runs on."""

from __future__ import annotations

import asyncio
import sqlite3
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


@pytest.fixture(autouse=True)
def no_known_long_selects(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test starts with none remembered (the set belongs to the process)."""
    monkeypatch.setattr(sqlite_driver, "_LONG_SELECTS", set())


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


async def test_a_read_makes_no_hop(engine: AsyncEngine, hops: list[tuple[str, str]]) -> None:
    with read_transactions():
        async with AsyncSession(engine) as db:
            assert (await db.scalar(text("SELECT body FROM notes WHERE id = 1"))) == "first"
            await db.commit()
    # BEGIN, the SELECT and its rows, making and closing the cursor, COMMIT of a transaction that wrote
    # nothing and the pool's reset all run on the loop.
    assert hops == []


async def test_a_select_outside_a_read_transaction_goes_to_the_thread(
    engine: AsyncEngine, hops: list[tuple[str, str]]
) -> None:
    async with AsyncSession(engine) as db:  # a write transaction (BEGIN IMMEDIATE) that reads first
        assert (await db.scalar(text("SELECT body FROM notes WHERE id = 1"))) == "first"
        await db.commit()
    assert "_execute_and_fetch" in [name for name, _ in hops]
    assert all(thread.startswith("sqlite") for _, thread in hops)
    assert threading.current_thread().name not in {thread for _, thread in hops}


# Counts to 300,000 one step at a time: tens of milliseconds at the least, far past the inline budget.
LONG_SELECT = (
    "SELECT (WITH RECURSIVE steps(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM steps WHERE n < 300000) "
    "SELECT count(*) FROM steps)"
)


async def test_a_long_select_is_interrupted_and_finishes_on_the_thread_in_the_same_snapshot(
    engine: AsyncEngine, hops: list[tuple[str, str]], tmp_path: Path
) -> None:
    with read_transactions():
        async with AsyncSession(engine) as db:
            assert (await db.scalar(text("SELECT count(*) FROM notes"))) == 1
            # Another connection writes after this transaction took its snapshot.
            with sqlite3.connect(tmp_path / "driver.db") as other:
                other.execute("INSERT INTO notes (id, body) VALUES (2, 'later')")
            assert (await db.scalar(text(LONG_SELECT))) == 300000
            # The interrupted statement changed nothing: the transaction still reads its snapshot.
            assert (await db.scalar(text("SELECT count(*) FROM notes"))) == 1
            await db.commit()
    assert [name for name, _ in hops] == ["_execute_and_fetch"]
    assert LONG_SELECT in sqlite_driver._LONG_SELECTS


async def test_a_select_known_to_be_long_goes_straight_to_the_thread(
    engine: AsyncEngine, hops: list[tuple[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    tried_inline: list[str] = []
    real_inline = sqlite_driver.SqliteCursor._execute_inline

    def watched(self: sqlite_driver.SqliteCursor, sql: str, parameters: Any) -> bool:
        tried_inline.append(sql)
        return real_inline(self, sql, parameters)

    monkeypatch.setattr(sqlite_driver.SqliteCursor, "_execute_inline", watched)
    for _ in range(2):
        with read_transactions():
            async with AsyncSession(engine) as db:
                assert (await db.scalar(text(LONG_SELECT))) == 300000
                await db.commit()
    assert tried_inline == [LONG_SELECT]  # the first time only
    assert [name for name, _ in hops] == ["_execute_and_fetch", "_execute_and_fetch"]


async def test_reads_stay_whole_when_every_inline_budget_is_spent_at_once(
    engine: AsyncEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLite calls the progress handler when a prepared statement's steps, counted over all its runs,
    cross a multiple of the period: in time, during any statement run while the handler is set. With a
    budget spent before it starts (as when the machine sets the loop aside), such a statement is
    interrupted; a read must still answer, and the driver's own statements must never be the ones."""
    monkeypatch.setattr(sqlite_driver, "INLINE_BUDGET_S", -1.0)
    with read_transactions():
        async with AsyncSession(engine) as db:
            for n in range(400):  # 400 different SELECTs: one interrupted is sent to the thread from then on
                one = text(f"SELECT body FROM notes WHERE id = 1 AND {n} = {n}")  # noqa: S608  # a number of ours
                assert (await db.scalar(one)) == "first"
            await db.commit()


class _FailingOnce:
    """A sqlite3 connection whose next `PRAGMA busy_timeout=0` fails (any error the loop could meet)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        self.failed = False

    def execute(self, sql: str, *args: Any) -> sqlite3.Cursor:
        if sql == "PRAGMA busy_timeout=0" and not self.failed:
            self.failed = True
            raise sqlite3.OperationalError("a failure of the kind the loop must never answer with")
        return self._conn.execute(sql, *args)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._conn, name)


async def test_any_error_on_the_loop_leaves_the_select_to_the_thread(
    engine: AsyncEngine, hops: list[tuple[str, str]]
) -> None:
    with read_transactions():
        async with AsyncSession(engine) as db:
            raw = await db.connection()
            adapted = (await raw.get_raw_connection()).driver_connection
            assert isinstance(adapted, sqlite_driver.SqliteConnection)
            failing = _FailingOnce(adapted._conn)
            adapted._conn = failing  # type: ignore[assignment]
            try:
                assert (await db.scalar(text("SELECT body FROM notes WHERE id = 1"))) == "first"
                assert (await db.scalar(text("SELECT count(*) FROM notes"))) == 1
            finally:
                adapted._conn = failing._conn
            await db.commit()
    assert failing.failed
    # The first SELECT went to the thread; the next one ran on the loop again.
    assert [name for name, _ in hops] == ["_execute_and_fetch"]


async def test_a_select_that_would_wait_for_a_lock_waits_on_the_thread_not_the_loop(
    tmp_path: Path, hops: list[tuple[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    # A database in rollback-journal mode, where a writer's exclusive lock keeps readers out.
    path = tmp_path / "journal.db"
    with sqlite3.connect(path) as setup:
        setup.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)")
        setup.execute("INSERT INTO notes (id, body) VALUES (1, 'first')")
    loop = asyncio.get_running_loop()
    on_thread = asyncio.Event()
    real_execute = sqlite_driver.SqliteCursor._execute_and_fetch

    def signalled(self: sqlite_driver.SqliteCursor, sql: str, parameters: Any) -> list[Any]:
        if threading.current_thread() is not threading.main_thread():
            loop.call_soon_threadsafe(on_thread.set)
        return real_execute(self, sql, parameters)

    monkeypatch.setattr(sqlite_driver.SqliteCursor, "_execute_and_fetch", signalled)
    reader = await sqlite_driver.connect(str(path), isolation_level=None)
    writer = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    try:
        cursor = reader.cursor()
        await cursor.execute("PRAGMA busy_timeout=10000")
        hops.clear()
        on_thread.clear()
        writer.execute("BEGIN EXCLUSIVE")
        await cursor.execute("BEGIN")
        read = asyncio.ensure_future(cursor.execute("SELECT body FROM notes WHERE id = 1"))
        # The loop goes on while the reader waits for the lock on its thread (were the loop held by the
        # wait, the timeout could not fire in time and this would fail).
        async with asyncio.timeout(5):
            await on_thread.wait()
        assert not read.done()
        writer.execute("COMMIT")
        async with asyncio.timeout(10):
            await read
        assert await cursor.fetchall() == [("first",)]
        await reader.commit()
        assert [name for name, _ in hops] == ["signalled"]
        # The inline attempt put the configured busy timeout back.
        await cursor.execute("PRAGMA busy_timeout")
        assert await cursor.fetchall() == [(10000,)]
    finally:
        writer.close()
        await reader.close()


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
