"""Boundaries for now: always visible to the partner, marked when changed, history for the author only."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from litestar import Litestar

from tandem.access.membership import member_by_seat
from tandem.boundaries.service import activities_off_limits
from tandem.core.db import make_engine

from .people import Couple
from .routes_boundaries import add_custom, set_boundaries


def base(couple: Couple) -> str:
    return f"/api/v1/spaces/{couple.space_id}"


def levels_of(overview: dict[str, Any], *, me: bool) -> dict[str, str]:
    member = next(m for m in overview["members"] if m["is_me"] is me)
    return {b["activity_id"]: b["level"] for b in member["boundaries"]}


def marked(overview: dict[str, Any]) -> set[str]:
    return {b["activity_id"] for m in overview["members"] for b in m["boundaries"] if b["changed_since_seen"]}


async def test_both_members_see_both_members_boundaries(couple: Couple) -> None:
    await set_boundaries(couple.patient, couple.space_id, kissing="welcome", penetration_fingers="not_now")
    await set_boundaries(couple.partner, couple.space_id, cuddling="ask_first")
    for person, own, other in (
        (couple.patient, {"kissing": "welcome", "penetration-fingers": "not_now"}, {"cuddling": "ask_first"}),
        (couple.partner, {"cuddling": "ask_first"}, {"kissing": "welcome", "penetration-fingers": "not_now"}),
    ):
        overview = (await person.get(f"{base(couple)}/boundaries")).json()
        assert overview["members"][0]["is_me"] is True
        assert levels_of(overview, me=True) == own
        assert levels_of(overview, me=False) == other
        assert {"holding-hands", "talking-about-sex"} <= {a["id"] for a in overview["activities"]}


async def test_changes_are_marked_until_looked_at(couple: Couple) -> None:
    await set_boundaries(couple.patient, couple.space_id, kissing="welcome")
    first = (await couple.partner.get(f"{base(couple)}/boundaries")).json()
    assert marked(first) == {"kissing"}
    assert first["changed_count"] == 1
    # Looking is a separate step: reading does not clear the mark by itself.
    assert marked((await couple.partner.get(f"{base(couple)}/boundaries")).json()) == {"kissing"}
    assert (await couple.partner.post(f"{base(couple)}/boundaries/seen")).status_code == 204
    assert marked((await couple.partner.get(f"{base(couple)}/boundaries")).json()) == set()
    await set_boundaries(couple.patient, couple.space_id, kissing="not_now", cuddling="welcome")
    again = (await couple.partner.get(f"{base(couple)}/boundaries")).json()
    assert marked(again) == {"kissing", "cuddling"}
    # Setting the same level again is no change at all.
    assert (await couple.partner.post(f"{base(couple)}/boundaries/seen")).status_code == 204
    await set_boundaries(couple.patient, couple.space_id, kissing="not_now")
    assert marked((await couple.partner.get(f"{base(couple)}/boundaries")).json()) == set()
    # One's own changes are never marked for oneself.
    assert marked((await couple.patient.get(f"{base(couple)}/boundaries")).json()) == set()


async def test_history_is_the_authors_own(couple: Couple) -> None:
    await set_boundaries(couple.patient, couple.space_id, kissing="welcome")
    await set_boundaries(couple.patient, couple.space_id, kissing="welcome")
    await set_boundaries(couple.patient, couple.space_id, kissing="ask_first")
    await set_boundaries(couple.partner, couple.space_id, cuddling="welcome")
    history = (await couple.patient.get(f"{base(couple)}/boundaries/history")).json()
    assert [(h["activity_id"], h["previous_level"], h["level"]) for h in history["items"]] == [
        ("kissing", "welcome", "ask_first"),
        ("kissing", None, "welcome"),
    ]
    assert history["items"][0]["activity_title"] == "Kissing"
    first = (await couple.patient.get(f"{base(couple)}/boundaries/history", params={"limit": 1})).json()
    rest = (
        await couple.patient.get(
            f"{base(couple)}/boundaries/history", params={"limit": 1, "cursor": first["next_cursor"]}
        )
    ).json()
    assert [h["id"] for h in first["items"] + rest["items"]] == [h["id"] for h in history["items"]]
    theirs = (await couple.partner.get(f"{base(couple)}/boundaries/history")).json()
    assert [h["activity_id"] for h in theirs["items"]] == ["cuddling"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"changes": []}, "changes"),
        ({"changes": [{"activity_id": "kissing", "level": "welcome"}] * 101}, "changes"),
        ({"changes": [{"activity_id": "teleporting", "level": "welcome"}]}, "activity_id"),
        ({"changes": [{"activity_id": "kissing", "level": "sometimes"}]}, "level"),
        ({"changes": [{"activity_id": "x" * 81, "level": "welcome"}]}, "activity_id"),
        ({"changes": [{"activity_id": "kissing", "level": "welcome", "why": "no"}]}, "why"),
    ],
)
async def test_boundary_changes_are_checked(couple: Couple, body: dict[str, Any], field: str) -> None:
    response = await couple.patient.patch(f"{base(couple)}/boundaries", json=body)
    assert response.status_code == 400, response.text
    named = [e["field"] for e in response.json()["errors"]]
    assert any(name == field or name.endswith(f".{field}") for name in named), named


async def test_custom_activities_share_their_name_and_keep_their_note(couple: Couple) -> None:
    made = await add_custom(couple.patient, couple.space_id, "  Slow dancing ", note="only at home")
    assert made["title"] == "Slow dancing"
    listed = (await couple.partner.get(f"{base(couple)}/custom-activities")).json()
    assert listed == [{"view": "partners", "id": made["id"], "title": "Slow dancing", "created_at": made["created_at"]}]
    assert "only at home" not in str((await couple.partner.get(f"{base(couple)}/boundaries")).json())
    # Either member may set a boundary on it.
    await set_boundaries(couple.partner, couple.space_id, **{made["id"]: "ask_first"})
    await set_boundaries(couple.patient, couple.space_id, **{made["id"]: "welcome"})
    path = f"{base(couple)}/custom-activities/{made['id']}"
    assert (await couple.partner.patch(path, json={"title": "Mine now"})).status_code == 404
    renamed = await couple.patient.patch(path, json={"title": "Dancing"})
    assert renamed.json()["note"] == "only at home"
    assert (await couple.partner.delete(path)).status_code == 404
    assert (await couple.patient.delete(path)).status_code == 204
    overview = (await couple.partner.get(f"{base(couple)}/boundaries")).json()
    assert made["id"] not in {a["id"] for a in overview["activities"]}
    assert made["id"] not in levels_of(overview, me=True)
    history = (await couple.partner.get(f"{base(couple)}/boundaries/history")).json()
    assert history["items"][0]["activity_title"] == "An activity that was removed"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"title": ""}, "title"),
        ({"title": "   "}, "title"),
        ({"title": "x" * 81}, "title"),
        ({"title": "ok", "note": "x" * 501}, "note"),
        ({"title": "bad\u0000"}, "title"),
        ({"title": "ok", "kind": "physical"}, "kind"),
    ],
)
async def test_custom_activity_fields_are_checked(couple: Couple, body: dict[str, Any], field: str) -> None:
    response = await couple.patient.post(f"{base(couple)}/custom-activities", json=body)
    assert response.status_code == 400, response.text
    assert response.json()["errors"][0]["field"] == field


async def test_a_space_has_a_bounded_number_of_own_activities(couple: Couple) -> None:
    for i in range(50):
        await add_custom(couple.patient if i % 2 else couple.partner, couple.space_id, f"Activity {i}")
    refused = await couple.patient.post(f"{base(couple)}/custom-activities", json={"title": "One more"})
    assert refused.status_code == 409


async def test_off_limits_still_lists_either_current_members_not_now(
    app: Litestar, couple: Couple, database_url: str
) -> None:
    import uuid

    from sqlalchemy.ext.asyncio import AsyncSession

    await set_boundaries(couple.patient, couple.space_id, oral_sex="not_now", kissing="welcome")
    await set_boundaries(couple.partner, couple.space_id, massage_unclothed="not_now")
    engine = make_engine(database_url)
    patient, space = uuid.UUID(couple.patient.id), uuid.UUID(couple.space_id)
    try:
        async with AsyncSession(engine) as db:
            member = await member_by_seat(db, patient, space)
            assert member is not None
            assert await activities_off_limits(db, member) == {"oral-sex", "massage-unclothed"}
        assert (await couple.partner.post(f"{base(couple)}/leave")).status_code == 204
        async with AsyncSession(engine) as db:
            member = await member_by_seat(db, patient, space)
            assert member is not None
            assert await activities_off_limits(db, member) == {"oral-sex"}
    finally:
        await engine.dispose()


async def test_concurrent_changes_lose_nothing(couple: Couple) -> None:
    """Both members, and one member from two devices, changing boundaries at the same moment."""
    activities = ["kissing", "cuddling", "holding-hands", "massage-clothed"]
    levels = ["welcome", "ask_first", "not_now"]
    calls = [
        set_boundaries(person, couple.space_id, **{a.replace("-", "_"): levels[(i + j) % 3]})
        for i, a in enumerate(activities)
        for j, person in enumerate((couple.patient, couple.partner, couple.patient))
    ]
    await asyncio.gather(*calls)
    overview = (await couple.patient.get(f"{base(couple)}/boundaries")).json()
    assert set(levels_of(overview, me=True)) == set(activities)
    assert set(levels_of(overview, me=False)) == set(activities)
    # Several activities per request, in opposite orders, from both of one member's devices at once.
    forwards = {a.replace("-", "_"): "welcome" for a in activities}
    backwards = {a.replace("-", "_"): "not_now" for a in reversed(activities)}
    await asyncio.gather(
        set_boundaries(couple.patient, couple.space_id, **forwards),
        set_boundaries(couple.patient, couple.space_id, **backwards),
    )
    final = levels_of((await couple.patient.get(f"{base(couple)}/boundaries")).json(), me=True)
    assert len(set(final.values())) == 1, final
    history = (await couple.patient.get(f"{base(couple)}/boundaries/history", params={"limit": 100})).json()
    # Every change the patient made that differed from the level before it is in the history, once.
    assert len(history["items"]) >= len(activities)
