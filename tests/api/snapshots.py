"""Put a test database back exactly as it was: a snapshot taken once, restored before each use.

Building a fresh world through the API takes about 45 requests; putting one back takes one copy.
Only for a database that nothing else in the run uses (the restore replaces all of its content):
  - SQLite: the database file and its key store file, copied with SQLite's online backup (it takes
    the proper locks, and the app's open connections see the restored content);
  - PostgreSQL: every table of the app's schemas copied into a snapshot schema, and copied back in
    one transaction with the foreign-key triggers off (so the order of the tables does not matter).
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import asyncpg
from sqlalchemy.engine import make_url

from tandem.core.keystore import SCHEMA as KEYSTORE_SCHEMA
from tandem.core.keystore import keystore_file

from .databases import plain_dsn

SNAPSHOT_SCHEMA = "test_snapshot"
APP_SCHEMAS = ("public", KEYSTORE_SCHEMA)
NOT_APP_DATA = {"alembic_version"}


def _qualified(schema: str, table: str) -> str:
    return f'"{schema}"."{table}"'


def _snapshot_of(schema: str, table: str) -> str:
    return _qualified(SNAPSHOT_SCHEMA, f"{schema}__{table}")


def _sqlite_copy(source: Path, target: Path) -> None:
    with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(target)) as dst:
        src.backup(dst)


@dataclass
class SqliteSnapshot:
    files: list[tuple[Path, Path]]  # (live file, its snapshot)

    @classmethod
    async def take(cls, database_url: str, into: Path) -> SqliteSnapshot:
        live = Path(str(make_url(database_url).database))
        files = [live] + [p for p in [keystore_file(database_url)] if p is not None]
        pairs = [(path, into / path.name) for path in files]
        for path, copy in pairs:
            _sqlite_copy(path, copy)
        return cls(pairs)

    async def restore(self) -> None:
        for path, copy in self.files:
            _sqlite_copy(copy, path)


@dataclass
class PostgresSnapshot:
    dsn: str
    # (qualified live table, qualified snapshot table, the columns to copy: generated ones are computed)
    tables: list[tuple[str, str, str]]

    @classmethod
    async def take(cls, database_url: str) -> PostgresSnapshot:
        dsn = plain_dsn(database_url)
        connection = await asyncpg.connect(dsn)
        try:
            rows = await connection.fetch(
                """
                SELECT table_schema, table_name,
                       string_agg(quote_ident(column_name), ', ' ORDER BY ordinal_position)
                         FILTER (WHERE is_generated = 'NEVER') AS columns
                FROM information_schema.columns
                WHERE table_schema = ANY($1::text[])
                  AND table_name IN (SELECT table_name FROM information_schema.tables
                                     WHERE table_type = 'BASE TABLE' AND table_schema = columns.table_schema)
                GROUP BY table_schema, table_name ORDER BY table_schema, table_name
                """,
                list(APP_SCHEMAS),
            )
            tables = [
                (
                    _qualified(r["table_schema"], r["table_name"]),
                    _snapshot_of(r["table_schema"], r["table_name"]),
                    r["columns"],
                )
                for r in rows
                if r["table_name"] not in NOT_APP_DATA
            ]
            async with connection.transaction():
                await connection.execute(f'DROP SCHEMA IF EXISTS "{SNAPSHOT_SCHEMA}" CASCADE')
                await connection.execute(f'CREATE SCHEMA "{SNAPSHOT_SCHEMA}"')
                for live, copy, columns in tables:
                    # Names from the catalog, quoted by the server: not input.
                    await connection.execute(f"CREATE TABLE {copy} AS SELECT {columns} FROM {live}")  # noqa: S608
        finally:
            await connection.close()
        return cls(dsn, tables)

    async def restore(self) -> None:
        connection = await asyncpg.connect(self.dsn)
        try:
            async with connection.transaction():
                await connection.execute("SET LOCAL session_replication_role = replica")
                script = [f"DELETE FROM {live}" for live, _, _ in self.tables]  # noqa: S608 (names from the catalog)
                script += [
                    f"INSERT INTO {live} ({columns}) SELECT {columns} FROM {copy}"  # noqa: S608 (names from the catalog)
                    for live, copy, columns in self.tables
                ]
                await connection.execute(";\n".join(script))
        finally:
            await connection.close()


async def take_snapshot(database_url: str, work_dir: Path) -> SqliteSnapshot | PostgresSnapshot:
    """A snapshot of the database at `database_url` (SQLite: its copies go into `work_dir`, which exists)."""
    if database_url.startswith("sqlite"):
        return await SqliteSnapshot.take(database_url, work_dir)
    return await PostgresSnapshot.take(database_url)
