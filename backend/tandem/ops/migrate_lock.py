"""`tandem migrate` under a lock, so several containers or instances may run it at the same moment.

PostgreSQL: a session-level advisory lock held on a connection of its own while Alembic runs; the
second caller waits, then finds the database at head and does nothing. SQLite: an exclusive file lock
beside the database file.
"""

from __future__ import annotations

import asyncio
import fcntl
import logging
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

from tandem.migrations.runner import upgrade

logger = logging.getLogger("tandem.migrate")

# pg_advisory_lock's key: any fixed 64-bit number that no other lock of this database uses ("tandem m").
ADVISORY_LOCK_KEY = 0x74616E64656D206D


def sqlite_path(database_url: str) -> Path | None:
    url = make_url(database_url)
    if not url.drivername.startswith("sqlite") or not url.database or url.database == ":memory:":
        return None
    return Path(url.database)


def _upgrade_with_sqlite_lock(database_url: str, path: Path, run: Callable[[], None]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    lock_path = path.with_name(path.name + ".migrate-lock")
    with lock_path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            run()
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


async def _upgrade_with_advisory_lock(database_url: str, run: Callable[[], None]) -> None:
    engine = create_async_engine(database_url, poolclass=NullPool)
    try:
        async with engine.connect() as connection:
            autocommit = await connection.execution_options(isolation_level="AUTOCOMMIT")
            await autocommit.execute(text("SELECT pg_advisory_lock(:key)"), {"key": ADVISORY_LOCK_KEY})
            try:
                # Alembic's env.py runs its own event loop, so it runs in a thread of its own.
                await asyncio.to_thread(run)
            finally:
                await autocommit.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": ADVISORY_LOCK_KEY})
    finally:
        await engine.dispose()


def upgrade_locked(database_url: str, revision: str = "head") -> None:
    def run() -> None:
        upgrade(database_url, revision)

    path = sqlite_path(database_url)
    if path is not None:
        _upgrade_with_sqlite_lock(database_url, path, run)
    elif database_url.startswith("postgresql"):
        asyncio.run(_upgrade_with_advisory_lock(database_url, run))
    else:
        run()
