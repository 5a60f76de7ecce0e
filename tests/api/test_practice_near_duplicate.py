"""A near-identical journal entry (same measures, practised within ten minutes of one already saved) is
answered with a 409 problem unless the request confirms the second copy: a double tap or a retry never
puts one session twice into the clinician report."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from .journal import dilator_body, make_set, ok, practice
from .people import Couple


def _at(minutes_ago: float) -> str:
    return (datetime.now(UTC) - timedelta(hours=2, minutes=minutes_ago)).isoformat()


async def _count(couple: Couple) -> int:
    page = await ok(couple.patient.get(practice(couple.space_id, "/entries?limit=100")))
    return len(page["items"])


async def test_a_near_identical_entry_asks_before_a_second_copy(couple: Couple) -> None:
    p, s = couple.patient, couple.space_id
    sizes = await make_set(p, s, ["1", "2"])
    body = dilator_body(sizes[0]["id"], when=_at(0), minutes=8, pain=None, anxiety=None)
    await ok(p.request("POST", practice(s, "/entries"), json=body), 201)

    again = await p.request("POST", practice(s, "/entries"), json={**body, "practised_at": _at(4)})
    assert again.status_code == 409, again.text
    assert again.headers["content-type"].startswith("application/problem+json")
    assert again.json()["status"] == 409 and "similar entry" in again.json()["detail"]
    assert await _count(couple) == 1

    confirmed = await ok(
        p.request("POST", practice(s, "/entries?confirm_duplicate=true"), json={**body, "practised_at": _at(4)}), 201
    )
    assert confirmed["pain"] is None and confirmed["anxiety"] is None
    assert await _count(couple) == 2


async def test_entries_that_differ_are_saved_without_asking(couple: Couple) -> None:
    p, s = couple.patient, couple.space_id
    sizes = await make_set(p, s, ["1", "2"])
    base = dilator_body(sizes[0]["id"], when=_at(0), minutes=8, pain=2, anxiety=3)
    await ok(p.request("POST", practice(s, "/entries"), json=base), 201)
    variants = [
        {**base, "practised_at": _at(11)},  # more than ten minutes apart
        {**base, "minutes": 9},
        {**base, "size_id": sizes[1]["id"]},
        {**base, "depth": "partly"},
        {**base, "pain": 3},
        {**base, "anxiety": None},
        {"kind": "breathing", "practised_at": _at(0), "minutes": 8},
    ]
    for variant in variants:
        await ok(p.request("POST", practice(s, "/entries"), json=variant), 201)
    assert await _count(couple) == 1 + len(variants)
    # Editing an entry never asks: it is the same entry.
    page = await ok(p.get(practice(s, "/entries?limit=1")))
    entry = page["items"][0]
    await ok(p.request("PUT", practice(s, f"/entries/{entry['id']}"), json=base))


async def test_two_identical_saves_at_the_same_moment_make_one_entry(couple: Couple) -> None:
    p, s = couple.patient, couple.space_id
    sizes = await make_set(p, s, ["1"])
    body = dilator_body(sizes[0]["id"], when=_at(0), minutes=6)
    answers = await asyncio.gather(*(p.request("POST", practice(s, "/entries"), json=body) for _ in range(2)))
    assert sorted(a.status_code for a in answers) == [201, 409]
    assert await _count(couple) == 1
