"""Check-ins: the author's journal, the partner's view of shared ones, acknowledgements, history and moods."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import pytest
from litestar import Litestar

from tandem.checkins.service import read_feelings, sync_feelings
from tandem.core.catalog import CatalogError

from .people import Couple, make_couple
from .routes_boundaries import set_boundaries
from .routes_checkins import checkin_body, create_checkin


def base(couple: Couple) -> str:
    return f"/api/v1/spaces/{couple.space_id}/checkins"


async def test_a_new_check_in_is_private_unless_shared_on_the_form(couple: Couple) -> None:
    private = await create_checkin(couple.patient, couple.space_id, note="only mine", own_words=["wobbly"])
    assert private["view"] == "mine"
    assert private["visibility"] == "private"
    assert [f["id"] for f in private["feelings"]] == ["hopeful", "tired"]
    assert private["own_words"] == ["wobbly"]
    shared = await create_checkin(couple.patient, couple.space_id, visibility="shared", help_from_you="a walk")

    seen = (await couple.partner.get(base(couple))).json()
    assert [item["id"] for item in seen["items"]] == [shared["id"]]
    assert seen["items"][0]["view"] == "partners"
    assert seen["items"][0]["help_from_you"] == "a walk"
    assert "visibility" not in seen["items"][0]
    assert (await couple.partner.get(f"{base(couple)}/{private['id']}")).status_code == 404
    assert (await couple.partner.get(f"{base(couple)}/{shared['id']}")).status_code == 200
    mine = (await couple.patient.get(base(couple))).json()
    assert [item["id"] for item in mine["items"]] == [shared["id"], private["id"]]


async def test_unsharing_hides_it_at_once_and_sharing_later_shows_it(couple: Couple) -> None:
    shared = await create_checkin(couple.patient, couple.space_id, visibility="shared")
    path = f"{base(couple)}/{shared['id']}"
    assert (await couple.partner.get(path)).status_code == 200
    changed = await couple.patient.patch(path, json={"visibility": "private"})
    assert changed.status_code == 200
    assert changed.json()["visibility"] == "private"
    assert (await couple.partner.get(path)).status_code == 404
    assert (await couple.partner.get(base(couple))).json()["items"] == []
    assert (await couple.partner.patch(path, json={"visibility": "shared"})).status_code == 404
    assert (await couple.patient.patch(path, json={"visibility": "shared"})).status_code == 200
    assert (await couple.partner.get(path)).status_code == 200


async def test_only_the_author_deletes_a_check_in(couple: Couple) -> None:
    shared = await create_checkin(couple.patient, couple.space_id, visibility="shared")
    path = f"{base(couple)}/{shared['id']}"
    assert (await couple.partner.delete(path)).status_code == 404
    assert (await couple.patient.delete(path)).status_code == 204
    assert (await couple.patient.get(path)).status_code == 404


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"mood": 0}, "mood"),
        ({"mood": 6}, "mood"),
        ({"mood": "low"}, "mood"),
        ({"closeness": "lots"}, "closeness"),
        ({"feelings": ["not-a-feeling"]}, "feelings"),
        ({"feelings": ["hopeful"] * 13}, "feelings"),
        ({"own_words": ["a", "b", "c", "d"]}, "own_words"),
        ({"own_words": ["x" * 49]}, "own_words"),
        ({"own_words": ["   "]}, "own_words"),
        ({"own_words": ["new\nline"]}, "own_words"),
        ({"help_from_you": "x" * 281}, "help_from_you"),
        ({"note": "x" * 2001}, "note"),
        ({"note": "nul \u0000 here"}, "note"),
        ({"visibility": "everyone"}, "visibility"),
        ({"boundaries": [{"activity_id": "flying", "level": "welcome"}]}, "activity_id"),
        ({"boundaries": [{"activity_id": "kissing", "level": "maybe"}]}, "level"),
        ({"author_id": "00000000-0000-0000-0000-000000000000"}, "author_id"),
    ],
)
async def test_every_field_is_checked(couple: Couple, change: dict[str, Any], field: str) -> None:
    response = await couple.patient.post(base(couple), json={**checkin_body(), **change})
    assert response.status_code == 400, response.text
    # Items of lists are named by position: "own_words[0]", "boundaries[0].level".
    named = [e["field"] for e in response.json()["errors"]]
    assert any(name.split("[")[0] == field or name.endswith(f".{field}") for name in named), named
    assert (await couple.patient.get(base(couple))).json()["items"] == []


async def test_missing_fields_and_own_words_are_tidied(couple: Couple) -> None:
    missing = await couple.patient.post(base(couple), json={"mood": 3})
    assert missing.status_code == 400
    assert missing.json()["errors"][0]["field"] == "closeness"
    tidy = await create_checkin(
        couple.patient, couple.space_id, own_words=[" Brave ", "brave", "soft"], feelings=["calm" * 0 + "safe", "safe"]
    )
    assert tidy["own_words"] == ["Brave", "soft"]
    assert [f["id"] for f in tidy["feelings"]] == ["safe"]


async def test_history_pages_newest_first_with_a_cursor(couple: Couple) -> None:
    made = [await create_checkin(couple.patient, couple.space_id, mood=m % 5 + 1) for m in range(5)]
    seen: list[str] = []
    cursor = None
    while True:
        params: dict[str, Any] = {"limit": 2}
        if cursor:
            params["cursor"] = cursor
        page = (await couple.patient.get(base(couple), params=params)).json()
        seen += [item["id"] for item in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == [c["id"] for c in reversed(made)]
    bad = await couple.patient.get(base(couple), params={"cursor": "not-a-cursor"})
    assert bad.status_code == 400
    assert bad.json()["errors"][0]["field"] == "cursor"


async def test_the_partner_pages_through_shared_ones_only(couple: Couple) -> None:
    shared = []
    for i in range(6):
        made = await create_checkin(couple.patient, couple.space_id, visibility="shared" if i % 2 else "private")
        if i % 2:
            shared.append(made["id"])
    first = (await couple.partner.get(base(couple), params={"limit": 2})).json()
    second = (await couple.partner.get(base(couple), params={"limit": 2, "cursor": first["next_cursor"]})).json()
    assert [i["id"] for i in first["items"] + second["items"]] == list(reversed(shared))
    assert second["next_cursor"] is None


async def test_the_mood_chart_is_only_ever_mine(couple: Couple) -> None:
    await create_checkin(couple.patient, couple.space_id, mood=2, visibility="shared")
    await create_checkin(couple.patient, couple.space_id, mood=4)
    await create_checkin(couple.partner, couple.space_id, mood=5, visibility="shared")
    mine = (await couple.patient.get(f"{base(couple)}/mood")).json()
    assert [p["mood"] for p in mine] == [2, 4]
    theirs = (await couple.partner.get(f"{base(couple)}/mood", params={"days": 7})).json()
    assert [p["mood"] for p in theirs] == [5]
    for days in (6, 367):
        refused = await couple.patient.get(f"{base(couple)}/mood", params={"days": days})
        assert refused.status_code == 400
        assert refused.json()["errors"][0]["field"] == "days"


async def test_acknowledgements_come_from_a_fixed_set_one_per_partner(couple: Couple) -> None:
    shared = await create_checkin(couple.patient, couple.space_id, visibility="shared")
    path = f"{base(couple)}/{shared['id']}/acknowledgement"
    first = await couple.partner.request("PUT", path, json={"kind": "hear_you"})
    assert first.status_code == 200
    assert first.json()["my_acknowledgement"]["kind"] == "hear_you"
    again = await couple.partner.request("PUT", path, json={"kind": "hug", "reply": "Here whenever you want."})
    assert again.json()["my_acknowledgement"] == {**again.json()["my_acknowledgement"], "kind": "hug"}
    seen = (await couple.patient.get(f"{base(couple)}/{shared['id']}")).json()
    assert seen["acknowledgement"]["kind"] == "hug"
    assert seen["acknowledgement"]["reply"] == "Here whenever you want."

    assert (await couple.patient.request("PUT", path, json={"kind": "hug"})).status_code == 409
    for body, field in (({"kind": "whatever"}, "kind"), ({"kind": "hug", "reply": "x" * 281}, "reply")):
        refused = await couple.partner.request("PUT", path, json=body)
        assert refused.status_code == 400
        assert refused.json()["errors"][0]["field"] == field
    private = await create_checkin(couple.patient, couple.space_id)
    hidden = await couple.partner.request(
        "PUT", f"{base(couple)}/{private['id']}/acknowledgement", json={"kind": "hug"}
    )
    assert hidden.status_code == 404


async def test_a_check_in_can_carry_boundaries_and_keeps_that_history_private(couple: Couple) -> None:
    made = await create_checkin(
        couple.patient,
        couple.space_id,
        boundaries=[{"activity_id": "kissing", "level": "ask_first"}, {"activity_id": "cuddling", "level": "welcome"}],
    )
    assert {c["activity_id"] for c in made["boundary_changes"]} == {"kissing", "cuddling"}
    # Boundaries are always visible to the partner, even from a private check-in...
    overview = (await couple.partner.get(f"/api/v1/spaces/{couple.space_id}/boundaries")).json()
    theirs = next(m for m in overview["members"] if not m["is_me"])
    assert {b["activity_id"]: b["level"] for b in theirs["boundaries"]} == {
        "kissing": "ask_first",
        "cuddling": "welcome",
    }
    # ...but not which check-in they came with, nor the history.
    assert made["id"] not in str(overview)
    partner_history = (await couple.partner.get(f"/api/v1/spaces/{couple.space_id}/boundaries/history")).json()
    assert partner_history["items"] == []
    own_history = (await couple.patient.get(f"/api/v1/spaces/{couple.space_id}/boundaries/history")).json()
    assert {h["checkin_id"] for h in own_history["items"]} == {made["id"]}


async def test_feelings_come_grouped_by_family(couple: Couple) -> None:
    families = (await couple.patient.get("/api/v1/feelings")).json()
    ids = [family["id"] for family in families]
    assert {"calm", "hopeful", "tender", "anxious", "frustrated", "ashamed", "sad", "tired"} <= set(ids)
    assert all(word["family"] == family["id"] for family in families for word in family["words"])


async def test_a_former_partner_sees_nothing(app: Litestar) -> None:
    couple = await make_couple(app)
    shared = await create_checkin(couple.patient, couple.space_id, visibility="shared")
    theirs = await create_checkin(couple.partner, couple.space_id, visibility="shared")
    assert (await couple.partner.post(f"/api/v1/spaces/{couple.space_id}/leave")).status_code == 204
    assert (await couple.partner.get(f"{base(couple)}/{shared['id']}")).status_code == 404
    # What a former partner shared stays theirs (in their export) and is no longer shown in the space.
    assert [i["id"] for i in (await couple.patient.get(base(couple))).json()["items"]] == [shared["id"]]
    export = (await couple.partner.get("/api/v1/me/export")).json()
    assert [c["id"] for c in export["records"]["checkins"]["authored"]] == [theirs["id"]]
    assert export["records"]["checkins"]["shared_with_me"] == []


async def test_deleting_an_account_deletes_what_its_owner_wrote(app: Litestar, database_url: str) -> None:
    from sqlalchemy import func, select

    from tandem.checkins.models import Acknowledgement, CheckIn
    from tandem.core.db import make_engine

    couple = await make_couple(app)
    kept = await create_checkin(couple.patient, couple.space_id, visibility="shared")
    await create_checkin(couple.partner, couple.space_id, note="mine, to be erased")
    ack = f"{base(couple)}/{kept['id']}/acknowledgement"
    assert (await couple.partner.request("PUT", ack, json={"kind": "hug"})).status_code == 200
    await set_boundaries(couple.partner, couple.space_id, kissing="not_now")
    deleted = await couple.partner.delete("/api/v1/me", json={"password": couple.partner.password})
    assert deleted.status_code == 204
    engine = make_engine(database_url)
    try:
        async with engine.connect() as connection:
            for model in (CheckIn, Acknowledgement):
                count = await connection.scalar(
                    select(func.count()).select_from(model).where(model.author_id == uuid.UUID(couple.partner.id))
                )
                assert count == 0, model
    finally:
        await engine.dispose()
    seen = (await couple.patient.get(f"{base(couple)}/{kept['id']}")).json()
    assert seen["acknowledgement"] is None


def test_the_feelings_vocabulary_is_valid(tmp_path: Path) -> None:
    catalog = read_feelings()
    words = [w.id for family in catalog.items for w in family.words]
    assert len(words) == len(set(words)) >= 30
    assert all(len(family.words) >= 3 for family in catalog.items)
    repeated = tmp_path / "feelings.yaml"
    repeated.write_text(
        "version: 1\nitems:\n  - {id: calm, title: Calm, words: [{id: safe, word: safe}]}\n"
        "  - {id: tender, title: Tender, words: [{id: safe, word: safe}]}\n"
    )
    with pytest.raises(CatalogError, match="repeated word ids"):
        read_feelings(repeated)


async def test_syncing_the_feelings_twice_changes_nothing(database_url: str) -> None:
    from sqlalchemy.ext.asyncio import AsyncSession

    from tandem.core.db import make_engine

    engine = make_engine(database_url)
    try:
        async with AsyncSession(engine) as db, db.begin():
            await sync_feelings(db)
            again = await sync_feelings(db)
            assert (again.added, again.updated, again.retired) == (0, 0, 0)
    finally:
        await engine.dispose()
