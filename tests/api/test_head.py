"""HEAD answers like GET without a body: the app's pages, its files and the read-only API routes."""

from __future__ import annotations

from litestar import Litestar

from .people import Couple, Person


async def same_as_get(person: Person, url: str) -> None:
    got = await person.get(url)
    head = await person.request("HEAD", url)
    assert head.status_code == got.status_code, (url, head.status_code, got.status_code)
    assert head.content == b""
    assert head.headers.get("content-type") == got.headers.get("content-type")
    assert head.headers.get("cache-control") == got.headers.get("cache-control")
    assert "content-security-policy" in head.headers
    if "content-length" in got.headers:
        assert head.headers["content-length"] == got.headers["content-length"]


async def test_head_on_the_app_pages(app: Litestar) -> None:
    visitor = Person(app)
    for url in ("/", "/login", "/spaces/anything/checkins"):
        await same_as_get(visitor, url)


async def test_head_on_read_only_api_routes(couple: Couple) -> None:
    s = couple.space_id
    for url in ("/api/v1/me", f"/api/v1/spaces/{s}", f"/api/v1/spaces/{s}/checkins", "/api/v1/feelings"):
        await same_as_get(couple.patient, url)


async def test_head_keeps_refusals_and_missing_pages(app: Litestar, couple: Couple) -> None:
    visitor = Person(app)
    await same_as_get(visitor, "/api/v1/me")  # 401 without a body
    await same_as_get(visitor, "/api/v1/nothing-here")  # 404
    await same_as_get(couple.partner, f"/api/v1/spaces/{couple.space_id}/practice/entries")


async def test_head_of_the_live_event_stream_ends_at_once(couple: Couple) -> None:
    head = await couple.patient.request("HEAD", f"/api/v1/spaces/{couple.space_id}/events")
    assert head.status_code == 200
    assert head.headers["content-type"].startswith("text/event-stream")
    assert head.content == b""
