from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from tandem.activities.models import Activity
from tandem.activities.schemas import ActivityEntry, ActivityOut
from tandem.core.catalog import CatalogCache, SyncReport, read_catalog, sync_rows

CATALOG_FILE = Path(__file__).parent / "data" / "activities.yaml"


async def sync_activities(db: AsyncSession) -> SyncReport:
    catalog = read_catalog(CATALOG_FILE, ActivityEntry)
    rows = [
        {
            "id": item.id,
            "title": item.title,
            "kind": item.kind,
            "involves_penetration": item.involves_penetration,
            "position": position,
        }
        for position, item in enumerate(catalog.items)
    ]
    return await sync_rows(db, Activity, rows)


async def _load_offered(db: AsyncSession) -> tuple[ActivityOut, ...]:
    rows = await db.scalars(select(Activity).where(Activity.retired.is_(False)).order_by(Activity.position))
    return tuple(
        ActivityOut(id=a.id, title=a.title, kind=a.kind, involves_penetration=a.involves_penetration) for a in rows
    )


# Decoded once per process, dropped at every sync (core/catalog.py): boundaries and check-ins read it per request.
OFFERED = CatalogCache(_load_offered)


async def offered_activities(db: AsyncSession) -> tuple[ActivityOut, ...]:
    """The catalog's activities that are offered (not retired), in the catalog's order."""
    return await OFFERED.get(db)


async def list_activities(db: AsyncSession) -> list[ActivityOut]:
    return list(await offered_activities(db))
