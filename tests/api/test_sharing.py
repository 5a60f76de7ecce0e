"""What I share now, and stopping all of it in one step: the overview's contents, the counts and idempotency."""

from __future__ import annotations

import pytest
from litestar import Litestar

from .people import Couple, Person
from .plans_support import url
from .problems import assert_bad
from .routes_clinician import link_body, links
from .sharing_support import Everything, overview, share_everything, stop_sharing

STOPPED_KINDS = {
    "checkins",
    "summaries",
    "reflections",
    "calendar_feed",
    "clinician_links",
    "waiting_answers",
    "other_sessions",
}


@pytest.fixture
async def shared(app: Litestar, pair: Couple) -> tuple[Couple, Everything]:
    return pair, await share_everything(app, pair)


async def test_the_overview_lists_what_the_member_shares_and_nothing_of_the_partners(
    shared: tuple[Couple, Everything],
) -> None:
    couple, made = shared
    mine = await overview(couple.patient, couple.space_id)
    assert [i["id"] for i in mine["checkins"]] == made.checkin_ids
    assert [i["id"] for i in mine["summaries"]] == made.summary_ids
    assert [i["id"] for i in mine["reflections"]] == made.plan_ids
    assert [i["id"] for i in mine["answered_prompts"]] == made.conversation_ids
    assert [i["id"] for i in mine["plans"]] == made.plan_ids
    assert len(mine["calendar_feed"]) == 1
    assert [i["label"] for i in mine["boundaries"]] == ["Your boundaries for 2 activities"]
    assert len(mine["waiting_answers"]) == 2
    assert all(i["can_stop"] for k in ("checkins", "summaries", "reflections", "calendar_feed") for i in mine[k])
    assert not any(i["can_stop"] for k in ("boundaries", "plans", "waiting_answers") for i in mine[k])
    # The partner's overview holds only the partner's own shared check-in and their answer.
    theirs = await overview(couple.partner, couple.space_id)
    assert len(theirs["checkins"]) == 1 and theirs["checkins"][0]["id"] not in made.checkin_ids
    assert theirs["summaries"] == [] and theirs["reflections"] == [] and theirs["calendar_feed"] == []
    # The partner sits only in the conversation they started (not in the patient's together round).
    assert len(theirs["waiting_answers"]) == 1


async def test_stopping_counts_each_kind_and_a_second_call_counts_zero(
    app: Litestar, shared: tuple[Couple, Everything]
) -> None:
    couple, _ = shared
    elsewhere = Person(app, email=couple.patient.email)
    assert (await elsewhere.log_in()).status_code == 200
    link = await couple.patient.post(links(couple.space_id), json=link_body())
    assert link.status_code == 201, link.text
    first = await stop_sharing(couple.patient, couple.space_id)
    assert first.status_code == 200, first.text
    assert first.json() == {
        "stopped": {
            "checkins": 1,
            "summaries": 1,
            "reflections": 1,
            "calendar_feed": 1,
            "clinician_links": 1,
            "waiting_answers": 2,
            "other_sessions": 1,
            "boundaries": 0,
        },
        "left_space": False,
    }
    second = await stop_sharing(couple.patient, couple.space_id)
    assert second.status_code == 200
    assert set(second.json()["stopped"]) == STOPPED_KINDS | {"boundaries"}
    assert all(count == 0 for count in second.json()["stopped"].values())
    # The other browser is signed out; this one still works.
    assert (await elsewhere.get("/api/v1/me")).status_code == 401
    assert (await couple.patient.get("/api/v1/me")).status_code == 200
    after = await overview(couple.patient, couple.space_id)
    for kind in ("checkins", "summaries", "reflections", "calendar_feed", "waiting_answers"):
        assert after[kind] == [], kind
    # Kept by design: boundaries (not asked to clear), revealed answers, plans, space content.
    assert len(after["boundaries"]) == 1 and after["answered_prompts"] and after["plans"]


async def test_after_stopping_the_partner_gets_404_and_empty_lists(shared: tuple[Couple, Everything]) -> None:
    couple, made = shared
    assert (await stop_sharing(couple.patient, couple.space_id)).status_code == 200
    partner = couple.partner
    assert (await partner.get(url(couple, f"/checkins/{made.checkin_ids[0]}"))).status_code == 404
    assert (await partner.get(url(couple, f"/summaries/{made.summary_ids[0]}"))).status_code == 404
    assert (await partner.get(url(couple, "/summaries"))).json()["items"] == []
    plan = (await partner.get(url(couple, f"/plans/{made.plan_ids[0]}"))).json()
    assert plan["partner_reflection"] is None
    listed = (await partner.get(url(couple, "/checkins"))).json()["items"]
    assert [c["id"] for c in listed if c["id"] in made.checkin_ids] == []
    # The old feed address stops working at once.
    assert (await partner.get(made.feed_path)).status_code == 404


async def test_waiting_rounds_are_called_off_and_the_members_answers_deleted(
    shared: tuple[Couple, Everything],
) -> None:
    couple, made = shared
    assert (await stop_sharing(couple.patient, couple.space_id)).status_code == 200
    for who in (couple.patient, couple.partner):
        round_view = (await who.get(url(couple, f"/together/{made.together_round_id}"))).json()
        assert round_view["state"] == "cancelled"
        assert not any(s["user_id"] == couple.patient.id for s in round_view["seats"])
        assert round_view["mine"] is None and round_view["partners"] is None
        talk = (await who.get(url(couple, f"/conversations/{made.waiting_conversation_id}"))).json()
        assert talk["state"] == "cancelled"
        assert talk["my_answer"] is None and talk["partners_answer"] is None
    # The patient's answer is gone from their own journal too (deleted, not hidden).
    mine = (await couple.patient.get(url(couple, "/checkins"))).json()["items"]
    assert not any(c["together"] for c in mine)


async def test_clearing_boundaries_and_leaving_in_the_same_step(shared: tuple[Couple, Everything]) -> None:
    couple, _ = shared
    response = await stop_sharing(couple.patient, couple.space_id, clear_boundaries=True, leave_space=True)
    assert response.status_code == 200, response.text
    assert response.json()["stopped"]["boundaries"] == 2  # welcome and not now both become ask first
    assert response.json()["left_space"] is True
    assert (await couple.patient.get(url(couple, ""))).status_code == 404
    assert (await couple.partner.get(url(couple, "/checkins"))).status_code == 200


async def test_clearing_sets_every_boundary_to_ask_first(shared: tuple[Couple, Everything]) -> None:
    couple, _ = shared
    response = await stop_sharing(couple.patient, couple.space_id, clear_boundaries=True)
    assert response.json()["stopped"]["boundaries"] == 2
    seen = (await couple.partner.get(url(couple, "/boundaries"))).json()
    patients = next(m for m in seen["members"] if not m["is_me"])
    assert {b["level"] for b in patients["boundaries"]} == {"ask_first"}
    assert (await stop_sharing(couple.patient, couple.space_id, clear_boundaries=True)).json()["stopped"][
        "boundaries"
    ] == 0


async def test_the_partners_own_sharing_is_untouched(shared: tuple[Couple, Everything]) -> None:
    couple, _ = shared
    before = await overview(couple.partner, couple.space_id)
    assert (await stop_sharing(couple.patient, couple.space_id)).status_code == 200
    after = await overview(couple.partner, couple.space_id)
    assert after["checkins"] == before["checkins"]


async def test_a_bad_body_is_a_clear_400(couple: Couple) -> None:
    url_ = f"/api/v1/spaces/{couple.space_id}/stop-sharing"
    await assert_bad(couple.patient.post(url_, json={"leave_space": "yes"}), "leave_space")
    unknown = await couple.patient.post(url_, json={"leave": True})
    assert unknown.status_code == 400, unknown.text
