"""Synchronise every content catalog into the database at start-up (idempotent)."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from tandem.activities.service import sync_activities
from tandem.checkins.service import sync_feelings
from tandem.core.catalog import SyncReport, invalidate_catalogs
from tandem.core.db import make_engine
from tandem.ideas.service import index_ideas, sync_ideas
from tandem.path.service import sync_stages
from tandem.prompts.service import index_prompts, sync_prompt_categories, sync_prompts
from tandem.summaries.service import sync_reaction_kinds

logger = logging.getLogger("tandem.catalogs")

# Order matters where one catalog refers to another.
CATALOG_SYNCS: list[tuple[str, Callable[[AsyncSession], Awaitable[SyncReport]]]] = [
    ("activities", sync_activities),
    ("ideas", sync_ideas),
    ("reaction_kinds", sync_reaction_kinds),
    ("feelings", sync_feelings),
    ("prompt categories", sync_prompt_categories),
    ("prompts", sync_prompts),
    ("path stages", sync_stages),
    ("prompt search index", index_prompts),
    ("idea search index", index_ideas),
]


async def sync_catalogs(database_url: str) -> None:
    # A short-lived engine of its own: start-up may run in another event loop than the requests
    # (test clients do that), and pooled asyncpg connections must not cross loops.
    engine = make_engine(database_url, pooled=False)
    try:
        await _sync_all(async_sessionmaker(engine, expire_on_commit=False))
    finally:
        # Requests decode the catalogs once per process (core.catalog.CatalogCache): from what was
        # just committed, never from what was read before.
        invalidate_catalogs()
        await engine.dispose()


async def _sync_all(session_maker: async_sessionmaker[AsyncSession]) -> None:
    for name, sync in CATALOG_SYNCS:
        try:
            async with session_maker() as session, session.begin():
                report = await sync(session)
        except IntegrityError:
            # Another instance starting at the same moment synchronised it first.
            logger.info("catalog %s was synchronised by another instance", name)
            continue
        except (OperationalError, OSError) as exc:
            # Start anyway: readiness answers 503 until the database is back, and the next start syncs.
            logger.warning("catalog %s not synchronised, the database is unreachable (%s)", name, type(exc).__name__)
            return
        if report.added or report.updated or report.retired:
            logger.info(
                "catalog %s: %d added, %d updated, %d retired", name, report.added, report.updated, report.retired
            )
