"""Both members rating and planning at once, from several devices each (SQLite and PostgreSQL)."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from litestar import Litestar

from .ideas_support import ensure_library, gentle_ideas, library, rate
from .people import Couple, Person, make_couple


@pytest.fixture
async def pair(app: Litestar) -> Couple:
    await ensure_library(app)
    return await make_couple(app)


async def devices(app: Litestar, person: Person, count: int) -> list[Person]:
    found = [person]
    for _ in range(count - 1):
        device = Person(app, email=person.email)
        assert (await device.log_in()).status_code == 200
        found.append(device)
    return found


def url(couple: Couple, rest: str) -> str:
    return f"/api/v1/spaces/{couple.space_id}{rest}"


async def test_concurrent_ratings_are_all_kept(app: Litestar, pair: Couple) -> None:
    ideas = [i["id"] for i in await library(pair.patient, pair.space_id)][:24]
    values = ("yes", "maybe", "not_now")
    plans: list[tuple[Person, str, str]] = []
    for member in (pair.patient, pair.partner):
        member_devices = await devices(app, member, 3)
        for n, idea in enumerate(ideas):
            plans.append((member_devices[n % 3], idea, values[n % 3]))
        # Every device of both members also rates one shared idea at the same moment.
        plans.extend((device, ideas[0], value) for device, value in zip(member_devices, values, strict=True))

    async def one(device: Person, idea: str, value: str) -> int:
        return await rate(device, pair.space_id, idea, value)

    statuses = await asyncio.gather(*(one(*p) for p in plans))
    assert set(statuses) == {200}
    for member in (pair.patient, pair.partner):
        mine = {i["id"]: i["my_rating"] for i in await library(member, pair.space_id, limit=100)}
        for n, idea in enumerate(ideas[1:], start=1):
            assert mine[idea] == values[n % 3], idea
        assert mine[ideas[0]] in values
    exported = (await pair.patient.get("/api/v1/me/export")).json()["records"]["ideas"]["authored"]["ratings"]
    assert len(exported) == len(ideas)


async def test_both_planning_at_once(app: Litestar, pair: Couple) -> None:
    ideas = gentle_ideas(await library(pair.patient, pair.space_id), 6)
    await asyncio.gather(*(rate(p, pair.space_id, idea, "yes") for idea in ideas for p in (pair.patient, pair.partner)))
    patient_devices = await devices(app, pair.patient, 2)
    partner_devices = await devices(app, pair.partner, 2)

    async def propose(person: Person, idea: str) -> int:
        return (await person.post(url(pair, "/plans"), json={"idea_id": idea, "note": "together"})).status_code

    proposals = [propose(d, idea) for idea in ideas for d in (*patient_devices, *partner_devices)]
    statuses = await asyncio.gather(*proposals, *(rate(pair.partner, pair.space_id, i, "maybe") for i in ideas))
    assert 500 not in statuses
    # Ratings moved from yes to maybe: still a match, so every proposal landed.
    assert statuses.count(201) == len(ideas) * 4
    listed = (await pair.partner.get(url(pair, "/plans"), params={"when": "all", "limit": 100})).json()["items"]
    assert len(listed) == len(ideas) * 4


@pytest.mark.parametrize("stop", ["pause", "cancel"])
async def test_accept_and_pause_at_the_same_instant_end_consistently(app: Litestar, pair: Couple, stop: str) -> None:
    idea = gentle_ideas(await library(pair.patient, pair.space_id), 1)[0]
    for person in (pair.patient, pair.partner):
        await rate(person, pair.space_id, idea, "yes")
    accepted_count = 0
    for round_ in range(6):
        plan = (await pair.patient.post(url(pair, "/plans"), json={"idea_id": idea})).json()
        plan_url = url(pair, f"/plans/{plan['id']}")
        # Alternate who stops it: the proposer, or the very person accepting (on another device).
        stopper = pair.patient if round_ % 2 == 0 else (await devices(app, pair.partner, 2))[1]
        accept, stopped = await asyncio.gather(
            pair.partner.post(plan_url + "/accept"), stopper.post(plan_url + f"/{stop}", json={})
        )
        assert stopped.status_code == 200, stopped.text
        assert accept.status_code in {200, 409}, accept.text
        final: dict[str, Any] = (await pair.partner.get(plan_url)).json()
        assert final["status"] == ("paused" if stop == "pause" else "cancelled")
        assert final["accepted"] is (accept.status_code == 200)
        assert final["notice"] is not None and final["awaiting_me"] is False
        assert (await pair.patient.get(plan_url)).json()["status"] == final["status"]
        accepted_count += accept.status_code == 200
    assert 0 <= accepted_count <= 6
