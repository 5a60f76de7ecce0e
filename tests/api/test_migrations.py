"""Migrations build every test database; here they also go down and up again, and match the models."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Column, MetaData, String, inspect
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import create_async_engine

from tandem.migrations.runner import check, downgrade, upgrade
from tandem.models import metadata
from tandem.search.index import is_index_table

from .databases import fresh_database, run_in_thread


def _with_connection(url: str, work: Any) -> Any:
    """Run `work(sync_connection)` through a short-lived async engine in its own loop."""

    async def run() -> Any:
        engine = create_async_engine(url)
        async with engine.connect() as connection:
            result = await connection.run_sync(work)
        await engine.dispose()
        return result

    return run_in_thread(lambda: asyncio.run(run()))


def _tables(url: str) -> set[str]:
    return set(_with_connection(url, lambda sync: inspect(sync).get_table_names()))


def _diff(url: str, target: MetaData) -> list[Any]:
    def compare(sync: Connection) -> list[Any]:
        # The search index has no model (see migration 0031_search), as in migrations/env.py.
        opts = {
            "compare_type": True,
            "include_name": lambda name, kind, _: not (kind == "table" and is_index_table(name)),
        }
        context = MigrationContext.configure(sync, opts=opts)
        return list(compare_metadata(context, target))

    return list(_with_connection(url, compare))


def test_upgrade_downgrade_upgrade_and_no_drift(tmp_path: Path) -> None:
    with fresh_database(tmp_path, migrate=False) as url:
        run_in_thread(lambda: upgrade(url))
        assert set(metadata.tables) <= _tables(url)
        # `alembic check` fails when autogenerate would write a new migration.
        run_in_thread(lambda: check(url))
        assert _diff(url, metadata) == []
        run_in_thread(lambda: downgrade(url, "base"))
        assert _tables(url) - {"alembic_version"} == set()
        run_in_thread(lambda: upgrade(url))
        assert set(metadata.tables) <= _tables(url)


def test_the_drift_check_notices_a_model_change(tmp_path: Path) -> None:
    """The comparison is not a formality: a column the migrations lack shows up as a difference."""
    changed = MetaData(naming_convention=metadata.naming_convention)
    for table in metadata.sorted_tables:
        table.to_metadata(changed)
    changed.tables["users"].append_column(Column("drift_probe", String(10), nullable=True))
    with fresh_database(tmp_path) as url:
        differences = _diff(url, changed)
    assert any("drift_probe" in str(d) for d in differences), differences
