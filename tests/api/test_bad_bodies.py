"""Bad request bodies get a clear 400 problem on every write route of the route table, never a 500.

The routes come from the authorization matrix (`routes_<domain>.py`), so a new route is covered the
day it gets its entry. Each case is sent by the patient (who may use every route of their space):
bytes that are not UTF-8, nesting a thousand levels deep, a lone surrogate, and values of the wrong
JSON type where the route's own valid body has an int or a bool ("5", 5.0 and -0.0 for an int;
"true" and 0 for a bool). Nothing is coerced and nothing is stored.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from litestar import Litestar
from litestar.routes import HTTPRoute

from .journal import practice
from .matrix import MATRIX
from .people import Couple
from .world import World, build_world

WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}

BAD_BYTES = {
    "invalid UTF-8": b'{"email":"\xff\xfe","password":"x"}',
    "nested 1000 levels": b'{"a":' + b"[" * 1000 + b"]" * 1000 + b"}",
    "nested 600 levels": b"[" * 600 + b"]" * 600,
    "lone surrogate": b'{"text":"\\ud800"}',
    "truncated": b'{"a": [1, 2',
}


def routes_with_bodies(app: Litestar) -> dict[tuple[str, str], bool]:
    """Every write route of the matrix, and whether its handler reads a JSON body (from the app itself)."""
    declared: dict[tuple[str, str], bool] = {}
    for route in app.routes:
        if not isinstance(route, HTTPRoute):
            continue
        for handler in route.route_handlers:
            for method in handler.http_methods:
                declared[(method, route.path_format)] = handler.parsed_data_field is not None
    return {key: declared[key] for key in sorted(MATRIX) if key[0] in WRITE_METHODS}


def assert_problem_400(response: httpx.Response, what: str) -> dict[str, Any]:
    assert response.status_code == 400, (what, response.status_code, response.text)
    assert response.headers["content-type"].startswith("application/problem+json"), what
    problem: dict[str, Any] = response.json()
    assert problem["status"] == 400 and problem["detail"], what
    return problem


async def send_raw(world: World, method: str, path: str, body: bytes) -> httpx.Response:
    return await world.patient.request(
        method, world.fill(path), content=body, headers={"content-type": "application/json"}
    )


def test_the_matrix_has_write_routes_with_and_without_bodies(app: Litestar) -> None:
    routes = routes_with_bodies(app)
    assert sum(routes.values()) >= 30
    assert not all(routes.values())


@pytest.mark.parametrize("case", sorted(BAD_BYTES))
async def test_unreadable_bodies_are_a_400_on_every_write_route(app: Litestar, case: str) -> None:
    world = await build_world(app)
    body = BAD_BYTES[case]
    for (method, path), reads_body in routes_with_bodies(app).items():
        if not reads_body:
            continue
        response = await send_raw(world, method, path, body)
        problem = assert_problem_400(response, f"{case}: {method} {path}")
        assert "truncated" not in problem["detail"]


async def test_each_unreadable_body_says_what_is_wrong(app: Litestar) -> None:
    world = await build_world(app)
    login = ("POST", "/api/v1/auth/login")
    expected = {
        "invalid UTF-8": "UTF-8",
        "nested 1000 levels": "nested too deeply",
        "nested 600 levels": "nested too deeply",
        "lone surrogate": "surrogate",
        "truncated": "not valid JSON",
    }
    for case, words in expected.items():
        # Before sign-in too: the anonymous login route decodes its body in the same place.
        response = await world.anonymous.request(
            *login, content=BAD_BYTES[case], headers={"content-type": "application/json"}
        )
        assert words in assert_problem_400(response, case)["detail"], case


def wrong_types(body: Any) -> Iterator[tuple[str, Any, str]]:
    """(field, wrong value, case) for every int and bool at the top level of a valid body."""
    if not isinstance(body, dict):
        return
    for key, value in body.items():
        if isinstance(value, bool):
            yield key, str(value).lower(), "bool as string"
            yield key, int(value), "bool as number"
        elif isinstance(value, int):
            yield key, str(value), "int as string"
            yield key, float(value), "int as float"
            yield key, -0.0, "int as -0.0"


async def test_values_are_never_coerced_on_any_write_route(app: Litestar) -> None:
    world = await build_world(app)
    tried: set[str] = set()
    for (method, path), reads_body in routes_with_bodies(app).items():
        cell = MATRIX[(method, path)]
        if not reads_body or cell.body is None:
            continue
        valid = cell.body(world, world.patient)
        for field, wrong, case in wrong_types(valid):
            response = await world.patient.request(method, world.fill(path), json={**valid, field: wrong})
            problem = assert_problem_400(response, f"{case} {field}: {method} {path}")
            assert [e["field"] for e in problem["errors"]] == [field], (method, path, problem)
            tried.add(case)
    # The route table's bodies hold ints and bools, so every kind of coercion was tried.
    assert tried == {"bool as string", "bool as number", "int as string", "int as float", "int as -0.0"}


async def test_write_routes_without_a_body_ignore_one_without_a_500(app: Litestar) -> None:
    world = await build_world(app)
    for (method, path), reads_body in routes_with_bodies(app).items():
        # Logging out or leaving would end the world for the routes after them.
        if reads_body or path.endswith(("/logout", "/leave")) or "{session_id}" in path:
            continue
        response = await send_raw(world, method, path, BAD_BYTES["invalid UTF-8"])
        assert response.status_code < 500, (method, path, response.text)


async def test_a_list_too_long_is_counted_in_items_and_a_text_in_characters(couple: Couple) -> None:
    """msgspec says "length" for both: the sentence a person reads names what is counted."""
    sizes = practice(couple.space_id, "/dilator-set")
    too_many = await couple.patient.request("PUT", sizes, json={"sizes": [{"label": f"size {n}"} for n in range(13)]})
    assert too_many.status_code == 400
    assert too_many.json()["errors"] == [{"field": "sizes", "message": "Use at most 12 items."}]
    too_long = await couple.patient.request("PUT", sizes, json={"sizes": [{"label": "x" * 49}]})
    assert too_long.status_code == 400
    assert [e["message"] for e in too_long.json()["errors"]] == ["Use at most 48 characters."]
    assert (await couple.patient.get(sizes)).json() == []
