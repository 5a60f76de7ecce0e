"""PostgreSQL reads run in autocommit (core/db.py): a read transaction sends no BEGIN and no COMMIT, a
write in it is refused before it is sent, and a write transaction on the same pooled connection afterwards
is still a real transaction. Always on a PostgreSQL database of its own (the code is PostgreSQL's),
whichever database the suite runs on."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
from asyncpg.transaction import Transaction
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from tandem.core import db
from tandem.core.config import DatabaseLimits

from .databases import fresh_postgres_database


@pytest.fixture
async def engine() -> AsyncIterator[AsyncEngine]:
    with fresh_postgres_database() as url:
        # One connection: every session below uses the same pooled connection in turn.
        engine = db.make_engine(url, limits=DatabaseLimits(pool_size=1, max_overflow=0))
        try:
            async with engine.begin() as connection:
                await connection.exec_driver_sql("CREATE TABLE notes (id integer PRIMARY KEY, body text NOT NULL)")
                await connection.exec_driver_sql("INSERT INTO notes VALUES (1, 'first')")
            yield engine
        finally:
            await engine.dispose()


@pytest.fixture
def begun(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Each BEGIN asyncpg sends."""
    sent: list[str] = []
    real_start = Transaction.start

    async def counted(self: Transaction) -> Any:
        sent.append("BEGIN")
        return await real_start(self)

    monkeypatch.setattr(Transaction, "start", counted)
    return sent


async def test_a_read_sends_no_begin(engine: AsyncEngine, begun: list[str]) -> None:
    with db.read_transactions():
        async with AsyncSession(engine) as session:
            assert await session.scalar(text("SELECT body FROM notes WHERE id = 1")) == "first"
            assert await session.scalar(text("SELECT count(*) FROM notes")) == 1
            await session.commit()
    assert begun == []
    async with AsyncSession(engine) as session:
        assert await session.scalar(text("SELECT body FROM notes WHERE id = 1")) == "first"
        await session.commit()
    assert begun == ["BEGIN"]  # a write request's transaction is a real one


async def test_a_write_in_a_read_is_refused_and_nothing_is_kept(engine: AsyncEngine) -> None:
    with db.read_transactions():
        async with AsyncSession(engine) as session:
            with pytest.raises(db.ReadWroteError):
                await session.execute(text("UPDATE notes SET body = 'changed' WHERE id = 1"))
            with pytest.raises(db.ReadWroteError):
                await session.execute(text("INSERT INTO notes VALUES (2, 'second')"))
    async with AsyncSession(engine) as session:
        rows = (await session.execute(text("SELECT id, body FROM notes ORDER BY id"))).all()
    assert [tuple(row) for row in rows] == [(1, "first")]


async def test_a_write_after_a_read_on_the_same_connection_rolls_back_whole(engine: AsyncEngine) -> None:
    with db.read_transactions():
        async with AsyncSession(engine) as session:
            assert await session.scalar(text("SELECT count(*) FROM notes")) == 1
            await session.commit()
    async with AsyncSession(engine) as session:
        await session.execute(text("INSERT INTO notes VALUES (2, 'second')"))
        await session.execute(text("UPDATE notes SET body = 'changed' WHERE id = 1"))
        await session.rollback()
    async with AsyncSession(engine) as session:
        rows = (await session.execute(text("SELECT id, body FROM notes ORDER BY id"))).all()
    assert [tuple(row) for row in rows] == [(1, "first")]
