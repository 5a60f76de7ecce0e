"""Quick exit on the server: it locks the session (app lock set) or signs out; the neutral page."""

from __future__ import annotations

from pathlib import Path

import httpx
from litestar import Litestar

from tandem.app import create_app

from .apps import make_settings, started
from .people import BASE_URL, PASSWORD, Person

EXIT = "/api/v1/me/quick-exit"


async def test_quick_exit_without_an_app_lock_signs_out(app: Litestar) -> None:
    person = await Person(app).sign_up()
    response = await person.post(EXIT)
    assert response.status_code == 200
    assert response.json() == {"session": "ended", "destination": "/start"}
    assert (await person.get("/api/v1/me")).status_code == 401


async def test_quick_exit_locks_a_session_with_an_app_lock(app: Litestar) -> None:
    person = await Person(app).sign_up()
    lock = {"pin": "1234", "idle_minutes": 5, "password": PASSWORD}
    assert (await person.request("PUT", "/api/v1/me/app-lock", json=lock)).status_code == 200
    assert (await person.request("PUT", EXIT, json={"url": "https://example.org/news"})).status_code == 200
    response = await person.post(EXIT)
    assert response.json() == {"session": "locked", "destination": "https://example.org/news"}
    assert (await person.get("/api/v1/me")).status_code == 423
    # Quick exit again from the lock screen is fine.
    assert (await person.post(EXIT)).status_code == 200
    assert (await person.post("/api/v1/me/app-lock/unlock", json={"pin": "1234"})).status_code == 200
    assert (await person.get("/api/v1/me")).status_code == 200


async def test_a_member_may_keep_quick_exit_from_signing_out(app: Litestar) -> None:
    person = await Person(app).sign_up()
    chosen = await person.request("PUT", EXIT, json={"url": None, "signs_out": False})
    assert chosen.json() == {"url": None, "signs_out": False, "default_destination": "/start"}
    assert (await person.post(EXIT)).json() == {"session": "kept", "destination": "/start"}
    assert (await person.get("/api/v1/me")).status_code == 200


async def test_only_ordinary_web_addresses_are_accepted(app: Litestar) -> None:
    person = await Person(app).sign_up()
    for url in ("javascript:alert(1)", "data:text/html,hi", "/relative", "https://exa mple.org", "x" * 600):
        response = await person.request("PUT", EXIT, json={"url": url})
        assert response.status_code == 400, url
    assert (await person.get(EXIT)).json()["url"] is None


async def test_the_neutral_page_has_nothing_of_tandem(app: Litestar) -> None:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=BASE_URL) as client:
        response = await client.get("/start")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "tandem" not in response.text.casefold()
    assert "<script" not in response.text
    # An empty icon, so the browser does not fetch (and show) Tandem's.
    assert '<link rel="icon" href="data:,">' in response.text


async def test_the_instance_may_name_its_own_destination(tmp_path: Path, database_url: str) -> None:
    settings = make_settings(tmp_path, database_url, quick_exit_url="https://example.org/weather")
    async for app in started(create_app(settings)):
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=BASE_URL) as client:
            response = await client.get("/start")
        assert response.status_code == 303
        assert response.headers["location"] == "https://example.org/weather"
        person = await Person(app).sign_up()
        assert (await person.post(EXIT)).json()["destination"] == "https://example.org/weather"


async def test_ending_all_other_sessions_keeps_only_this_one(app: Litestar) -> None:
    here = await Person(app).sign_up()
    phone = Person(app, email=here.email)
    laptop = Person(app, email=here.email)
    for device in (phone, laptop):
        assert (await device.log_in()).status_code == 200
    stranger = await Person(app).sign_up()
    response = await here.post("/api/v1/me/sessions/end-others")
    assert response.status_code == 200
    assert response.json() == {"ended": 2}
    assert (await phone.get("/api/v1/me")).status_code == 401
    assert (await laptop.get("/api/v1/me")).status_code == 401
    assert (await here.get("/api/v1/me")).status_code == 200
    assert (await stranger.get("/api/v1/me")).status_code == 200
    assert [s["current"] for s in (await here.get("/api/v1/me/sessions")).json()] == [True]
    # Again: nothing more to end.
    assert (await here.post("/api/v1/me/sessions/end-others")).json() == {"ended": 0}
