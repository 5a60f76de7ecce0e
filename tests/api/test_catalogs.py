"""Content catalogs: valid files with unique ids, synchronised idempotently."""

from __future__ import annotations

from pathlib import Path

import msgspec
import pytest
from litestar import Litestar
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from tandem.activities.models import Activity
from tandem.activities.schemas import ActivityEntry
from tandem.activities.service import CATALOG_FILE, sync_activities
from tandem.catalogs import CATALOGS, sync_catalogs
from tandem.core.catalog import CatalogError, CatalogSync, read_catalog, sync_rows
from tandem.core.db import make_engine

from .databases import fresh_database
from .people import Person


def test_activity_catalog_is_valid() -> None:
    catalog = read_catalog(CATALOG_FILE, ActivityEntry)
    assert catalog.version >= 1
    ids = [item.id for item in catalog.items]
    assert len(ids) == len(set(ids)) >= 12
    assert {"holding-hands", "cuddling", "kissing", "penetration-penis-or-toy", "talking-about-sex"} <= set(ids)
    assert all(item.involves_penetration == item.id.startswith("penetration") for item in catalog.items)


def test_a_catalog_with_repeated_ids_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(
        "version: 1\nitems:\n  - {id: a, title: A, kind: physical}\n  - {id: a, title: B, kind: physical}\n"
    )
    with pytest.raises(CatalogError, match="repeated ids"):
        read_catalog(path, ActivityEntry)
    path.write_text("version: 1\nitems:\n  - {id: a, title: A, kind: sideways}\n")
    with pytest.raises(CatalogError):
        read_catalog(path, ActivityEntry)


def test_a_catalog_is_decoded_once_until_its_file_changes(tmp_path: Path) -> None:
    path = tmp_path / "activities.yaml"
    path.write_text("version: 1\nitems:\n  - {id: a, title: A, kind: physical}\n")
    first = read_catalog(path, ActivityEntry)
    assert read_catalog(path, ActivityEntry) is first
    path.write_text("version: 2\nitems:\n  - {id: a, title: A new title, kind: physical}\n")
    changed = read_catalog(path, ActivityEntry)
    assert (changed.version, changed.items[0].title) == (2, "A new title")


async def test_syncing_twice_changes_nothing_and_removed_ids_retire(database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        async with AsyncSession(engine) as db, db.begin():
            await sync_activities(db)
            again = await sync_activities(db)
            assert (again.added, again.updated, again.retired) == (0, 0, 0)
        async with AsyncSession(engine) as db, db.begin():
            rows = [
                {
                    "id": "holding-hands",
                    "title": "Holding hands",
                    "kind": "physical",
                    "involves_penetration": False,
                    "position": 0,
                }
            ]
            report = await sync_rows(db, Activity, rows)
            assert report.retired >= 10 and report.added == 0
            await db.rollback()
    finally:
        await engine.dispose()


async def test_activities_are_listed_for_signed_in_people(signed_up: Person, app: Litestar) -> None:
    listed = (await signed_up.get("/api/v1/activities")).json()
    assert listed[0]["id"] == "holding-hands"
    assert msgspec.json.decode(msgspec.json.encode(listed), type=list[dict[str, object]])
    assert (await Person(app).get("/api/v1/activities")).status_code == 401


async def test_a_start_with_nothing_new_skips_the_sync_and_any_change_runs_it(tmp_path: Path) -> None:
    with fresh_database(tmp_path) as url:
        await sync_catalogs(url)
        engine = make_engine(url)
        try:
            async with AsyncSession(engine) as db, db.begin():
                recorded = await db.scalar(select(CatalogSync.digest).where(CatalogSync.name == CATALOGS))
                assert recorded is not None
                await db.execute(update(Activity).where(Activity.id == "holding-hands").values(retired=True))

            # Same files, same migration: the rows are not read again, so the edit above stays.
            await sync_catalogs(url)
            async with AsyncSession(engine) as db:
                assert await db.scalar(select(Activity.retired).where(Activity.id == "holding-hands"))

            # What the last sync was made from no longer matches (a changed file would do the same):
            # the next start syncs every catalog again and records the new digest.
            async with AsyncSession(engine) as db, db.begin():
                await db.execute(update(CatalogSync).values(digest="an older release"))
            await sync_catalogs(url)
            async with AsyncSession(engine) as db:
                assert not await db.scalar(select(Activity.retired).where(Activity.id == "holding-hands"))
                assert await db.scalar(select(CatalogSync.digest).where(CatalogSync.name == CATALOGS)) == recorded
        finally:
            await engine.dispose()
