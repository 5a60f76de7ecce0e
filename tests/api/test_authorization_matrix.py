"""T1: every API route, from the app's own route table, for four callers.

The entries live beside this file in `routes_<domain>.py` modules (see world.py). A route added
without an entry fails `test_the_matrix_covers_exactly_the_routes`. A cell whose request is
expected to change something runs in a fresh world; reads and refusals share one per module.
"""

from __future__ import annotations

import copy
import re
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient

from tandem.app import create_app

from .apps import make_settings
from .databases import fresh_database
from .matrix import MATRIX, api_routes
from .routes_checkins import checkin_body
from .snapshots import PostgresSnapshot, SqliteSnapshot, take_snapshot
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


@dataclass
class FreshWorlds:
    """A world built once in a database of its own, put back exactly as it was for each write cell.

    The database holds nothing else, so putting it back touches no other test's records; the
    callers' cookie jars and the world's own notes are put back with it.
    """

    world: World
    snapshot: SqliteSnapshot | PostgresSnapshot
    cookies: dict[str, httpx.Cookies]
    notes: tuple[dict[str, str], dict[str, str], dict[str, dict[str, Any]]]

    @classmethod
    def capture(cls, world: World, snapshot: SqliteSnapshot | PostgresSnapshot) -> FreshWorlds:
        cookies = {name: httpx.Cookies(world.caller(name).client.cookies) for name in CALLERS}
        users = {name: copy.deepcopy(world.caller(name).user) for name in CALLERS}
        notes = (dict(world.params), dict(world.totp_secrets), users)
        return cls(world, snapshot, cookies, notes)

    async def fresh(self) -> World:
        await self.snapshot.restore()
        params, secrets, users = self.notes
        self.world.params, self.world.totp_secrets = dict(params), dict(secrets)
        for name in CALLERS:
            person = self.world.caller(name)
            person.client.cookies = httpx.Cookies(self.cookies[name])
            person.user = copy.deepcopy(users[name])
        return self.world


@pytest.fixture(scope="session")
async def fresh_worlds(tmp_root: Path) -> AsyncIterator[FreshWorlds]:
    home = tmp_root / "matrix-writes"
    (home / "snapshot").mkdir(parents=True)
    with fresh_database(home) as url:
        application = create_app(make_settings(home, url))
        async with AsyncTestClient(application):
            world = await build_world(application)
            yield FreshWorlds.capture(world, await take_snapshot(url, home / "snapshot"))


@pytest.mark.parametrize("route", sorted(MATRIX), ids=lambda r: f"{r[0]} {r[1]}")
@pytest.mark.parametrize("caller", CALLERS)
async def test_route_answers_each_caller_as_the_matrix_says(
    unchanging_world: World, fresh_worlds: FreshWorlds, route: tuple[str, str], caller: str
) -> None:
    method, path = route
    cell = MATRIX[route]
    # A write the matrix expects to succeed gets a world of its own; the others share one, so a
    # refused request that did change something would show up in the cells that follow it.
    world = await fresh_worlds.fresh() if changes_the_world(method, cell.expected[caller]) else unchanging_world
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


async def test_each_write_cell_gets_the_world_exactly_as_it_was_built(fresh_worlds: FreshWorlds) -> None:
    world = await fresh_worlds.fresh()
    listing = world.fill("/api/v1/spaces/{space_id}/checkins")
    before = (await world.patient.get(listing)).json()
    assert before["items"], "the built world holds check-ins"
    sessions_before = (await world.partner.get("/api/v1/me/sessions")).json()
    written = await world.patient.post(listing, json=checkin_body(mood=4))
    assert written.status_code == 201, written.text
    assert written.json()["id"] in {item["id"] for item in (await world.patient.get(listing)).json()["items"]}
    assert (await world.partner.post("/api/v1/auth/logout")).status_code < 400
    assert (await world.partner.get("/api/v1/me")).status_code == 401

    world = await fresh_worlds.fresh()
    assert (await world.patient.get(listing)).json() == before
    assert (await world.partner.get("/api/v1/me/sessions")).json() == sessions_before
