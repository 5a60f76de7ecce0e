"""The idea library as data: a valid file, unique ids, every level and category, loaded idempotently."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from tandem.activities.schemas import ActivityEntry
from tandem.activities.service import CATALOG_FILE as ACTIVITIES_FILE
from tandem.core.catalog import CatalogError, read_catalog
from tandem.core.db import make_engine
from tandem.ideas.models import Idea, IdeaCategory
from tandem.ideas.schemas import IdeaEntry
from tandem.ideas.service import CATALOG_FILE, sync_ideas

from .ideas_support import FIXTURE


def test_the_library_is_valid_and_covers_every_level_and_category() -> None:
    catalog = read_catalog(CATALOG_FILE, IdeaEntry)
    items = catalog.items
    assert catalog.version >= 1
    assert len(items) >= 60
    ids = [i.id for i in items]
    assert len(set(ids)) == len(ids)
    assert len({i.title.casefold() for i in items}) == len(items), "titles repeat"
    by_level = Counter(i.closeness for i in items)
    assert set(by_level) == {1, 2, 3, 4} and min(by_level.values()) >= 8, by_level
    by_category = Counter(i.category for i in items)
    assert set(by_category) == set(IdeaCategory) and min(by_category.values()) >= 5, by_category
    assert all(i.title.strip() and i.description.strip() and i.duration_minutes >= 5 for i in items)


def test_the_library_refers_to_real_activities_and_never_to_penetration() -> None:
    activities = {a.id: a for a in read_catalog(ACTIVITIES_FILE, ActivityEntry).items}
    for idea in read_catalog(CATALOG_FILE, IdeaEntry).items:
        assert set(idea.activities) <= set(activities), idea.id
        assert not any(activities[a].involves_penetration for a in idea.activities), idea.id
        if idea.closeness == 1:
            # Non-physical closeness involves no physical activity.
            assert all(activities[a].kind == "non_physical" for a in idea.activities), idea.id
        if idea.closeness >= 3:
            assert idea.activities, f"{idea.id}: sensual touch names the activities it involves"


def test_the_test_fixture_has_the_same_format() -> None:
    assert len(read_catalog(FIXTURE, IdeaEntry).items) >= 10


@pytest.mark.parametrize(
    "entry",
    [
        "{id: idea-a, title: A, description: d, category: spicy, closeness: 1, duration_minutes: 10}",
        "{id: idea-a, title: A, description: d, category: playful, closeness: 5, duration_minutes: 10}",
        "{id: idea-a, title: A, description: d, category: playful, closeness: 1, duration_minutes: 1}",
        "{id: Idea A, title: A, description: d, category: playful, closeness: 1, duration_minutes: 10}",
        "{id: idea-a, title: A, description: d, category: playful, closeness: 1, duration_minutes: 10, x: 1}",
        "{id: idea-a, title: '', description: d, category: playful, closeness: 1, duration_minutes: 10}",
    ],
)
def test_a_bad_entry_is_refused(tmp_path: Path, entry: str) -> None:
    path = tmp_path / "ideas.yaml"
    path.write_text(f"version: 1\nitems:\n  - {entry}\n")
    with pytest.raises(CatalogError):
        read_catalog(path, IdeaEntry)


async def test_syncing_the_library_twice_changes_nothing(database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        async with AsyncSession(engine) as db, db.begin():
            await sync_ideas(db)
            again = await sync_ideas(db)
            assert (again.added, again.updated, again.retired) == (0, 0, 0)
            stored = {i.id: i for i in await db.scalars(select(Idea).where(Idea.retired.is_(False)))}
            catalog = read_catalog(CATALOG_FILE, IdeaEntry).items
            assert set(stored) == {i.id for i in catalog}
            first = catalog[0]
            assert stored[first.id].needs == list(first.needs)
            assert stored[first.id].activities == list(first.activities)
    finally:
        await engine.dispose()
