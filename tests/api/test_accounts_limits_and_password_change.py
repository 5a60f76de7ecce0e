"""Accounts: a new partner's export, simultaneous wrong passwords, password changes, control characters in URLs."""

from __future__ import annotations

import asyncio
from pathlib import Path

from litestar import Litestar

from tandem.app import create_app
from tandem.core.config import RateLimits

from .apps import make_settings, started
from .ideas_support import ensure_library, move_plan_into_the_past
from .people import PASSWORD, Couple, Person, make_couple
from .plans_support import act, match, propose, soon, url


async def test_a_new_partners_export_holds_nothing_shared_with_the_previous_one(app: Litestar) -> None:
    await ensure_library(app)
    pair = await make_couple(app)
    plan = await propose(pair, pair.patient, idea_id=await match(pair), starts_at=soon(2))
    assert (await act(pair, pair.partner, plan["id"], "accept")).status_code == 200
    await move_plan_into_the_past(app, plan["id"])
    body = {"feeling": "close", "comfort": 8, "note": "MARKER-ABOUT-OLD-PARTNER", "shared": True}
    assert (
        await pair.patient.request("PUT", url(pair, f"/plans/{plan['id']}/reflection"), json=body)
    ).status_code == 200
    assert (await pair.partner.post(url(pair, "/leave"))).status_code == 204
    newcomer = await Person(app).sign_up()
    assert (await newcomer.accept((await pair.patient.invite(pair.space_id))["token"])).status_code == 200
    assert "MARKER-ABOUT-OLD-PARTNER" not in (await newcomer.get(url(pair, "/plans"), params={"when": "all"})).text
    assert "MARKER-ABOUT-OLD-PARTNER" not in (await newcomer.get("/api/v1/me/export")).text
    assert "MARKER-ABOUT-OLD-PARTNER" in (await pair.patient.get("/api/v1/me/export")).text


async def test_simultaneous_wrong_passwords_cannot_outrun_the_limit(tmp_root: Path, database_url: str) -> None:
    settings = make_settings(tmp_root, database_url, rate_limits=RateLimits())
    async for limited in started(create_app(settings)):
        victim = await Person(limited).sign_up()
        attackers = [Person(limited, email=victim.email) for _ in range(40)]
        for attacker in attackers:
            await attacker.csrf_token()
        results = await asyncio.gather(*(a.log_in("wrong wrong wrong") for a in attackers))
        statuses = [r.status_code for r in results]
        assert statuses.count(401) == 10
        assert statuses.count(429) == 30


async def test_password_confirmations_share_the_accounts_limit(tmp_root: Path, database_url: str) -> None:
    settings = make_settings(tmp_root, database_url, rate_limits=RateLimits())
    async for limited in started(create_app(settings)):
        person = await Person(limited).sign_up()
        statuses = []
        for _ in range(11):
            response = await person.post(
                "/api/v1/me/password", json={"current_password": "wrong wrong wrong", "new_password": "x" * 12}
            )
            statuses.append(response.status_code)
        assert statuses[:10] == [403] * 10 and statuses[10] == 429
        assert (await person.delete("/api/v1/me", json={"password": PASSWORD})).status_code == 429


async def test_a_password_change_gives_this_device_a_new_session(app: Litestar, signed_up: Person) -> None:
    before = signed_up.client.cookies.get("tandem_session")
    changed = await signed_up.post(
        "/api/v1/me/password", json={"current_password": PASSWORD, "new_password": "a fresh long phrase"}
    )
    assert changed.status_code == 204
    after = signed_up.client.cookies.get("tandem_session")
    assert after and after != before
    assert (await signed_up.get("/api/v1/me")).status_code == 200
    stale = Person(app, email=signed_up.email)
    stale.client.cookies.set("tandem_session", before or "", domain="testserver.local")
    assert (await stale.get("/api/v1/me")).status_code == 401


async def test_control_characters_in_paths_and_queries_are_refused(couple: Couple) -> None:
    """A NUL reaching PostgreSQL through a path or query parameter used to be a 500 there."""
    space = f"/api/v1/spaces/{couple.space_id}"
    for path in (f"{space}/ideas/%00", f"{space}/ideas/a%01b", f"{space}/ideas?q=%00", "/api/v1/me?x=%1f"):
        response = await couple.patient.get(path)
        assert response.status_code == 400, (path, response.status_code, response.text)
        assert response.json()["detail"] == "The address contains characters that aren't allowed."
    rating = await couple.patient.request("PUT", f"{space}/ideas/%00/rating", json={"rating": "yes"})
    assert rating.status_code == 400


async def test_a_password_change_kills_the_calendar_address(couple: Couple) -> None:
    import httpx

    from .people import BASE_URL

    feed_url = f"/api/v1/spaces/{couple.space_id}/calendar-feed"
    issued = await couple.patient.post(feed_url, json={})
    assert issued.status_code == 201
    path = issued.json()["path"]

    async def fetch() -> int:
        transport = httpx.ASGITransport(app=couple.patient.app)
        async with httpx.AsyncClient(transport=transport, base_url=BASE_URL) as client:
            return (await client.get(path)).status_code

    assert await fetch() == 200
    changed = await couple.patient.post(
        "/api/v1/me/password", json={"current_password": PASSWORD, "new_password": "a fresh long phrase"}
    )
    assert changed.status_code == 204
    assert await fetch() == 404
    assert (await couple.patient.get(feed_url)).json()["enabled"] is False
