"""The contract is what the code does: returned ids are accepted ids, hosts are parsed strictly, and
a CSRF token works only for the session it was issued to."""

from __future__ import annotations

from typing import Any

import httpx
from litestar import Litestar

from .people import Couple, Person
from .routes_ideas import custom_idea_body

# --- custom idea ids -------------------------------------------------------------------------------------


async def test_the_id_a_custom_idea_is_returned_with_is_the_id_it_is_changed_and_deleted_by(couple: Couple) -> None:
    base = f"/api/v1/spaces/{couple.space_id}/custom-ideas"
    created = await couple.patient.post(base, json={**custom_idea_body(None, None), "title": "Picnic"})  # type: ignore[arg-type]
    assert created.status_code == 201, created.text
    idea_id = created.json()["id"]
    assert idea_id.startswith("custom-")

    body: dict[str, Any] = {**custom_idea_body(None, None), "title": "Picnic by the lake"}  # type: ignore[arg-type]
    replaced = await couple.patient.request("PUT", f"{base}/{idea_id}", json=body)
    assert replaced.status_code == 200, replaced.text
    assert replaced.json()["id"] == idea_id
    fetched = await couple.patient.get(f"/api/v1/spaces/{couple.space_id}/ideas/{idea_id}")
    assert fetched.json()["title"] == "Picnic by the lake"

    # Only its author changes it, whichever form of the id the partner tries.
    assert (await couple.partner.delete(f"{base}/{idea_id}")).status_code == 404
    assert (await couple.patient.delete(f"{base}/{idea_id}")).status_code == 204
    assert (await couple.patient.get(f"/api/v1/spaces/{couple.space_id}/ideas/{idea_id}")).status_code == 404


async def test_the_bare_uuid_of_a_custom_idea_still_works_and_other_shapes_are_refused(couple: Couple) -> None:
    base = f"/api/v1/spaces/{couple.space_id}/custom-ideas"
    created = await couple.patient.post(base, json=custom_idea_body(None, None))  # type: ignore[arg-type]
    bare = created.json()["id"].removeprefix("custom-")
    body: dict[str, Any] = custom_idea_body(None, None)  # type: ignore[arg-type]
    assert (await couple.patient.request("PUT", f"{base}/{bare}", json=body)).status_code == 200
    for wrong in ("custom-", "idea-breakfast", f"custom-custom-{bare}", f"{bare}x"):
        response = await couple.patient.request("PUT", f"{base}/{wrong}", json=body)
        assert response.status_code in (400, 404), (wrong, response.status_code)
    assert (await couple.patient.delete(f"{base}/{bare}")).status_code == 204


# --- hosts -----------------------------------------------------------------------------------------------


async def health_with_host(app: Litestar, host: str) -> httpx.Response:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver.local") as client:
        return await client.get("/api/v1/health", headers={"host": host})


async def test_host_headers_are_parsed_strictly(app: Litestar) -> None:
    refused = [
        "testserver.local:18804@evil",
        "testserver.local@evil",
        "testserver.local:99999",
        "testserver.local:0",
        "testserver.local:80:80",
        "testserver.local:",
        "testserver.local:8x",
        "user@testserver.local",
        "testserver.local/evil",
        "",
    ]
    for host in refused:
        response = await health_with_host(app, host)
        assert response.status_code == 400, host
        assert response.headers["content-type"].startswith("application/problem+json")
    for host in ("testserver.local", "TESTSERVER.local:8123", "testserver.local:65535"):
        assert (await health_with_host(app, host)).status_code == 200, host


async def call_raw(app: Litestar, raw_target: bytes, host: bytes = b"testserver.local") -> int:
    """One request with its target as the server `python -m tandem serve` runs hands it on (ops/server.py)."""
    path = raw_target.partition(b"?")[0]
    scope: dict[str, Any] = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": path.decode(),
        "raw_path": path,
        "root_path": "",
        "query_string": b"",
        "headers": [(b"host", host)],
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 8000),
        "state": {},
    }
    statuses: list[int] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            statuses.append(message["status"])

    await app(scope, receive, send)  # type: ignore[arg-type]
    return statuses[0]


async def test_a_request_line_naming_a_foreign_absolute_url_is_refused(app: Litestar) -> None:
    assert await call_raw(app, b"http://evil.example/api/v1/health") == 400
    assert await call_raw(app, b"http://evil.example/") == 400
    assert await call_raw(app, b"/api/v1/health") == 200


# --- CSRF tokens bound to the session --------------------------------------------------------------------


def replace_csrf_cookie(person: Person, value: str) -> None:
    person.client.cookies.delete("csrftoken")
    person.client.cookies.set("csrftoken", value, domain="testserver.local")


async def test_a_csrf_token_of_another_session_is_refused(app: Litestar, signed_up: Person) -> None:
    other_device = Person(app, email=signed_up.email)
    assert (await other_device.log_in()).status_code == 200
    mine = await signed_up.csrf_token()
    theirs = await other_device.csrf_token()
    assert mine != theirs
    # The other session's token, echoed in both the header and the cookie, is signed but not ours.
    replace_csrf_cookie(signed_up, theirs)
    refused = await signed_up.patch("/api/v1/me", json={"display_name": "Taken over"}, headers={"x-csrftoken": theirs})
    assert refused.status_code == 403
    assert (await signed_up.get("/api/v1/me")).json()["display_name"] != "Taken over"
    # A GET puts the session's own token back, and that one passes.
    await signed_up.get("/api/v1/me")
    assert signed_up.client.cookies.get("csrftoken") == mine
    accepted = await signed_up.patch("/api/v1/me", json={"display_name": "Renamed"}, headers={"x-csrftoken": mine})
    assert accepted.status_code == 200, accepted.text


async def test_an_anonymous_token_does_not_pass_once_signed_in(app: Litestar) -> None:
    person = Person(app)
    anonymous_token = await person.csrf_token()
    await person.sign_up()
    assert person.client.cookies.get("csrftoken") != anonymous_token
    replace_csrf_cookie(person, anonymous_token)
    response = await person.patch(
        "/api/v1/me", json={"display_name": "Renamed"}, headers={"x-csrftoken": anonymous_token}
    )
    assert response.status_code == 403
