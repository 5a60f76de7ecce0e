"""Database engine, typed declarative base and column types shared by every domain."""

from __future__ import annotations

import enum
import time
import uuid
import weakref
from contextvars import ContextVar
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from litestar.enums import ScopeType
from sqlalchemy import DateTime, Enum, MetaData, Uuid, event
from sqlalchemy.engine import Dialect, make_url
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.pool import NullPool
from sqlalchemy.types import TypeDecorator
from sqlalchemy.util import await_only

from tandem.core import sqlite_driver
from tandem.core.config import DatabaseLimits
from tandem.core.keystore import SCHEMA as KEYSTORE_SCHEMA
from tandem.core.keystore import keystore_file
from tandem.core.write_gate import WriteGate

if TYPE_CHECKING:
    from litestar.types import ASGIApp, Receive, Scope, Send

# Requests with a safe method read in a deferred transaction: on SQLite it takes no write lock, so reads
# never queue behind writes. Writes (and everything outside a request) keep BEGIN IMMEDIATE.
_READ_ONLY: ContextVar[bool] = ContextVar("tandem_read_only", default=False)
SAFE_METHODS = frozenset({"GET", "HEAD"})


def read_transactions_for_safe_methods(app: ASGIApp) -> ASGIApp:
    """ASGI middleware: a GET or HEAD request's database transactions start as a deferred BEGIN."""

    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != ScopeType.HTTP or scope.get("method") not in SAFE_METHODS:
            await app(scope, receive, send)
            return
        token = _READ_ONLY.set(True)
        try:
            await app(scope, receive, send)
        finally:
            _READ_ONLY.reset(token)

    return middleware


class read_transactions:  # noqa: N801 (used as a context manager, like a function)
    """Transactions opened inside this block only read: on SQLite a deferred BEGIN, without the write lock."""

    def __enter__(self) -> None:
        self._token = _READ_ONLY.set(True)

    def __exit__(self, *_: object) -> None:
        _READ_ONLY.reset(self._token)


class write_transactions:  # noqa: N801 (used as a context manager, like a function)
    """Within a safe request, transactions opened inside this block take the write lock again."""

    def __enter__(self) -> None:
        self._token = _READ_ONLY.set(False)

    def __exit__(self, *_: object) -> None:
        _READ_ONLY.reset(self._token)


# Stable constraint names keep migrations identical on SQLite and PostgreSQL.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Timestamps are always stored and returned as aware UTC datetimes (SQLite drops the zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are not stored")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def enum_column(kind: type[enum.Enum], name: str, length: int = 16) -> Enum:
    """An enum stored as its values in a short string column (no native enum type, so migrations
    stay the same on SQLite and PostgreSQL and a new value needs no ALTER TYPE)."""
    return Enum(kind, name=name, native_enum=False, length=length, values_callable=lambda e: [m.value for m in e])


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {datetime: UTCDateTime(), uuid.UUID: Uuid()}


class IdMixin:
    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)


class _PlannerStatistics:
    """Which refresh of SQLite's planner statistics this process has seen.

    A SQLite connection reads `sqlite_stat1` once, when it loads the schema, and keeps those figures
    however often ANALYZE runs elsewhere (reloading them in place, `ANALYZE sqlite_schema`, takes the
    write lock). So a pooled connection opened while the database held one couple would plan with "one
    space is the whole table" for ever, and scan tables that have since grown a thousandfold. When the
    statistics change (`maintenance.refresh_statistics`) the generation moves on, and each pooled
    connection opened before is replaced at its next checkout (a new connection costs about a
    millisecond and loads the new figures).
    """

    generation = 0

    @classmethod
    def changed(cls) -> None:
        cls.generation += 1


def planner_statistics_changed() -> None:
    _PlannerStatistics.changed()


# Each SQLite file engine's write gate (core/write_gate.py), for its lifetime.
_WRITE_GATES: weakref.WeakKeyDictionary[Any, WriteGate] = weakref.WeakKeyDictionary()


def write_gate(engine: AsyncEngine) -> WriteGate | None:
    """The gate that orders this engine's writers (None for PostgreSQL or an in-memory database)."""
    return _WRITE_GATES.get(engine.sync_engine)


def _configure_sqlite(engine: AsyncEngine, busy_timeout_ms: int, keystore: Path | None) -> None:
    sync_engine = engine.sync_engine
    database_file = engine.url.database if keystore is not None else None  # None: in memory
    gate = WriteGate(Path(database_file), busy_timeout_ms / 1000) if database_file else None
    if gate is not None:
        _WRITE_GATES[sync_engine] = gate

    @event.listens_for(sync_engine, "checkout")
    def _fresh_statistics(_dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        seen = record.info.get("planner_statistics")
        if seen is None:
            # Its first checkout, just after it opened: it read the statistics as they are now. The
            # generation is taken here, not when it opened: opening awaits (the PRAGMAs below), and a
            # refresh finishing meanwhile must not make the pool replace it again at once. SQLAlchemy
            # tries a checkout twice; a second replacement failed the request with "This connection is
            # closed" (a 500 seen in CI while a maintenance pass analysed).
            record.info["planner_statistics"] = _PlannerStatistics.generation
        elif seen != _PlannerStatistics.generation:
            # The pool closes this connection and checks out a new one (which reads the new statistics).
            raise DisconnectionError("planner statistics changed")

    @event.listens_for(sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Take transaction control from the driver so every write transaction starts as BEGIN IMMEDIATE:
        # with the driver's deferred BEGIN, concurrent read-modify-write requests lose updates.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        if keystore is not None:
            # The members' data keys live in a file of their own (core/keystore.py), attached first so
            # the settings below (secure_delete above all) apply to it too.
            cursor.execute(f"ATTACH DATABASE ? AS {KEYSTORE_SCHEMA}", (str(keystore),))
            cursor.execute(f"PRAGMA {KEYSTORE_SCHEMA}.journal_mode=WAL")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        # Deleted text is overwritten on disk rather than left in free pages.
        cursor.execute("PRAGMA secure_delete=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(sync_engine, "begin")
    def _on_begin(connection: Any) -> None:
        if connection.get_execution_options().get("isolation_level") == "AUTOCOMMIT":
            return
        # A safe request only reads: a deferred BEGIN reads a snapshot without the write lock.
        if _READ_ONLY.get():
            connection.exec_driver_sql(sqlite_driver.DEFERRED_BEGIN)
            return
        if gate is not None:
            await_only(gate.enter(id(connection.connection.dbapi_connection)))
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    if gate is not None:
        _end_turns_with_transactions(sync_engine, gate)


def _end_turns_with_transactions(sync_engine: Any, gate: WriteGate) -> None:
    """A writer's turn at the gate ends when its transaction does, however it ends."""
    dialect = sync_engine.dialect
    commit, rollback = dialect.do_commit, dialect.do_rollback

    def do_commit(pooled: Any) -> None:
        try:
            commit(pooled)
        finally:
            gate.leave(id(getattr(pooled, "dbapi_connection", pooled)))

    def do_rollback(pooled: Any) -> None:
        try:
            rollback(pooled)
        finally:
            gate.leave(id(getattr(pooled, "dbapi_connection", pooled)))

    # Set on this engine's own dialect object only (each engine has one).
    dialect.do_commit, dialect.do_rollback = do_commit, do_rollback

    @event.listens_for(sync_engine, "close")
    @event.listens_for(sync_engine, "invalidate")
    def _closed(dbapi_connection: Any, *_: Any) -> None:
        # A connection closed or lost in a transaction ends it without a commit or rollback.
        gate.leave(id(dbapi_connection))


def make_engine(
    database_url: str, *, echo: bool = False, pooled: bool = True, limits: DatabaseLimits | None = None
) -> AsyncEngine:
    limits = limits or DatabaseLimits()
    pool: dict[str, Any] = (
        {"pool_size": limits.pool_size, "max_overflow": limits.max_overflow, "pool_timeout": limits.pool_timeout}
        if pooled
        else {"poolclass": NullPool}
    )
    if database_url.startswith("sqlite"):
        keystore = keystore_file(database_url)
        if keystore is not None:
            # A file: the driver of core/sqlite_driver.py (at most one thread hop per statement, not four).
            pool["async_creator"] = partial(sqlite_driver.connect, str(make_url(database_url).database))
        engine = create_async_engine(database_url, echo=echo, **pool)
        _configure_sqlite(engine, limits.lock_timeout_ms, keystore)
        return engine
    # Sent once per connection: no statement or lock wait outlives these (the error becomes a 503).
    server_settings = {
        "statement_timeout": str(limits.statement_timeout_ms),
        "lock_timeout": str(limits.lock_timeout_ms),
    }
    engine = create_async_engine(database_url, echo=echo, connect_args={"server_settings": server_settings}, **pool)
    if pooled:
        _ping_idle_connections(engine)
    _reads_in_autocommit(engine)
    return engine


class ReadWroteError(RuntimeError):
    """A read transaction (a GET or HEAD's own) tried to write: a bug, refused before it is sent."""


_WRITES = ("INSERT", "UPDATE", "DELETE", "MERGE")


def _reads_in_autocommit(engine: AsyncEngine) -> None:
    """PostgreSQL: a read transaction runs in autocommit, with no BEGIN and COMMIT round trips around its
    statements. Under READ COMMITTED each statement reads its own snapshot anyway, so a read sees what
    it saw in a transaction. A read never writes in its own transaction (the few writes a GET makes run
    in `write_transactions()`); here, where a write would be kept at once whatever happened next, such a
    statement is refused before it is sent."""

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(connection: Any) -> None:
        if connection.get_execution_options().get("isolation_level") == "AUTOCOMMIT":
            return
        # SQLAlchemy's asyncpg adapter sends BEGIN at the first statement, unless in autocommit; set at
        # every begin, so a write transaction on the same pooled connection later is a real one.
        connection.connection.dbapi_connection.autocommit = _READ_ONLY.get()

    @event.listens_for(engine.sync_engine, "before_cursor_execute")
    def _refuse(connection: Any, _cursor: Any, statement: str, *_: Any) -> None:
        if (
            _READ_ONLY.get()
            and statement.lstrip()[:6].upper().startswith(_WRITES)
            and connection.connection.dbapi_connection.autocommit
        ):
            raise ReadWroteError("a read transaction wrote; a GET's writes belong in write_transactions()")


# A pooled PostgreSQL connection idle this long is pinged before use, so a server restart or a dropped
# connection is found before a request's statement fails; one in steady use is not pinged. SQLAlchemy's
# pool_pre_ping, used before, pinged at every checkout: a round trip that cost about 0.5 ms of a 2.2 ms
# GET /me (interleaved, in process). A request on a connection that died within the last second gets a
# 503 with Retry-After (core/overload.py), and the pool replaces its connections.
IDLE_BEFORE_PING_SECONDS = 1.0


def _ping_idle_connections(engine: AsyncEngine) -> None:
    sync_engine = engine.sync_engine
    dialect = sync_engine.dialect

    @event.listens_for(sync_engine, "connect")
    @event.listens_for(sync_engine, "checkin")
    def _now_idle(_dbapi_connection: Any, record: Any) -> None:
        record.info["idle_since"] = time.monotonic()

    @event.listens_for(sync_engine, "checkout")
    def _ping_if_idle(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        if time.monotonic() - record.info.get("idle_since", 0.0) < IDLE_BEFORE_PING_SECONDS:
            return
        try:
            alive = dialect.do_ping(dbapi_connection)
        except Exception as exc:  # any failed ping: this connection is not used again
            raise DisconnectionError("the connection did not answer a ping") from exc
        if not alive:
            raise DisconnectionError("the connection did not answer a ping")


async def checkpoint_sqlite(engine: AsyncEngine) -> None:
    """Fold the write-ahead log into the database file and truncate it (outside any transaction)."""
    async with engine.connect() as connection:
        autocommit = await connection.execution_options(isolation_level="AUTOCOMMIT")
        await autocommit.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
