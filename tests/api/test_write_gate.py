"""SQLite's writers queue at the write gate (core/write_gate.py) rather than poll for the lock.

Two gates on one file stand for two processes: each holds the file through its own open file, as two
processes would. Every test uses its own SQLite file, whichever database the suite runs on.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError
from sqlalchemy.ext.asyncio import AsyncEngine

from tandem.core.db import make_engine, read_transactions, write_gate
from tandem.core.write_gate import WriteGate


async def let_others_run() -> None:
    """Yield to the event loop often enough for every started task to reach the point where it waits."""
    for _ in range(20):
        await asyncio.sleep(0)


async def test_one_process_writers_take_turns_in_the_order_they_came(tmp_path: Path) -> None:
    gate = WriteGate(tmp_path / "t.db", timeout_s=30)
    await gate.enter(0)
    order: list[int] = []

    async def writer(n: int) -> None:
        await gate.enter(n)
        order.append(n)
        gate.leave(n)

    writers = [asyncio.create_task(writer(n)) for n in range(1, 6)]
    await let_others_run()
    assert not any(w.done() for w in writers)
    gate.leave(0)
    await asyncio.wait_for(asyncio.gather(*writers), 30)
    assert order == [1, 2, 3, 4, 5]
    assert gate.turns_held == 0


async def test_another_process_writer_waits_for_the_turn_then_gets_it(tmp_path: Path) -> None:
    this, other = WriteGate(tmp_path / "t.db", timeout_s=30), WriteGate(tmp_path / "t.db", timeout_s=30)
    await this.enter(1)
    waiting = asyncio.create_task(other.enter(2))
    await let_others_run()
    assert not waiting.done()
    this.leave(1)
    await asyncio.wait_for(waiting, 30)
    assert (this.turns_held, other.turns_held) == (0, 1)
    other.leave(2)


async def test_past_the_busy_timeout_a_writer_goes_on_and_the_turn_is_given_back_later(tmp_path: Path) -> None:
    this, impatient = WriteGate(tmp_path / "t.db", timeout_s=30), WriteGate(tmp_path / "t.db", timeout_s=0.05)
    await this.enter(1)
    await asyncio.wait_for(impatient.enter(2), 30)  # returns without a turn: SQLite's own timeout decides
    assert impatient.turns_held == 0
    this.leave(1)
    # The impatient writer's thread gets the lock when it is free and gives it straight back.
    third = WriteGate(tmp_path / "t.db", timeout_s=30)
    await asyncio.wait_for(third.enter(3), 30)
    assert third.turns_held == 1
    third.leave(3)


@pytest.fixture
async def engines(tmp_path: Path) -> list[AsyncEngine]:
    url = f"sqlite+aiosqlite:///{tmp_path}/gate.db"
    made = [make_engine(url), make_engine(url)]
    async with made[0].begin() as connection:
        await connection.exec_driver_sql("CREATE TABLE counter (id INTEGER PRIMARY KEY, n INTEGER NOT NULL)")
        await connection.exec_driver_sql("INSERT INTO counter VALUES (1, 0)")
    yield made
    for engine in made:
        await engine.dispose()


def gate_of(engine: AsyncEngine) -> WriteGate:
    gate = write_gate(engine)
    assert gate is not None
    return gate


async def test_a_write_transaction_holds_a_turn_until_it_ends_however_it_ends(engines: list[AsyncEngine]) -> None:
    engine = engines[0]
    gate = gate_of(engine)
    async with engine.begin() as connection:
        await connection.exec_driver_sql("UPDATE counter SET n = n + 1")
        assert gate.turns_held == 1
    assert gate.turns_held == 0

    async with engine.connect() as connection:
        await connection.begin()
        await connection.exec_driver_sql("UPDATE counter SET n = n + 1")
        await connection.rollback()
        assert gate.turns_held == 0

    with pytest.raises(OperationalError):
        async with engine.begin() as connection:
            await connection.exec_driver_sql("UPDATE no_such_table SET n = 1")
    assert gate.turns_held == 0

    async with engine.connect() as connection:
        await connection.begin()
        await connection.exec_driver_sql("UPDATE counter SET n = n + 1")
        await connection.invalidate()  # the connection is lost in its transaction
    assert gate.turns_held == 0

    with read_transactions():
        async with engine.connect() as connection, connection.begin():
            await connection.exec_driver_sql("SELECT n FROM counter")
            assert gate.turns_held == 0  # reads take no turn

    async with engine.connect() as connection:
        assert (await connection.exec_driver_sql("SELECT n FROM counter")).scalar_one() == 1


async def test_two_processes_of_writers_lose_no_update(engines: list[AsyncEngine]) -> None:
    async def add_one(engine: AsyncEngine) -> None:
        async with engine.begin() as connection:
            n = (await connection.exec_driver_sql("SELECT n FROM counter")).scalar_one()
            await connection.exec_driver_sql("UPDATE counter SET n = ?", (n + 1,))

    async def writer(engine: AsyncEngine) -> None:
        for _ in range(5):
            await add_one(engine)

    await asyncio.wait_for(asyncio.gather(*(writer(engines[i % 2]) for i in range(16))), 120)
    async with engines[0].connect() as connection:
        assert (await connection.exec_driver_sql("SELECT n FROM counter")).scalar_one() == 80
    assert [gate_of(e).turns_held for e in engines] == [0, 0]
