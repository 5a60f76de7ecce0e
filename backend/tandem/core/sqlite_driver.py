"""SQLite for asyncio with at most one thread hop per statement, for SQLAlchemy's aiosqlite dialect.

aiosqlite sends every call on a connection to the connection's thread and back: making a cursor,
executing, fetching, closing the cursor, BEGIN, COMMIT, and the pool's rollback when a connection is
returned. Each hop (a queue, a thread wake-up, a future resolved through the event loop's self-pipe)
cost about 0.1 ms on this 2-core machine, and GET /me made nine of them around one SELECT: about half
of its time.

This driver keeps the thread for what may wait: executing a write or a statement outside a read
transaction (and fetching its rows, in the same hop), committing a transaction that changed something,
rolling one back, opening and closing. What does not wait runs on the event loop at once: making or
closing a cursor, a deferred `BEGIN` (it takes no lock and reads nothing), ending a transaction that
changed nothing (it only lets go of its snapshot), a rollback with no transaction open, and a read
transaction's SELECTs (below). GET /me makes no hop.

It offers the part of aiosqlite's interface that SQLAlchemy's aiosqlite adapter uses (the engine is
made with `async_creator`); errors are sqlite3's own, as with aiosqlite. Calls on one connection never
overlap (the adapter holds a lock per connection and awaits each), so the sqlite3 connection is used
from the loop and from its thread in turn, never at once (`check_same_thread=False`).

A SELECT in a read transaction runs on the event loop, where it costs no hop: in WAL mode a reader waits
for no writer, and the daily pages' reads take tens of microseconds, less than a hop (on the daily GETs
under load, 1.5-2x the requests per second of sending each SELECT to the thread). Two guards keep the
loop from waiting on one:
- a lock: an inline SELECT runs with SQLite's busy timeout at 0, so a lock it would wait for (a WAL
  recovery, a database not in WAL mode) fails at once and the statement goes to the thread, which waits
  with the configured timeout;
- a long statement: a progress handler interrupts an inline SELECT that has taken more than
  `INLINE_BUDGET_S` of the loop thread's processor time; it reruns on the thread in the same transaction
  (an interrupted SELECT changes nothing and keeps the snapshot), and its SQL goes to the thread from
  then on.
Any other error on the loop sends the statement to the thread too, which runs it as before (and raises
there, if the error is real).
Reading a page the operating system has not cached still waits for the disk on the loop; a couple's
pages are few and stay cached.
"""

from __future__ import annotations

import asyncio
import sqlite3
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")

# The deferred BEGIN that core/db.py issues for reads (writes use BEGIN IMMEDIATE, which may wait).
DEFERRED_BEGIN = "BEGIN"
# How much processor time a SELECT may take on the event loop before it is interrupted and sent to the thread.
INLINE_BUDGET_S = 0.002
# The progress handler runs every this many SQLite virtual-machine steps (a few tens of microseconds).
_PROGRESS_STEPS = 1000
_INTERRUPT = 9  # SQLITE_INTERRUPT
# SELECTs that once ran past the budget: they go straight to the thread. Bounded: cleared when full.
_LONG_SELECTS: set[str] = set()
_LONG_SELECTS_MAX = 512


class _InlineQueue:
    """SQLAlchemy's adapter sets `isolation_level` by putting `(future, function)` on aiosqlite's
    queue of work for the thread. Setting it never waits, so here it runs at once."""

    def put_nowait(self, item: tuple[asyncio.Future[Any], Callable[[], Any]]) -> None:
        future, function = item
        try:
            future.set_result(function())
        except Exception as error:  # handed to the awaiting adapter, as aiosqlite's thread would
            future.set_exception(error)


class SqliteCursor:
    """One statement at a time; its rows are fetched in the same hop as its execution."""

    def __init__(self, owner: SqliteConnection) -> None:
        self._owner = owner
        self._cursor = owner._conn.cursor()
        self._rows: list[Any] = []

    async def __aenter__(self) -> SqliteCursor:
        return self

    async def __aexit__(self, *_: object) -> None:
        await self.close()

    @property
    def description(self) -> Any:
        return self._cursor.description

    @property
    def rowcount(self) -> int:
        return self._cursor.rowcount

    @property
    def lastrowid(self) -> int | None:
        return self._cursor.lastrowid

    @property
    def arraysize(self) -> int:
        return self._cursor.arraysize

    @arraysize.setter
    def arraysize(self, value: int) -> None:
        self._cursor.arraysize = value

    def _execute_and_fetch(self, sql: str, parameters: Sequence[Any] | dict[str, Any]) -> list[Any]:
        self._cursor.execute(sql, parameters)
        return self._cursor.fetchall() if self._cursor.description else []

    async def execute(self, sql: str, parameters: Sequence[Any] | dict[str, Any] = ()) -> SqliteCursor:
        owner = self._owner
        if sql == DEFERRED_BEGIN:
            self._cursor.execute(sql)
            owner._changes_at_begin = owner._conn.total_changes
            self._rows = []
            return self
        if sql.startswith("BEGIN"):  # BEGIN IMMEDIATE: its end always goes to the thread
            owner._changes_at_begin = None
        elif (
            owner._changes_at_begin is not None
            and sql.startswith("SELECT")
            and sql not in _LONG_SELECTS
            and self._execute_inline(sql, parameters)
        ):
            return self
        self._rows = await owner._run(self._execute_and_fetch, sql, parameters)
        return self

    def _execute_inline(self, sql: str, parameters: Sequence[Any] | dict[str, Any]) -> bool:
        """Run a SELECT of a read transaction on the event loop; False when it must go to the thread.

        Inline is only a shortcut: whatever goes wrong here (a lock, the budget, any other error) sends
        the statement to the thread, which runs it as it always did and raises a real error there."""
        owner = self._owner
        conn = owner._conn
        try:
            if owner._busy_timeout_ms is None:
                owner._busy_timeout_ms = int(conn.execute("PRAGMA busy_timeout").fetchone()[0])
            conn.execute("PRAGMA busy_timeout=0")
        except sqlite3.Error:
            return False
        # The budget counts this thread's processor time, so a loop that the machine set aside for a
        # moment does not make a short statement look long.
        deadline = time.thread_time() + INLINE_BUDGET_S
        conn.set_progress_handler(lambda: time.thread_time() > deadline, _PROGRESS_STEPS)
        try:
            self._rows = self._execute_and_fetch(sql, parameters)
        except sqlite3.Error as error:
            if isinstance(error, sqlite3.OperationalError) and error.sqlite_errorcode & 0xFF == _INTERRUPT:
                if len(_LONG_SELECTS) >= _LONG_SELECTS_MAX:
                    _LONG_SELECTS.clear()
                _LONG_SELECTS.add(sql)
            return False
        finally:
            conn.set_progress_handler(None, 0)
            conn.execute(f"PRAGMA busy_timeout={owner._busy_timeout_ms}")
        return True

    async def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> SqliteCursor:
        await self._owner._run(self._cursor.executemany, sql, rows)
        self._rows = []
        return self

    async def fetchall(self) -> list[Any]:
        rows, self._rows = self._rows, []
        return rows

    async def fetchone(self) -> Any:
        if not self._rows:
            return None
        row, self._rows = self._rows[0], self._rows[1:]
        return row

    async def fetchmany(self, size: int | None = None) -> list[Any]:
        count = self._cursor.arraysize if size is None else size
        rows, self._rows = self._rows[:count], self._rows[count:]
        return rows

    async def nextset(self) -> None:
        return None

    async def close(self) -> None:
        self._rows = []
        self._cursor.close()


class SqliteConnection:
    def __init__(self, conn: sqlite3.Connection, executor: ThreadPoolExecutor) -> None:
        self._conn = conn
        self._executor = executor
        self._open = True
        self._tx = _InlineQueue()
        # `total_changes` when the current deferred transaction began (None: it began otherwise). Unchanged
        # at its end, it wrote no row (inserts, updates and deletes, by triggers too, all count).
        self._changes_at_begin: int | None = None
        # The busy timeout the engine set (core/db.py): read at the first inline SELECT, restored after each.
        self._busy_timeout_ms: int | None = None

    @property
    def _connection(self) -> bool:
        """Truthy while open (the adapter checks it before a commit or rollback)."""
        return self._open

    @property
    def isolation_level(self) -> str | None:
        return self._conn.isolation_level

    async def _run(self, function: Callable[..., T], *args: Any) -> T:
        if not self._open:
            raise ValueError("no active connection")
        return await asyncio.get_running_loop().run_in_executor(self._executor, function, *args)

    def _read_only_so_far(self) -> bool:
        return self._changes_at_begin is not None and self._conn.total_changes == self._changes_at_begin

    def cursor(self) -> SqliteCursor:
        return SqliteCursor(self)

    async def commit(self) -> None:
        if not self._conn.in_transaction:
            return
        if self._read_only_so_far():
            self._conn.commit()  # ends a snapshot: no lock to wait for, nothing to write
        else:
            await self._run(self._conn.commit)
        self._changes_at_begin = None

    async def rollback(self) -> None:
        if not self._conn.in_transaction:
            return
        if self._read_only_so_far():
            self._conn.rollback()
        else:
            await self._run(self._conn.rollback)
        self._changes_at_begin = None

    async def create_function(self, *args: Any, **kwargs: Any) -> None:
        self._conn.create_function(*args, **kwargs)

    async def close(self) -> None:
        if not self._open:
            return
        try:
            await self._run(self._conn.close)
        finally:
            self._open = False
            self._executor.shutdown(wait=False)

    def stop(self) -> None:
        """Close without waiting (a connection dropped by the garbage collector or invalidated)."""
        if self._open:
            self._open = False
            self._executor.submit(self._conn.close)
            self._executor.shutdown(wait=False)


async def connect(database: str, **kwargs: Any) -> SqliteConnection:
    """Open `database` (a file path) on a thread of its own, as aiosqlite would."""
    executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sqlite")

    def open_file() -> sqlite3.Connection:
        connection: sqlite3.Connection = sqlite3.connect(database, check_same_thread=False, **kwargs)
        return connection

    try:
        conn = await asyncio.get_running_loop().run_in_executor(executor, open_file)
    except BaseException:
        executor.shutdown(wait=False)
        raise
    return SqliteConnection(conn, executor)
