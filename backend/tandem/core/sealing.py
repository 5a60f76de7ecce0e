"""Encryption at the ORM level: services keep working with plain strings.

A model lists its sealed columns in `__sealed__ = Sealed(...)`. Before a flush every new or changed
sealed value is encrypted under its author's data key (the row gets its id first: the id is part of
the associated data) and the plain value is put back on the object after the flush; on load and
refresh every sealed value is opened. A value that does not open (its author's key was deleted, or it
was moved to another row) reads as UNREADABLE and is logged, never as someone else's words, never a 500.

Core statements (`update(...)`, `insert(...)`) bypass this: they seal with `seal_for` themselves.
Nothing sealed may be used in a WHERE or ORDER BY (only IS NULL); lookups use a keyed hash (`digests`).
"""

from __future__ import annotations

import json
import logging
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session, object_session
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.orm.base import instance_state

from tandem.core.crypto import (
    UndecryptableError,
    associated_data,
    is_sealed,
    open_sealed,
    open_with,
    seal,
    sealed_owner,
)
from tandem.core.db import Base
from tandem.core.keystore import Vault, vault_of

log = logging.getLogger("tandem.crypto")

UNREADABLE = "[unreadable]"
_RESTORE = "tandem_sealed_restore"
_VAULT = "tandem_vault"

OwnerOf = Callable[[Any, Session], "uuid.UUID | None"]


@dataclass(frozen=True)
class Sealed:
    """Which columns of a model are sealed, and whose key seals them."""

    text: tuple[str, ...] = ()
    # JSON columns (a list of words): sealed as one JSON string.
    json: tuple[str, ...] = ()
    # The attribute holding the author of the row's words ...
    owner: str = "author_id"
    # ... unless a column has another author (a pause note by the other member), or the author must be
    # looked up (a summary line belongs to its summary's author).
    column_owner: dict[str, str] = field(default_factory=dict)
    owner_lookup: OwnerOf | None = None
    row_key: str = "id"
    # Keyed hash columns kept beside a sealed value, for lookups: {"email": "email_hash"}.
    digests: dict[str, str] = field(default_factory=dict)

    @property
    def columns(self) -> tuple[str, ...]:
        return self.text + self.json

    def owner_of(self, row: Any, column: str, session: Session) -> uuid.UUID | None:
        if column in self.column_owner:
            return getattr(row, self.column_owner[column])  # type: ignore[no-any-return]
        if self.owner_lookup is not None:
            return self.owner_lookup(row, session)
        return getattr(row, self.owner)  # type: ignore[no-any-return]


def spec_of(row: object) -> Sealed | None:
    return getattr(type(row), "__sealed__", None)


def _vault(session: Session) -> Vault | None:
    found: Vault | None = session.info.get(_VAULT)
    if found is None:
        # Remembered for the session: a page of rows would otherwise look it up for each row.
        found = vault_of(session.get_bind())  # type: ignore[arg-type]
        if found is not None:
            session.info[_VAULT] = found
    return found


def _empty(value: object) -> bool:
    return value is None or value == "" or value == []


@event.listens_for(Session, "before_flush")
def _seal_before_flush(session: Session, _context: Any, _instances: Any) -> None:
    # A flush that failed left sealed strings on the objects: put the plain values back first.
    for row, name, plain, sealed in session.info.pop(_RESTORE, []):
        if getattr(row, name, None) == sealed:
            setattr(row, name, plain)
    work = []
    for row in [*session.new, *session.dirty]:
        spec = spec_of(row)
        if spec is None:
            continue
        state = inspect(row)
        new = row in session.new
        changed = [
            name
            for name in spec.columns
            if (name in state.dict if new else state.attrs[name].history.has_changes())
            and not _empty(state.dict.get(name))
        ]
        if changed:
            work.append((row, spec, changed))
    if not work:
        return
    vault = _vault(session)
    if vault is None:
        raise RuntimeError("no key vault is installed for this database engine: words would be stored in clear")
    started = time.perf_counter()
    connection = session.connection()
    planned = []
    for row, spec, changed in work:
        if getattr(row, spec.row_key) is None:
            setattr(row, spec.row_key, uuid.uuid4())
        for name in changed:
            owner = spec.owner_of(row, name, session)
            if owner is None:
                raise RuntimeError(f"{type(row).__name__}.{name} has no author to seal it for")
            planned.append((row, spec, name, owner))
    keys = vault.keys(connection, {owner for *_, owner in planned}, create=True)
    restore = []
    for row, spec, name, owner in planned:
        plain = getattr(row, name)
        for source, target in spec.digests.items():
            if source == name:
                setattr(row, target, vault.digest(connection, plain))
        text = json.dumps(plain) if name in spec.json else plain
        aad = associated_data(type(row).__tablename__, name, getattr(row, spec.row_key), owner)
        sealed = seal(keys[owner], owner, text, aad)
        setattr(row, name, sealed)
        restore.append((row, name, plain, sealed))
    session.info[_RESTORE] = restore
    vault.crypto_seconds += time.perf_counter() - started


@event.listens_for(Session, "after_flush_postexec")
def _unseal_after_flush(session: Session, _context: Any) -> None:
    for row, name, plain, _sealed in session.info.pop(_RESTORE, []):
        set_committed_value(row, name, plain)


def _open_row(row: Any, session: Session | None, only: Any = None) -> None:
    spec = spec_of(row)
    if spec is None or session is None:
        return
    values = instance_state(row).dict
    sealed = [
        (name, value)
        for name in spec.columns
        if (only is None or name in only) and is_sealed(value := values.get(name))
    ]
    if not sealed:
        return
    vault = _vault(session)
    if vault is None:
        return  # no vault (a tool reading the raw database): the values stay sealed
    started = time.perf_counter()
    owners: list[uuid.UUID | None] = []
    for _name, value in sealed:
        try:
            owners.append(sealed_owner(value))
        except UndecryptableError:
            owners.append(None)
    # The session's connection is asked for only when a key is not cached.
    ciphers = vault.ciphers(session.connection, {o for o in owners if o is not None})
    table = type(row).__tablename__
    row_id = getattr(row, spec.row_key)
    for (name, value), owner in zip(sealed, owners, strict=True):
        try:
            cipher = ciphers.get(owner) if owner is not None else None
            if owner is None or cipher is None:
                raise UndecryptableError("its author's key was deleted")
            text = open_with(cipher, value, associated_data(table, name, row_id, owner))
            values[name] = json.loads(text) if name in spec.json else text
        except UndecryptableError as exc:
            log.warning("unreadable value in %s.%s of row %s: %s", table, name, row_id, exc)
            values[name] = [UNREADABLE] if name in spec.json else UNREADABLE
    vault.crypto_seconds += time.perf_counter() - started


def open_snapshot(row: object, session: Session) -> None:
    """Open a detached snapshot's sealed columns, as a load opens a loaded row's (core/snapshots.py)."""
    _open_row(row, session)


@event.listens_for(Base, "load", propagate=True)
def _open_loaded(row: object, context: Any) -> None:
    _open_row(row, context.session)


@event.listens_for(Base, "refresh", propagate=True)
def _open_refreshed(row: object, context: Any, attrs: Any) -> None:
    # A bulk UPDATE's "evaluate" sync refreshes objects with no query context.
    _open_row(row, context.session if context is not None else object_session(row), attrs)


async def seal_for(
    db: AsyncSession, model: type[Base], column: str, *, row_id: uuid.UUID, owner: uuid.UUID, value: str
) -> str:
    """Seal one value for a Core statement (an UPDATE or an upsert that the ORM events do not see)."""

    def run(session: Session) -> str:
        vault = _vault(session)
        if vault is None:
            raise RuntimeError("no key vault is installed for this database engine")
        key = vault.keys(session.connection(), [owner], create=True)[owner]
        return seal(key, owner, value, associated_data(model.__tablename__, column, row_id, owner))

    return await db.run_sync(run)


async def open_for(
    db: AsyncSession, model: type[Base], column: str, *, row_id: uuid.UUID, owner: uuid.UUID, value: str
) -> str:
    """Open one value sealed by `seal_for` (UndecryptableError when its owner's key is gone or it moved)."""

    def run(session: Session) -> str:
        vault = _vault(session)
        if vault is None:
            raise RuntimeError("no key vault is installed for this database engine")
        key = vault.keys(session.connection(), [owner], create=False).get(owner)
        if key is None:
            raise UndecryptableError("the owner's data key is gone")
        return open_sealed(key, value, associated_data(model.__tablename__, column, row_id, owner))

    return await db.run_sync(run)


async def lookup_digest(db: AsyncSession, value: str) -> str:
    """The keyed hash to find a row by a sealed value (an email)."""

    def run(session: Session) -> str:
        vault = _vault(session)
        if vault is None:
            raise RuntimeError("no key vault is installed for this database engine")
        return vault.digest(session.connection(), value)

    return await db.run_sync(run)


async def destroy_keys(db: AsyncSession, owners: list[uuid.UUID]) -> None:
    """Crypto-shredding, in the caller's transaction."""

    def run(session: Session) -> None:
        vault = _vault(session)
        if vault is not None:
            vault.destroy(session.connection(), owners)

    await db.run_sync(run)
