"""A calendar address belongs to one membership: rejoining the same space does not revive it."""

from __future__ import annotations

import httpx
from litestar import Litestar

from .people import BASE_URL, make_couple


async def fetch(app: Litestar, path: str) -> int:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=BASE_URL) as client:
        return (await client.get(path)).status_code


async def test_rejoining_the_same_space_needs_a_new_feed_address(app: Litestar) -> None:
    couple = await make_couple(app)
    feed_url = f"/api/v1/spaces/{couple.space_id}/calendar-feed"
    old_path = (await couple.partner.post(feed_url, json={})).json()["path"]
    assert await fetch(app, old_path) == 200

    assert (await couple.partner.post(f"/api/v1/spaces/{couple.space_id}/leave")).status_code == 204
    assert await fetch(app, old_path) == 404
    invitation = await couple.patient.invite(couple.space_id)
    assert (await couple.partner.accept(invitation["token"])).status_code == 200

    assert await fetch(app, old_path) == 404
    assert (await couple.partner.get(feed_url)).json()["enabled"] is False
    new_path = (await couple.partner.post(feed_url, json={})).json()["path"]
    assert new_path != old_path
    assert await fetch(app, new_path) == 200
    assert await fetch(app, old_path) == 404
