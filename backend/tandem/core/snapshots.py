"""Read-only copies of mapped rows, read by a plain Core statement instead of an ORM load.

An ORM load costs per entity on every execution: its row processors are built again, each row goes
through the identity map and the load events. For the read every request makes (the caller, in
`access/identity.py`) that was a fifth of a light GET. A snapshot is the same mapped class, filled from
the row's columns and made detached (`make_transient_to_detached`): its attributes read as loaded, its
sealed columns are opened as a load would open them, and it belongs to no session, so nothing written to
it is ever flushed. A snapshot is for what is only read (a write's answer may be built from them too:
pending changes are flushed before the read); a row to be changed is loaded through the ORM.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from sqlalchemy import ColumnElement, Select, inspect
from sqlalchemy.engine import Row
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session, make_transient_to_detached
from sqlalchemy.orm.base import instance_state

from tandem.core.sealing import open_snapshot

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Shape(Generic[T]):
    """Where one mapped entity's columns sit in a statement's rows."""

    model: type[T]
    keys: tuple[str, ...]
    columns: tuple[ColumnElement[Any], ...]
    primary: int
    """The index of the first primary key column: NULL there means an outer join found no row."""

    @classmethod
    def of(cls, entity: Any, *, only: tuple[str, ...] = ()) -> Shape[Any]:
        """The columns of a mapped class, or of an `aliased()` one (its alias's columns). With `only`,
        those attributes and the primary key: the others are left unloaded, and reading one from the
        detached snapshot raises instead of answering."""
        info = inspect(entity)
        mapper = info.mapper
        selectable = info.selectable
        first_key = mapper.get_property_by_column(mapper.primary_key[0]).key
        keys: list[str] = []
        columns: list[ColumnElement[Any]] = []
        for prop in mapper.column_attrs:
            if only and prop.key not in only and prop.key != first_key:
                continue
            keys.append(prop.key)
            columns.append(selectable.c[prop.columns[0].name])
        return cls(mapper.class_, tuple(keys), tuple(columns), keys.index(first_key))

    def take(self, session: Session, row: Row[Any], start: int) -> T | None:
        """The snapshot at `row[start:]`, or None when the outer join found no row."""
        values = row[start : start + len(self.keys)]
        if values[self.primary] is None:
            return None
        instance: T = self.model.__mapper__.class_manager.new_instance()  # type: ignore[attr-defined]
        instance_state(instance).dict.update(zip(self.keys, values, strict=True))
        make_transient_to_detached(instance)
        open_snapshot(instance, session)
        return instance


def columns_of(shapes: tuple[Shape[Any], ...]) -> list[ColumnElement[Any]]:
    return [column for shape in shapes for column in shape.columns]


def take_all(session: Session, row: Row[Any], shapes: tuple[Shape[Any], ...]) -> tuple[Any, ...]:
    """Each shape's snapshot, in order (None for an outer join's missing row), then the row's other
    columns (those after the shapes')."""
    taken: list[Any] = []
    start = 0
    for shape in shapes:
        taken.append(shape.take(session, row, start))
        start += len(shape.keys)
    return (*taken, *row[start:])


async def read_snapshots(
    db: AsyncSession, statement: Select[Any], parameters: dict[str, Any], shapes: tuple[Shape[Any], ...]
) -> list[tuple[Any, ...]]:
    """Each row of `statement` (which selects the shapes' columns first) as `take_all` gives it. Pending
    changes are flushed first, as the ORM's own query would, so a write's answer reads what it wrote."""

    def run(session: Session) -> list[tuple[Any, ...]]:
        if session.new or session.dirty or session.deleted:
            session.flush()
        return [take_all(session, row, shapes) for row in session.connection().execute(statement, parameters)]

    return await db.run_sync(run)
