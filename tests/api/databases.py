"""Real test databases: a fresh SQLite file, or a fresh database on a real PostgreSQL server.

Both are built by running the migrations, never by create_all. Nothing here skips: when the
PostgreSQL server the run asks for is unreachable, the run fails.
"""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import Callable, Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import asyncpg

from tandem.migrations.runner import upgrade

T = TypeVar("T")

DEFAULT_POSTGRES_URL = "postgresql+asyncpg://postgres@127.0.0.1:5432/test"


def selected_backend() -> str:
    backend = os.environ.get("TANDEM_TEST_DB", "sqlite")
    if backend not in {"sqlite", "postgres"}:
        raise ValueError("TANDEM_TEST_DB must be 'sqlite' or 'postgres'")
    return backend


def run_outside_loop(factory: Callable[[], Coroutine[Any, Any, T]]) -> T:
    """Run a coroutine in its own thread and loop (Alembic's env.py calls asyncio.run itself)."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(lambda: asyncio.run(factory())).result()


def run_in_thread(function: Callable[[], T]) -> T:
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(function).result()


def plain_dsn(url: str) -> str:
    return url.replace("postgresql+asyncpg://", "postgresql://", 1)


def _with_database(url: str, name: str) -> str:
    base, _, _ = url.rpartition("/")
    return f"{base}/{name}"


@contextmanager
def fresh_postgres_database() -> Iterator[str]:
    admin_url = os.environ.get("TANDEM_TEST_POSTGRES_URL", DEFAULT_POSTGRES_URL)
    name = f"tandem_test_{uuid.uuid4().hex[:12]}"

    async def create() -> None:
        connection = await asyncpg.connect(plain_dsn(admin_url), timeout=10)
        try:
            await connection.execute(f'CREATE DATABASE "{name}"')
        finally:
            await connection.close()

    async def drop() -> None:
        connection = await asyncpg.connect(plain_dsn(admin_url), timeout=10)
        try:
            await connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        finally:
            await connection.close()

    try:
        run_outside_loop(create)
    except (OSError, asyncpg.PostgresError) as exc:
        raise RuntimeError(
            f"PostgreSQL at {admin_url} is not reachable ({exc}). `make test` starts one; "
            "or set TANDEM_TEST_POSTGRES_URL."
        ) from exc
    try:
        yield _with_database(admin_url, name)
    finally:
        run_outside_loop(drop)


@contextmanager
def fresh_database(tmp_dir: Path, *, migrate: bool = True) -> Iterator[str]:
    """A new empty database of the selected kind, migrated to head unless told otherwise."""
    if selected_backend() == "sqlite":
        url = f"sqlite+aiosqlite:///{tmp_dir / f'tandem-{uuid.uuid4().hex[:8]}.db'}"
        if migrate:
            run_in_thread(lambda: upgrade(url))
        yield url
        return
    with fresh_postgres_database() as url:
        if migrate:
            run_in_thread(lambda: upgrade(url))
        yield url
