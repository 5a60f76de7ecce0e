"""Content as data: versioned YAML catalogs with stable ids, synchronised into tables idempotently.

A catalog file looks like `{version: 3, items: [{id: "...", ...}, ...]}`. Syncing inserts new ids,
updates changed rows and marks ids no longer in the file as retired (rows may be referenced by
people's records, so they are never deleted). Running it twice changes nothing the second time.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Generic, Protocol, TypeVar

import msgspec
import yaml
from sqlalchemy import String, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from tandem.core.db import Base, utcnow

T = TypeVar("T", bound=msgspec.Struct)


class CatalogError(ValueError):
    pass


class CatalogFile(msgspec.Struct, Generic[T]):
    version: int
    items: list[T]


# libyaml's parser when PyYAML was built with it: the pure-Python one took most of the start-up time
# (the prompts alone about a second on this machine). Both accept the same safe subset of YAML.
_SafeLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str) -> Any:
    """Parse content YAML (safe tags only)."""
    return yaml.load(text, Loader=_SafeLoader)  # noqa: S506  # a safe loader


# Decoded catalogs by file, as long as the file is unchanged (start-up reads some files twice).
_read: dict[tuple[Path, int, int, object], CatalogFile[Any]] = {}


def read_catalog(path: Path, item_type: type[T]) -> CatalogFile[T]:
    stat = path.stat()
    key = (path, stat.st_mtime_ns, stat.st_size, item_type)
    cached = _read.get(key)
    if cached is None:
        cached = _read[key] = _decode_catalog(path, item_type)
    return cached


def _decode_catalog(path: Path, item_type: type[T]) -> CatalogFile[T]:
    raw = load_yaml(path.read_text(encoding="utf-8"))
    try:
        catalog = msgspec.convert(raw, CatalogFile[item_type])  # type: ignore[valid-type]
    except msgspec.ValidationError as exc:
        raise CatalogError(f"{path.name}: {exc}") from exc
    ids = [getattr(item, "id", None) for item in catalog.items]
    duplicates = sorted({i for i, n in Counter(ids).items() if n > 1}, key=str)
    if duplicates:
        raise CatalogError(f"{path.name}: repeated ids {duplicates}")
    return catalog


class CatalogSync(Base):
    """What the last complete sync of the catalogs was made from (`tandem.catalogs`): a digest of the
    package's code and content files and of the database's migration. A start with the same digest has
    nothing to change and skips the sync. Nothing personal: one row per kind of sync."""

    __tablename__ = "catalog_syncs"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    digest: Mapped[str] = mapped_column(String(64))
    synced_at: Mapped[datetime] = mapped_column(default=utcnow)


class CatalogRow(Protocol):
    id: Any
    retired: bool


@dataclass(frozen=True, slots=True)
class SyncReport:
    added: int
    updated: int
    retired: int


async def sync_rows(db: AsyncSession, model: type[Any], rows: list[dict[str, Any]]) -> SyncReport:
    """Make the table hold exactly `rows` (plus retired ones), touching only what differs."""
    existing: dict[Any, Any] = {row.id: row for row in await db.scalars(select(model))}
    wanted = {row["id"]: row for row in rows}
    added = updated = retired = 0
    for row_id, values in wanted.items():
        current = existing.get(row_id)
        if current is None:
            db.add(model(**values, retired=False))
            added += 1
            continue
        changes = {k: v for k, v in values.items() if getattr(current, k) != v}
        if current.retired:
            changes["retired"] = False
        if changes:
            for key, value in changes.items():
                setattr(current, key, value)
            updated += 1
    for row_id, current in existing.items():
        if row_id not in wanted and not current.retired:
            current.retired = True
            retired += 1
    await db.flush()
    return SyncReport(added=added, updated=updated, retired=retired)


# --- decoded once per process ------------------------------------------------------------------

V = TypeVar("V")


class CatalogCache(Generic[V]):
    """A catalog's rows decoded once per process into immutable, ready-to-send structures.

    Requests read the catalog tables only through this: the first request after start-up loads it
    (one query per table), later ones reuse it. It is kept per database (tests run several) and
    dropped whenever the catalogs are synchronised (`sync_catalogs` calls `invalidate_catalogs`),
    so it always holds what the last sync committed. A load that overlaps a sync is not kept.
    """

    def __init__(self, load: Callable[[AsyncSession], Awaitable[V]]) -> None:
        self._load = load
        self._held: dict[Any, V] = {}
        self._generation = 0
        _CACHES.append(self)

    async def get(self, db: AsyncSession) -> V:
        where = db.get_bind().engine.url
        held = self._held.get(where)
        if held is None:
            generation = self._generation
            held = await self._load(db)
            if generation == self._generation:
                self._held[where] = held
        return held

    def invalidate(self) -> None:
        self._generation += 1
        self._held.clear()


_CACHES: list[CatalogCache[Any]] = []


def invalidate_catalogs() -> None:
    """Forget every decoded catalog: the next request reads what the sync has just written."""
    for cache in _CACHES:
        cache.invalidate()
