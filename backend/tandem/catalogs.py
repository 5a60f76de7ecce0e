"""Synchronise every content catalog into the database at start-up (idempotent).

A complete sync records what it was made from (`core.catalog.CatalogSync`): a digest of every file of
this package (the catalogs, and the code that reads, syncs and indexes them, wherever it moves), the
stemmer's version and the database's migration. A start that finds the same digest has nothing to
change and skips reading every catalog file and table (about a tenth of a second of each start here).
"""

from __future__ import annotations

import functools
import hashlib
import logging
from collections.abc import Awaitable, Callable
from importlib.metadata import version
from pathlib import Path

from sqlalchemy import delete, insert, select, text
from sqlalchemy.exc import IntegrityError, OperationalError, SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from tandem.activities.service import sync_activities
from tandem.checkins.service import sync_feelings
from tandem.core.catalog import CatalogSync, SyncReport, invalidate_catalogs
from tandem.core.db import make_engine, utcnow
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


CATALOGS = "catalogs"
_PACKAGE = Path(__file__).resolve().parent


@functools.cache
def package_digest() -> str:
    """Every file of the package but compiled bytecode, by relative path, in a fixed order."""
    digest = hashlib.sha256(version("snowballstemmer").encode())
    files = sorted(p for p in _PACKAGE.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    for path in files:
        digest.update(b"\0" + path.relative_to(_PACKAGE).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


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


async def _current_digest(session_maker: async_sessionmaker[AsyncSession]) -> tuple[str | None, bool]:
    """The digest of what a sync now would be made from, and whether the last complete one matches it.

    None when it cannot be read (a database at an older migration, or unreachable): the sync then runs
    and says what went wrong, as it always has.
    """
    try:
        async with session_maker() as session:
            migration = (await session.execute(text("SELECT version_num FROM alembic_version"))).scalars().all()
            digest = hashlib.sha256(f"{package_digest()}:{sorted(migration)}".encode()).hexdigest()
            last = await session.scalar(select(CatalogSync.digest).where(CatalogSync.name == CATALOGS))
    except (SQLAlchemyError, OSError):
        return None, False
    return digest, last == digest


async def _sync_all(session_maker: async_sessionmaker[AsyncSession]) -> None:
    digest, unchanged = await _current_digest(session_maker)
    if unchanged:
        return
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
    if digest is None:
        return
    try:
        async with session_maker() as session, session.begin():
            await session.execute(delete(CatalogSync).where(CatalogSync.name == CATALOGS))
            await session.execute(insert(CatalogSync).values(name=CATALOGS, digest=digest, synced_at=utcnow()))
    except IntegrityError:
        logger.info("catalog sync recorded by another instance")
