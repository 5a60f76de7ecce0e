"""No N+1: every GET of the route table runs the same number of SQL statements whether its lists hold
one row or twenty. The world is built once; every list that has a POST at its own path then gets 19
more rows through that POST (the matrix's body), and every GET is counted again."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from litestar import Litestar
from sqlalchemy import event
from sqlalchemy.engine import Engine

from .matrix import MATRIX
from .world import World, build_world

# The live event stream holds its request open: it is not a list and is not counted.
NOT_COUNTED = {"/api/v1/spaces/{space_id}/events"}


@contextmanager
def counting(engine: Engine) -> Iterator[list[str]]:
    """The statements the app's own engine runs: the app's background work (the maintenance loop's
    engine, another app on the same database) is not the request's."""
    statements: list[str] = []

    def record(*args: Any) -> None:
        statements.append(args[2])

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)


def readable_gets(world: World) -> list[tuple[str, str]]:
    """(caller, path) for every GET the patient or the partner may read."""
    found = []
    for (method, path), cell in sorted(MATRIX.items()):
        if method != "GET" or path in NOT_COUNTED:
            continue
        for caller in ("patient", "partner"):
            if cell.expected[caller] == 200:
                found.append((caller, path))
                break
    return found


async def count_each(world: World, gets: list[tuple[str, str]]) -> dict[tuple[str, str], int]:
    counts = {}
    for caller, path in gets:
        person = world.caller(caller)
        url = world.fill(path)
        await person.get(url)  # warm: a session touch or a catalog load happens once, not per row
        with counting(person.app.state.engine.sync_engine) as statements:
            response = await person.get(url)
        assert response.status_code == 200, (path, response.text)
        counts[(caller, path)] = len(statements)
    return counts


async def test_statements_per_get_do_not_grow_with_rows(app: Litestar) -> None:
    world = await build_world(app)
    gets = readable_gets(world)
    before = await count_each(world, gets)

    grown = []
    for (method, path), cell in sorted(MATRIX.items()):
        if method != "POST" or cell.body is None or ("GET", path) not in MATRIX:
            continue
        for caller in ("patient", "partner"):
            if cell.expected[caller] != 201:
                continue
            person = world.caller(caller)
            listing = (await person.get(world.fill(path))).json()
            if not (isinstance(listing, list) or "items" in listing):
                break  # a single resource (the calendar feed): a POST replaces it
            made = 0
            for _ in range(19):
                response = await person.post(world.fill(path), json=cell.body(world, person))
                made += response.status_code == 201
            if made:
                grown.append(path)
            break
    assert len(grown) >= 3, grown  # check-ins, practice entries, custom ideas at least

    after = await count_each(world, gets)
    changed = {key: (before[key], after[key]) for key in before if before[key] != after[key]}
    assert changed == {}, changed
