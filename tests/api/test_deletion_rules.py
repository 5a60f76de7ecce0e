"""What a person wrote is theirs until they delete it or their account (both databases).

One test per rule: a plan outlives the idea it came from and the partner who left; discarding a
conversation removes only your own answer; a former member's records outlive the space's last
member; a reaction outlives the summary it answered, as it outlives a withdrawal.
"""

from __future__ import annotations

import uuid
from typing import Any

from litestar import Litestar
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from tandem.spaces.models import Space

from .ideas_support import ensure_library, move_plan_into_the_past, rate, with_db
from .journal import draft, ok, publish, shared, withdraw
from .people import PASSWORD, Couple, make_couple
from .routes_checkins import create_checkin
from .routes_ideas import custom_idea_body


def space_url(couple: Couple, rest: str) -> str:
    return f"/api/v1/spaces/{couple.space_id}{rest}"


async def custom_match(couple: Couple, title: str) -> str:
    body: dict[str, Any] = {**custom_idea_body(None, None), "title": title}  # type: ignore[arg-type]
    idea = await ok(couple.patient.post(space_url(couple, "/custom-ideas"), json=body), 201)
    for person in (couple.patient, couple.partner):
        assert await rate(person, couple.space_id, idea["id"], "yes") == 200
    return str(idea["id"])


async def export_of(person: Any) -> dict[str, Any]:
    records: dict[str, Any] = (await ok(person.get("/api/v1/me/export")))["records"]
    return records


async def space_exists(app: Litestar, space_id: str) -> bool:
    async def look(db: AsyncSession) -> bool:
        return await db.scalar(select(Space.id).where(Space.id == uuid.UUID(space_id))) is not None

    return await with_db(app, look)


async def test_a_plan_and_the_partners_reflection_outlive_the_custom_idea(app: Litestar) -> None:
    await ensure_library(app)
    couple = await make_couple(app)
    idea_id = await custom_match(couple, "Stargazing on the roof")
    plan = await ok(couple.patient.post(space_url(couple, "/plans"), json={"idea_id": idea_id}), 201)
    plan_url = space_url(couple, f"/plans/{plan['id']}")
    await ok(couple.partner.post(plan_url + "/accept"))
    await move_plan_into_the_past(app, plan["id"])
    reflection = {"feeling": "close", "comfort": 8, "note": "The partner's own words.", "shared": True}
    await ok(couple.partner.request("PUT", plan_url + "/reflection", json=reflection))

    assert (await couple.patient.delete(space_url(couple, f"/custom-ideas/{idea_id}"))).status_code == 204

    for person in (couple.patient, couple.partner):
        kept = await ok(person.get(plan_url))
        assert kept["idea"]["title"] == "Stargazing on the roof"
    assert (await ok(couple.patient.get(plan_url)))["partner_reflection"]["note"] == "The partner's own words."
    exported = (await export_of(couple.partner))["plans"]["authored"]["reflections"]
    assert [r["note"] for r in exported] == ["The partner's own words."]


async def test_a_plan_proposed_to_a_partner_who_deletes_their_account_stays_with_its_author(app: Litestar) -> None:
    await ensure_library(app)
    couple = await make_couple(app)
    idea_id = await custom_match(couple, "Breakfast in the garden")
    plan = await ok(couple.patient.post(space_url(couple, "/plans"), json={"idea_id": idea_id, "note": "Sunday?"}), 201)
    assert (await couple.partner.request("DELETE", "/api/v1/me", json={"password": PASSWORD})).status_code == 204

    kept = await ok(couple.patient.get(space_url(couple, f"/plans/{plan['id']}")))
    assert (kept["note"], kept["idea"]["title"]) == ("Sunday?", "Breakfast in the garden")
    listed = await ok(couple.patient.get(space_url(couple, "/plans"), params={"when": "all"}))
    assert [p["id"] for p in listed["items"]] == [plan["id"]]
    exported = (await export_of(couple.patient))["plans"]["authored"]["plans"]
    assert [p["id"] for p in exported] == [plan["id"]]
    # No name is attached: nothing in the plan points at the person who left.
    assert couple.partner.id not in str(kept) and couple.partner.display_name not in str(kept)


async def test_discarding_a_revealed_conversation_removes_only_your_own_answer(app: Litestar) -> None:
    couple = await make_couple(app)
    prompts = await ok(couple.patient.get(space_url(couple, "/prompts"), params={"limit": 1}))
    prompt_id = (prompts["items"] if isinstance(prompts, dict) else prompts)[0]["id"]
    started = await ok(couple.patient.post(space_url(couple, "/conversations"), json={"prompt_id": prompt_id}), 201)
    path = space_url(couple, f"/conversations/{started['id']}")
    await ok(couple.patient.post(path + "/answer", json={"text": "The patient's answer."}))
    await ok(couple.partner.post(path + "/answer", json={"text": "The partner's answer."}))

    assert (await couple.patient.delete(path)).status_code == 204

    seen = await ok(couple.partner.get(path))
    assert seen["my_answer"]["text"] == "The partner's answer."
    assert seen["partners_answer"] is None
    answers = (await export_of(couple.partner))["conversation_answers"]["authored"]
    assert [a["text"] for a in answers] == ["The partner's answer."]
    assert "The patient's answer." not in str(await export_of(couple.patient))


async def test_a_former_members_records_outlive_the_last_member_leaving(app: Litestar) -> None:
    couple = await make_couple(app)
    mine = await create_checkin(couple.partner, couple.space_id, note="Written by the partner.")
    assert (await couple.partner.post(space_url(couple, "/leave"))).status_code == 204
    assert (await couple.patient.post(space_url(couple, "/leave"))).status_code == 204

    exported = (await export_of(couple.partner))["checkins"]["authored"]
    assert [c["id"] for c in exported] == [mine["id"]]
    # Nobody else can read them: the space has no members, and its old address answers 404.
    assert (await couple.patient.get(space_url(couple, f"/checkins/{mine['id']}"))).status_code == 404
    assert "Written by the partner." not in str(await export_of(couple.patient))
    assert await space_exists(app, couple.space_id)

    # Once the last author deletes their account, nothing is left and the empty space goes too.
    assert (await couple.partner.request("DELETE", "/api/v1/me", json={"password": PASSWORD})).status_code == 204
    assert (await couple.patient.request("DELETE", "/api/v1/me", json={"password": PASSWORD})).status_code == 204
    assert not await space_exists(app, couple.space_id)


async def test_a_reaction_outlives_a_deleted_summary_as_it_outlives_a_withdrawn_one(app: Litestar) -> None:
    couple = await make_couple(app)
    p, q, s = couple.patient, couple.partner, couple.space_id
    withdrawn, deleted = await draft(p, s), await draft(p, s, days=14)
    for summary, kind in ((withdrawn, "proud-of-you"), (deleted, "here-for-you")):
        await publish(p, s, summary["id"])
        await ok(q.request("PUT", shared(s, f"/{summary['id']}/reaction"), json={"kind": kind}))
    await withdraw(p, s, withdrawn["id"])
    assert (await p.delete(f"/api/v1/spaces/{s}/practice/summaries/{deleted['id']}")).status_code == 204

    given = (await export_of(q))["summaries"]["authored"]["reactions"]
    assert sorted((r["kind"], r["summary_id"]) for r in given) == [("here-for-you", None), ("proud-of-you", None)]
