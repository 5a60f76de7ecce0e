"""T1: every API route, from the app's own route table, for four callers.

The entries live beside this file in `routes_<domain>.py` modules (see world.py). A route added
without an entry fails `test_the_matrix_covers_exactly_the_routes`. A cell whose request is
expected to change something runs in a fresh world; reads and refusals share one per module.
"""

from __future__ import annotations

import re
import uuid
from typing import Any

import pytest
from litestar import Litestar

from .matrix import MATRIX, api_routes
from .world import CALLERS, World, build_world


def test_the_matrix_covers_exactly_the_routes(app: Litestar) -> None:
    routes = api_routes(app)
    assert routes - set(MATRIX) == set(), "routes without a matrix entry"
    assert set(MATRIX) - routes == set(), "matrix entries for routes that no longer exist"


def with_unknown_ids(path: str) -> str:
    """The same route with every path parameter replaced by an id that never existed."""
    return re.sub(r"\{[a-z_]+\}", lambda _: str(uuid.uuid4()), path)


@pytest.fixture(scope="module")
async def unchanging_world(app: Litestar) -> World:
    """One world for the cells that cannot change it: reads, and requests the matrix says are refused."""
    return await build_world(app)


def changes_the_world(method: str, expected_status: int) -> bool:
    return method != "GET" and expected_status < 400


@pytest.mark.parametrize("route", sorted(MATRIX), ids=lambda r: f"{r[0]} {r[1]}")
@pytest.mark.parametrize("caller", CALLERS)
async def test_route_answers_each_caller_as_the_matrix_says(
    app: Litestar, unchanging_world: World, route: tuple[str, str], caller: str
) -> None:
    method, path = route
    cell = MATRIX[route]
    # A write the matrix expects to succeed gets a world of its own; the others share one, so a
    # refused request that did change something would show up in the cells that follow it.
    world = await build_world(app) if changes_the_world(method, cell.expected[caller]) else unchanging_world
    person = world.caller(caller)
    kwargs: dict[str, Any] = {}
    if cell.body is not None:
        kwargs["json"] = cell.body(world, person)
    response = await person.request(method, world.fill(path), **kwargs)
    assert response.status_code == cell.expected[caller], response.text
    if cell.expected[caller] == 404:
        # Indistinguishable from ids that never existed: same status, same bytes.
        probe = await person.request(method, with_unknown_ids(path), **kwargs)
        assert (probe.status_code, probe.content) == (404, response.content)


async def test_an_outsider_changes_nothing_in_another_space(app: Litestar) -> None:
    world = await build_world(app)
    snapshot_paths = [p for (m, p) in MATRIX if m == "GET" and "{space_id}" in p]
    before = {p: (await world.patient.get(world.fill(p))).content for p in snapshot_paths}
    for (method, path), cell in MATRIX.items():
        if "{space_id}" not in path or method == "GET":
            continue
        kwargs = {"json": cell.body(world, world.outsider)} if cell.body else {}
        response = await world.outsider.request(method, world.fill(path), **kwargs)
        assert response.status_code == 404, (method, path)
    after = {p: (await world.patient.get(world.fill(p))).content for p in snapshot_paths}
    assert after == before
