"""One line for SQLite's write lock, shared by every process that writes to the database file.

SQLite lets one writer in at a time and makes the others poll for the lock: a waiting connection sleeps
1, 2, 5, 10 ... up to 100 ms between tries. Under steady writes an unlucky waiter keeps waking between
two other writers' transactions while newcomers slip in, so a few writes wait for seconds (with 2
processes x 8 writers a write's p99 was 77x its p50). The gate puts writers in line before they ask
SQLite: within a process an asyncio lock (first come, first served), across processes an exclusive
`flock` on a file beside the database, which the kernel hands to a blocked waiter the moment it is
released. A writer then reaches BEGIN IMMEDIATE when the lock is free.

The gate only orders writers; SQLite's lock still protects the data. A writer that waits longer than
the busy timeout goes on to SQLite without its turn (and SQLite's own timeout decides), so a writer
outside the gate (the command line, a second engine in a test) can never hang a request.
"""

from __future__ import annotations

import asyncio
import fcntl
import os
import time
import weakref
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path


class WriteGate:
    """Writers' turns on one SQLite database: `enter` before BEGIN IMMEDIATE, `leave` after its end."""

    def __init__(self, database_file: Path, timeout_s: float) -> None:
        self._path = database_file.with_name(database_file.name + "-writers")
        self._timeout_s = timeout_s
        # Each event loop has its own line (an engine is used from one loop, but tests build several).
        self._lines: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Lock] = weakref.WeakKeyDictionary()
        # Who holds a turn, by the id of the DBAPI connection that began the transaction: the lock of
        # its line and the open file that holds the flock.
        self._turns: dict[int, tuple[asyncio.Lock, int]] = {}
        # Waiting for another process blocks a thread; these threads do nothing else.
        self._waiters = ThreadPoolExecutor(max_workers=4, thread_name_prefix="tandem-write-gate")

    @property
    def turns_held(self) -> int:
        """How many of this process's connections are between their BEGIN IMMEDIATE and its end (0 or 1)."""
        return len(self._turns)

    def _line(self) -> asyncio.Lock:
        loop = asyncio.get_running_loop()
        line = self._lines.get(loop)
        if line is None:
            line = self._lines[loop] = asyncio.Lock()
        return line

    async def enter(self, holder: int) -> None:
        """Wait for this writer's turn (at most the busy timeout); `holder` identifies its connection."""
        if holder in self._turns:
            return
        deadline = time.monotonic() + self._timeout_s
        line = self._line()
        try:
            await asyncio.wait_for(line.acquire(), self._timeout_s)
        except TimeoutError:
            return
        fd: int | None = None
        try:
            fd = await self._flock(deadline)
        finally:
            if fd is None:
                line.release()
        if fd is not None:
            self._turns[holder] = (line, fd)

    def leave(self, holder: int) -> None:
        """End `holder`'s turn, if it has one (closing the file releases the flock)."""
        turn = self._turns.pop(holder, None)
        if turn is not None:
            line, fd = turn
            os.close(fd)
            line.release()

    async def _flock(self, deadline: float) -> int | None:
        """An open file holding the exclusive flock, or None when the deadline passed first."""
        fd = os.open(self._path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return fd
        except BlockingIOError:
            pass
        # Another process writes: a thread blocks in flock, and the kernel wakes it at the release.
        waiting: Future[None] = self._waiters.submit(fcntl.flock, fd, fcntl.LOCK_EX)
        try:
            await asyncio.wait_for(asyncio.shield(asyncio.wrap_future(waiting)), max(0.0, deadline - time.monotonic()))
            return fd
        except TimeoutError:
            self._give_back_when_granted(waiting, fd)
            return None
        except BaseException:
            self._give_back_when_granted(waiting, fd)
            raise

    @staticmethod
    def _give_back_when_granted(waiting: Future[None], fd: int) -> None:
        # The thread still blocks in flock: when it gets the lock, closing the file gives it straight
        # back (and the file is closed only once nothing blocks on it).
        waiting.add_done_callback(lambda _: os.close(fd))
