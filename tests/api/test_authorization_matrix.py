"""T1: every API route, from the app's own route table, for four callers.

A route that is added without an entry here fails `test_the_matrix_covers_exactly_the_routes`.
Each cell runs in a fresh world: a patient and a partner sharing a space (with one pending
invitation), and an outsider who has a space of their own.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from litestar import Litestar
from litestar.routes import HTTPRoute

from .conftest import TEST_ONLY_PATHS
from .people import PASSWORD, Person, unique_email

CALLERS = ("anonymous", "outsider", "partner", "patient")


@dataclass
class World:
    patient: Person
    partner: Person
    outsider: Person
    anonymous: Person
    space_id: str
    outsider_space_id: str
    pending_invitation_id: str
    pending_token: str
    patient_session_id: str

    def caller(self, name: str) -> Person:
        person: Person = getattr(self, name)
        return person


async def build_world(app: Litestar) -> World:
    patient = await Person(app, display_name="Robin").sign_up()
    space = await patient.create_space("patient")
    joining = await patient.invite(space["id"])
    pending = await patient.invite(space["id"])
    partner = await Person(app, display_name="Alex").sign_up()
    assert (await partner.accept(joining["token"])).status_code == 200
    outsider = await Person(app, display_name="Kim").sign_up()
    outsider_space = await outsider.create_space("partner")
    sessions = (await patient.get("/api/v1/me/sessions")).json()
    return World(
        patient=patient,
        partner=partner,
        outsider=outsider,
        anonymous=Person(app),
        space_id=space["id"],
        outsider_space_id=outsider_space["id"],
        pending_invitation_id=pending["id"],
        pending_token=pending["token"],
        patient_session_id=sessions[0]["id"],
    )


Body = Callable[[World, Person], Any] | None


@dataclass(frozen=True)
class Cell:
    expected: dict[str, int]
    body: Body = None


def statuses(anonymous: int, outsider: int, partner: int, patient: int) -> dict[str, int]:
    return dict(zip(CALLERS, (anonymous, outsider, partner, patient), strict=True))


def signup_body(_: World, __: Person) -> dict[str, Any]:
    return {"email": unique_email(), "password": PASSWORD, "display_name": "New", "consent_health_data": True}


def own_login(_: World, person: Person) -> dict[str, Any]:
    return {"email": person.email, "password": person.password}


SPACE = "/api/v1/spaces/{space_id}"
MATRIX: dict[tuple[str, str], Cell] = {
    ("GET", "/api/v1/health"): Cell(statuses(200, 200, 200, 200)),
    ("POST", "/api/v1/auth/signup"): Cell(statuses(201, 201, 201, 201), signup_body),
    ("POST", "/api/v1/auth/login"): Cell(statuses(401, 200, 200, 200), own_login),
    ("POST", "/api/v1/auth/logout"): Cell(statuses(204, 204, 204, 204)),
    ("GET", "/api/v1/me"): Cell(statuses(401, 200, 200, 200)),
    ("PATCH", "/api/v1/me"): Cell(statuses(401, 200, 200, 200), lambda w, p: {"display_name": "Renamed"}),
    ("DELETE", "/api/v1/me"): Cell(statuses(401, 204, 204, 204), lambda w, p: {"password": PASSWORD}),
    ("GET", "/api/v1/me/sessions"): Cell(statuses(401, 200, 200, 200)),
    ("DELETE", "/api/v1/me/sessions/{session_id}"): Cell(statuses(401, 404, 404, 204)),
    ("POST", "/api/v1/me/password"): Cell(
        statuses(401, 204, 204, 204), lambda w, p: {"current_password": PASSWORD, "new_password": "another calm river"}
    ),
    ("GET", "/api/v1/me/export"): Cell(statuses(401, 200, 200, 200)),
    ("POST", "/api/v1/spaces"): Cell(statuses(401, 409, 409, 409), lambda w, p: {"name": "Another", "role": "patient"}),
    ("GET", SPACE): Cell(statuses(401, 404, 200, 200)),
    ("PATCH", SPACE): Cell(statuses(401, 404, 200, 200), lambda w, p: {"name": "Renamed space"}),
    ("GET", SPACE + "/invitations"): Cell(statuses(401, 404, 200, 200)),
    # The space already has both members, so a new invitation is a conflict for them.
    ("POST", SPACE + "/invitations"): Cell(statuses(401, 404, 409, 409)),
    ("DELETE", SPACE + "/invitations/{invitation_id}"): Cell(statuses(401, 404, 204, 204)),
    ("POST", SPACE + "/leave"): Cell(statuses(401, 404, 204, 204)),
    # Everyone signed in here already has a space.
    ("POST", "/api/v1/invitations/accept"): Cell(statuses(401, 409, 409, 409), lambda w, p: {"token": w.pending_token}),
}


def api_routes(app: Litestar) -> set[tuple[str, str]]:
    found = set()
    for route in app.routes:
        if not isinstance(route, HTTPRoute) or not route.path.startswith("/api/"):
            continue
        if route.path in TEST_ONLY_PATHS:
            continue
        for method in route.methods - {"OPTIONS", "HEAD"}:
            found.add((method, route.path_format))
    return found


def test_the_matrix_covers_exactly_the_routes(app: Litestar) -> None:
    routes = api_routes(app)
    assert routes - set(MATRIX) == set(), "routes without a matrix entry"
    assert set(MATRIX) - routes == set(), "matrix entries for routes that no longer exist"


def fill(path: str, world: World) -> str:
    return path.format(
        space_id=world.space_id,
        invitation_id=world.pending_invitation_id,
        session_id=world.patient_session_id,
    )


@pytest.mark.parametrize("route", sorted(MATRIX), ids=lambda r: f"{r[0]} {r[1]}")
@pytest.mark.parametrize("caller", CALLERS)
async def test_route_answers_each_caller_as_the_matrix_says(app: Litestar, route: tuple[str, str], caller: str) -> None:
    method, path = route
    cell = MATRIX[route]
    world = await build_world(app)
    person = world.caller(caller)
    kwargs: dict[str, Any] = {}
    if cell.body is not None:
        kwargs["json"] = cell.body(world, person)
    response = await person.request(method, fill(path, world), **kwargs)
    assert response.status_code == cell.expected[caller], response.text
    if cell.expected[caller] == 404:
        # Indistinguishable from an id that never existed.
        unknown = path.format(space_id=uuid.uuid4(), invitation_id=uuid.uuid4(), session_id=uuid.uuid4())
        probe = await person.request(method, unknown, **kwargs)
        assert (probe.status_code, probe.content) == (404, response.content)


async def test_an_outsider_changes_nothing_in_another_space(app: Litestar) -> None:
    world = await build_world(app)
    before = (await world.patient.get(f"/api/v1/spaces/{world.space_id}")).json()
    invitations_before = (await world.patient.get(f"/api/v1/spaces/{world.space_id}/invitations")).json()
    for method, path in MATRIX:
        if "{space_id}" not in path or method == "GET":
            continue
        body = MATRIX[(method, path)].body
        kwargs = {"json": body(world, world.outsider)} if body else {}
        response = await world.outsider.request(method, fill(path, world), **kwargs)
        assert response.status_code == 404
    assert (await world.patient.get(f"/api/v1/spaces/{world.space_id}")).json() == before
    assert (await world.patient.get(f"/api/v1/spaces/{world.space_id}/invitations")).json() == invitations_before
