"""Helpers for the ideas and plans tests: the database behind the app, the library, boundaries."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from datetime import timedelta
from pathlib import Path
from typing import Any, TypeVar

from litestar import Litestar
from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from tandem.boundaries.models import Boundary, BoundaryLevel
from tandem.core.catalog import read_catalog, sync_rows
from tandem.core.db import make_engine, utcnow
from tandem.ideas.models import Idea
from tandem.ideas.schemas import IdeaEntry
from tandem.plans.models import Plan

from .people import Person

T = TypeVar("T")
FIXTURE = Path(__file__).parent / "fixtures" / "ideas.yaml"
NOTICE = "Let's leave this one for now. Thank you for understanding."


async def with_db(app: Litestar, work: Callable[[AsyncSession], Awaitable[T]]) -> T:
    """Run `work` in one committed transaction on the app's database."""
    engine = make_engine(app.state.settings.database_url, pooled=False)
    try:
        async with AsyncSession(engine, expire_on_commit=False) as db, db.begin():
            return await work(db)
    finally:
        await engine.dispose()


async def ensure_library(app: Litestar) -> None:
    """The library is synchronised at start-up; an empty one (no data file yet) gets the fixture."""

    async def fill(db: AsyncSession) -> None:
        count = await db.scalar(select(func.count()).select_from(Idea).where(Idea.retired.is_(False)))
        if count:
            return
        catalog = read_catalog(FIXTURE, IdeaEntry)
        rows = [
            {
                "id": i.id,
                "title": i.title,
                "description": i.description,
                "category": i.category,
                "closeness": i.closeness,
                "duration_minutes": i.duration_minutes,
                "needs": list(i.needs),
                "activities": list(i.activities),
                "position": n,
            }
            for n, i in enumerate(catalog.items)
        ]
        await sync_rows(db, Idea, rows)

    await with_db(app, fill)


async def set_boundary(app: Litestar, space_id: str, person: Person, activity_id: str, level: str = "not_now") -> None:
    """Boundaries are written straight to the table (their API belongs to another feature)."""

    async def write(db: AsyncSession) -> None:
        existing = await db.scalar(
            select(Boundary).where(
                Boundary.space_id == uuid.UUID(space_id),
                Boundary.author_id == uuid.UUID(person.id),
                Boundary.activity_id == activity_id,
            )
        )
        if existing is None:
            db.add(
                Boundary(
                    space_id=uuid.UUID(space_id),
                    author_id=uuid.UUID(person.id),
                    activity_id=activity_id,
                    level=BoundaryLevel(level),
                )
            )
        else:
            existing.level = BoundaryLevel(level)
            existing.updated_at = utcnow()

    await with_db(app, write)


async def move_plan_into_the_past(app: Litestar, plan_id: str) -> None:
    async def move(db: AsyncSession) -> None:
        plan = await db.get_one(Plan, uuid.UUID(plan_id))
        shift = plan.ends_at - utcnow() + timedelta(minutes=5)
        await db.execute(
            update(Plan)
            .where(Plan.id == plan.id)
            .values(starts_at=plan.starts_at - shift, ends_at=plan.ends_at - shift)
        )

    await with_db(app, move)


async def library(person: Person, space_id: str, **params: Any) -> list[dict[str, Any]]:
    """Every idea matching `params`, page after page (the library holds more than one page of 100)."""
    items: list[dict[str, Any]] = []
    cursor: str | None = None
    while True:
        asked = {"limit": 100, **params, **({"cursor": cursor} if cursor else {})}
        response = await person.get(f"/api/v1/spaces/{space_id}/ideas", params=asked)
        assert response.status_code == 200, response.text
        page = response.json()
        items.extend(page["items"])
        cursor = page["next_cursor"]
        if cursor is None:
            return items


def gentle_ideas(items: list[dict[str, Any]], count: int) -> list[str]:
    """Library ideas that involve no physical activity (no boundary can set them aside)."""
    chosen = [i["id"] for i in items if not i["custom"] and not i["activities"]]
    assert len(chosen) >= count, chosen
    return chosen[:count]


async def rate(person: Person, space_id: str, idea_id: str, value: str | None) -> int:
    url = f"/api/v1/spaces/{space_id}/ideas/{idea_id}/rating"
    response = await (person.delete(url) if value is None else person.request("PUT", url, json={"value": value}))
    return response.status_code
