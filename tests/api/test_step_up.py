"""Step-up, driven by the app's route table: every route marked step_up refuses a sign-in older than
five minutes with the problem type the SPA recognises, and works again after a step-up."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from litestar import Litestar
from litestar.routes import HTTPRoute

from tandem.factors.stepup import STEP_UP, STEP_UP_PROBLEM_TYPE

from .authenticator import SoftAuthenticator
from .factors_support import FACTORS, add_passkey, add_totp, age_sessions, totp_code
from .people import PASSWORD, Person

STEP_UP_URL = "/api/v1/me/step-up"
BOGUS_CHALLENGE = {"challenge_id": "never-issued", "credential": {"id": "x", "type": "public-key"}}


class Member:
    def __init__(self, person: Person, factor_id: str, secret: str, space_id: str) -> None:
        self.person, self.factor_id, self.secret, self.space_id = person, factor_id, secret, space_id


# Every step-up route, with the body it is called with; a route marked in the app but missing here
# (or listed here but not marked) fails the first test.
STEP_UP_ROUTES: dict[tuple[str, str], Callable[[Member], Any]] = {
    ("GET", "/api/v1/me/export"): lambda m: None,
    ("POST", "/api/v1/me/sessions/end-others"): lambda m: None,
    ("POST", "/api/v1/me/factors/passkeys/options"): lambda m: None,
    ("POST", "/api/v1/me/factors/passkeys"): lambda m: BOGUS_CHALLENGE,
    ("POST", "/api/v1/me/factors/totp"): lambda m: {"name": "Second phone"},
    ("DELETE", "/api/v1/me/factors/{factor_id}"): lambda m: None,
    ("POST", "/api/v1/me/recovery-codes"): lambda m: None,
    ("POST", "/api/v1/spaces/{space_id}/stop-sharing"): lambda m: {"leave_space": False, "clear_boundaries": False},
}
# Sensitive routes that confirm the password in their own body (which counts as a step-up).
PASSWORD_IN_BODY: dict[tuple[str, str], Callable[[str], Any]] = {
    ("POST", "/api/v1/me/password"): lambda pw: {"current_password": pw, "new_password": "a new calm river"},
    ("PUT", "/api/v1/me/app-lock"): lambda pw: {"pin": "2468", "password": pw},
    ("DELETE", "/api/v1/me/app-lock"): lambda pw: {"password": pw},
    ("DELETE", "/api/v1/me"): lambda pw: {"password": pw},
}


def marked_routes(app: Litestar) -> set[tuple[str, str]]:
    found = set()
    for route in app.routes:
        if not isinstance(route, HTTPRoute):
            continue
        for handler in route.route_handlers:
            if handler.opt.get(STEP_UP):
                found.update((method, route.path_format) for method in handler.http_methods)
    return found


def test_the_table_lists_exactly_the_step_up_routes(app: Litestar) -> None:
    assert marked_routes(app) == set(STEP_UP_ROUTES)


async def member_with_app(app: Litestar) -> Member:
    person = await Person(app).sign_up()
    secret, added = await add_totp(person)
    space = await person.post("/api/v1/spaces", json={"name": "Ours", "role": "patient"})
    assert space.status_code == 201, space.text
    return Member(person, added["factor"]["id"], secret, space.json()["id"])


async def call(member: Member, route: tuple[str, str]) -> Any:
    method, path = route
    body = STEP_UP_ROUTES[route](member)
    kwargs = {"json": body} if body is not None else {}
    return await member.person.request(
        method, path.format(factor_id=member.factor_id, space_id=member.space_id), **kwargs
    )


@pytest.mark.parametrize("route", sorted(STEP_UP_ROUTES), ids=lambda r: f"{r[0]} {r[1]}")
async def test_a_step_up_route_needs_a_recent_sign_in(app: Litestar, route: tuple[str, str]) -> None:
    member = await member_with_app(app)
    await age_sessions(app, member.person)
    refused = await call(member, route)
    assert refused.status_code == 403, refused.text
    assert refused.json()["type"] == STEP_UP_PROBLEM_TYPE
    assert refused.headers["content-type"].startswith("application/problem+json")

    stepped = await member.person.post(STEP_UP_URL, json={"password": PASSWORD})
    assert stepped.status_code == 200, stepped.text
    allowed = await call(member, route)
    assert allowed.status_code != 403 and allowed.status_code < 500, allowed.text
    # The route did its work, or refused for its own reasons (an unknown passkey challenge).
    assert allowed.status_code in (200, 201, 204, 409), allowed.text


@pytest.mark.parametrize("route", sorted(PASSWORD_IN_BODY), ids=lambda r: f"{r[0]} {r[1]}")
async def test_a_route_that_asks_for_the_password_counts_it_as_step_up(app: Litestar, route: tuple[str, str]) -> None:
    member = await member_with_app(app)
    await age_sessions(app, member.person)
    method, path = route
    wrong = await member.person.request(method, path, json=PASSWORD_IN_BODY[route]("not my password at all"))
    assert wrong.status_code == 403 and wrong.json().get("type") != STEP_UP_PROBLEM_TYPE, wrong.text
    right = await member.person.request(method, path, json=PASSWORD_IN_BODY[route](PASSWORD))
    assert right.status_code in (200, 204), right.text


async def test_a_step_up_by_code_or_passkey(app: Litestar) -> None:
    member = await member_with_app(app)
    key = SoftAuthenticator()
    await add_passkey(member.person, key)
    route = ("GET", "/api/v1/me/export")

    await age_sessions(app, member.person)
    assert (await member.person.post(STEP_UP_URL, json={"code": "123"})).status_code == 403
    assert (await call(member, route)).status_code == 403
    assert (await member.person.post(STEP_UP_URL, json={"code": totp_code(member.secret, 1)})).status_code == 200
    assert (await call(member, route)).status_code == 200

    await age_sessions(app, member.person)
    options = (await member.person.post(f"{STEP_UP_URL}/passkey/options")).json()
    done = await member.person.post(
        f"{STEP_UP_URL}/passkey",
        json={"challenge_id": options["challenge_id"], "credential": key.get(options["options"])},
    )
    assert done.status_code == 200, done.text
    assert (await call(member, route)).status_code == 200


async def test_a_step_up_needs_exactly_one_proof(app: Litestar, signed_up: Person) -> None:
    assert (await signed_up.post(STEP_UP_URL, json={})).status_code == 400
    both = await signed_up.post(STEP_UP_URL, json={"password": PASSWORD, "code": "123456"})
    assert both.status_code == 400
    assert (await signed_up.post(STEP_UP_URL, json={"password": "wrong wrong wrong"})).status_code == 403
    # Another member's passkey cannot step up this session.
    other = await Person(app).sign_up()
    key = SoftAuthenticator()
    await add_passkey(other, key)
    options = (await signed_up.post(f"{STEP_UP_URL}/passkey/options")).json()
    assert options["options"].get("allowCredentials") == []
    stolen = await signed_up.post(
        f"{STEP_UP_URL}/passkey",
        json={
            "challenge_id": options["challenge_id"],
            "credential": key.get({**options["options"], "allowCredentials": []}),
        },
    )
    assert stolen.status_code == 403
    assert (await signed_up.get(FACTORS)).status_code == 200
