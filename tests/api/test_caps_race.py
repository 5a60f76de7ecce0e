"""80 requests at once against every cap and read-then-write check (both databases; the point is PostgreSQL).

Each cap locks its parent row first (core/locks.py), so a burst lands exactly up to the limit, never
past it, with no repeated positions and no 500. A lost sign-up race answers like any taken email.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from typing import Any

import httpx
from litestar import Litestar

from .journal import dilator_body, make_set, ok, practice
from .people import PASSWORD, Couple, Person, unique_email
from .routes_ideas import custom_idea_body

BURST = 80


async def burst(calls: list[Any]) -> Counter[int]:
    responses: list[httpx.Response] = await asyncio.gather(*calls)
    statuses = Counter(r.status_code for r in responses)
    assert not [r.text for r in responses if r.status_code >= 500], statuses
    return statuses


def assert_only_room_for(statuses: Counter[int], room: int, refusal: int) -> None:
    """Exactly `room` created; every other request refused by the cap, or (on a loaded machine) by the
    per-session write bound's 429 "try again", which refuses before the cap is even looked at."""
    assert statuses[201] == room, statuses
    assert set(statuses) <= {201, refusal, 429}, statuses
    assert statuses[refusal] > 0, statuses


async def fill_to(count: int, add: Any) -> None:
    for n in range(count):
        response = await add(n)
        assert response.status_code == 201, response.text


async def test_goals_stop_at_fifty_under_a_burst(couple: Couple) -> None:
    patient, url = couple.patient, practice(couple.space_id, "/goals")
    await fill_to(45, lambda n: patient.post(url, json={"title": f"Goal {n}"}))
    statuses = await burst([patient.post(url, json={"title": f"Burst {n}"}) for n in range(BURST)])
    assert_only_room_for(statuses, 5, refusal=400)
    goals = (await patient.get(url)).json()
    assert len(goals) == 50
    assert len({g["position"] for g in goals}) == 50


async def test_custom_activities_stop_at_their_cap_under_a_burst(couple: Couple) -> None:
    url = f"/api/v1/spaces/{couple.space_id}/custom-activities"
    await fill_to(45, lambda n: couple.patient.post(url, json={"title": f"Activity {n}"}))
    # Both members add at once: the cap is the space's.
    members = (couple.patient, couple.partner)
    calls = [members[n % 2].post(url, json={"title": f"Burst {n}"}) for n in range(BURST)]
    statuses = await burst(calls)
    assert_only_room_for(statuses, 5, refusal=409)
    assert len((await couple.partner.get(url)).json()) == 50


async def test_custom_ideas_have_a_cap_that_holds_under_a_burst(couple: Couple) -> None:
    url = f"/api/v1/spaces/{couple.space_id}/custom-ideas"
    body = custom_idea_body(None, None)  # type: ignore[arg-type]
    await fill_to(95, lambda n: couple.patient.post(url, json={**body, "title": f"Idea {n}"}))
    calls = [
        (couple.patient if n % 2 else couple.partner).post(url, json={**body, "title": f"Burst {n}"})
        for n in range(BURST)
    ]
    statuses = await burst(calls)
    assert_only_room_for(statuses, 5, refusal=409)
    exported = (await couple.patient.get("/api/v1/me/export")).json()["records"]["ideas"]
    assert len(exported["authored"]["custom_ideas"]) + len(exported["shared_with_me"]["custom_ideas"]) == 100


async def test_an_entry_logged_while_the_set_is_replaced_keeps_its_size(couple: Couple) -> None:
    patient, space = couple.patient, couple.space_id
    sizes = await make_set(patient, space, ["small", "medium"])
    small, medium = sizes[0]["id"], sizes[1]["id"]
    entries = practice(space, "/entries")
    dilator_set = practice(space, "/dilator-set")
    without_medium = {"sizes": [{"id": small, "label": "small"}]}
    calls: list[Any] = []
    for n in range(BURST):
        if n % 2:
            # Distinct entries, meant as such: the near-duplicate check (same measures within 10 minutes)
            # would otherwise answer 409 to every entry after the first that lands.
            body = dilator_body(medium, note=f"entry {n}")
            calls.append(patient.post(entries, params={"confirm_duplicate": "true"}, json=body))
        else:
            calls.append(patient.request("PUT", dilator_set, json=without_medium))
    responses: list[httpx.Response] = await asyncio.gather(*calls)
    assert all(r.status_code < 500 for r in responses), Counter(r.status_code for r in responses)
    logged = [r.json()["id"] for r in responses if r.request.method == "POST" and r.status_code == 201]
    # An entry either landed before the size was removed (and keeps it) or was refused: never sizeless.
    for entry_id in logged:
        entry = await ok(patient.get(f"{entries}/{entry_id}"))
        assert entry["size_id"] == medium, entry
    refused = [r for r in responses if r.request.method == "POST" and r.status_code != 201]
    # Refused because the size had gone, or (on a loaded machine) by the write bound's 429 "try again".
    assert {r.status_code for r in refused} <= {400, 429}, Counter(r.status_code for r in refused)
    assert len(logged) + len(refused) == BURST // 2


async def test_eighty_sign_ups_with_one_email_make_one_account_and_look_alike(app: Litestar) -> None:
    email = unique_email("race")
    body = {"email": email, "password": PASSWORD, "display_name": "Sam", "consent_health_data": True}
    people = [Person(app, email=email) for _ in range(BURST)]
    responses: list[httpx.Response] = await asyncio.gather(*(p.post("/api/v1/auth/signup", json=body) for p in people))
    statuses = Counter(r.status_code for r in responses)
    assert statuses == Counter({201: 1, 400: BURST - 1})
    refusals = {r.content for r in responses if r.status_code == 400}
    assert len(refusals) == 1
    taken = await Person(app, email=email).post("/api/v1/auth/signup", json=body)
    assert (taken.status_code, taken.content) == (400, refusals.pop())
