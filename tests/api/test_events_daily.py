"""Live events of the daily loop: summaries, joining and leaving, new mutual matches and plans.

Each event is content-free and goes only where the partner could read the change anyway. "No event"
is shown without waiting on a clock: after the private action a known public signal is sent, and the
partner's stream must hold that signal and nothing before it (a stream delivers in order).
"""

from __future__ import annotations

import pytest
from litestar import Litestar

from .ideas_support import ensure_library, gentle_ideas, library, rate
from .journal import ago, draft, log, publish, set_message, shared, withdraw
from .people import Couple, Person, make_couple
from .plans_support import act, propose, soon, url
from .streams import StreamReader


@pytest.fixture
async def pair(live_app: Litestar) -> Couple:
    await ensure_library(live_app)
    return await make_couple(live_app)


def events_path(space_id: str) -> str:
    return f"/api/v1/spaces/{space_id}/events"


def signals(stream: StreamReader) -> list[tuple[str, str]]:
    return [(e.event, e.data["change"]) for e in stream.events() if e.event != "ready"]


async def sentinel(couple: Couple, person: Person) -> None:
    """A public signal the partner may see: the daily question's depth (set to what it already is)."""
    response = await person.request("PUT", url(couple, "/today/depth"), json={"depth": "light"})
    assert response.status_code == 200, response.text


async def only_the_sentinel_arrives(stream: StreamReader) -> None:
    assert await stream.wait_for(lambda s: ("conversation", "today") in signals(s))
    assert signals(stream) == [("conversation", "today")]


async def test_summary_published_edited_and_withdrawn_arrive_without_content(live_app: Litestar, pair: Couple) -> None:
    p, s = pair.patient, pair.space_id
    await log(p, s, {"kind": "breathing", "practised_at": ago(days=1), "minutes": 10})
    async with StreamReader(live_app, pair.partner, events_path(s)) as partner_stream:
        secret = "MARKER-SUMMARY-MESSAGE"
        summary = await draft(p, s)
        # Drafting and changing a draft are the patient's own: nothing travels.
        await set_message(p, s, summary["id"], secret)
        await sentinel(pair, p)
        await only_the_sentinel_arrives(partner_stream)

        await publish(p, s, summary["id"])
        assert await partner_stream.wait_for(lambda st: ("summary", "published") in signals(st))
        await set_message(p, s, summary["id"], secret + "-2")
        assert await partner_stream.wait_for(lambda st: ("summary", "edited") in signals(st))
        await withdraw(p, s, summary["id"])
        assert await partner_stream.wait_for(lambda st: ("summary", "withdrawn") in signals(st))
        assert secret not in partner_stream.text
        # Each signal names the summary and no more than the partner's refetch shows: it is gone.
        assert {e.data["id"] for e in partner_stream.events() if e.event == "summary"} == {summary["id"]}
        assert (await pair.partner.get(shared(s, f"/{summary['id']}"))).status_code == 404


async def test_deleting_a_shared_summary_is_a_withdrawal_for_the_partner(live_app: Litestar, pair: Couple) -> None:
    p, s = pair.patient, pair.space_id
    await log(p, s, {"kind": "breathing", "practised_at": ago(days=1), "minutes": 10})
    summary = await draft(p, s)
    await publish(p, s, summary["id"])
    async with StreamReader(live_app, pair.partner, events_path(s)) as partner_stream:
        deleted = await p.delete(f"/api/v1/spaces/{s}/practice/summaries/{summary['id']}")
        assert deleted.status_code == 204
        assert await partner_stream.wait_for(lambda st: ("summary", "withdrawn") in signals(st))


async def test_a_partner_joining_and_leaving_is_live(live_app: Litestar) -> None:
    patient = await Person(live_app, display_name="Robin").sign_up()
    space = await patient.create_space("patient")
    invitation = await patient.invite(space["id"])
    async with StreamReader(live_app, patient, events_path(space["id"])) as stream:
        partner = await Person(live_app, display_name="Sam").sign_up()
        assert (await partner.accept(invitation["token"])).status_code == 200
        assert await stream.wait_for(lambda st: ("space", "joined") in signals(st))
        left = await partner.post(f"/api/v1/spaces/{space['id']}/leave")
        assert left.status_code == 204
        assert await stream.wait_for(lambda st: ("space", "left") in signals(st))


async def test_a_match_is_signalled_only_when_mutual(live_app: Litestar, pair: Couple) -> None:
    s = pair.space_id
    idea_id = gentle_ideas(await library(pair.patient, s), 1)[0]
    async with (
        StreamReader(live_app, pair.partner, events_path(s)) as partner_stream,
        StreamReader(live_app, pair.patient, events_path(s)) as patient_stream,
    ):
        # One member's "yes" alone is private: no signal at all.
        await rate(pair.patient, s, idea_id, "yes")
        await sentinel(pair, pair.patient)
        await only_the_sentinel_arrives(partner_stream)

        await rate(pair.partner, s, idea_id, "maybe")
        for stream in (partner_stream, patient_stream):
            assert await stream.wait_for(lambda st: ("match", "matched") in signals(st))
        # The signal names no idea.
        assert all(e.data.get("id") is None for e in partner_stream.events() if e.event == "match")
        # Rating it again, still a match, is no news.
        await rate(pair.partner, s, idea_id, "yes")
        await sentinel(pair, pair.patient)
        assert await patient_stream.wait_for(lambda st: signals(st).count(("conversation", "today")) == 2)
        assert signals(patient_stream).count(("match", "matched")) == 1


async def test_new_match_shows_once_per_member(live_app: Litestar, pair: Couple) -> None:
    s = pair.space_id
    idea_id = gentle_ideas(await library(pair.patient, s), 1)[0]
    await rate(pair.patient, s, idea_id, "yes")
    assert (await pair.patient.get(url(pair, "/matches"))).json()["new_ids"] == []
    await rate(pair.partner, s, idea_id, "yes")
    for person in (pair.patient, pair.partner):
        assert (await person.get(url(pair, "/matches"))).json()["new_ids"] == [idea_id]
    seen = await pair.patient.post(url(pair, "/matches/seen"), json={"idea_ids": [idea_id, "idea-not-a-match"]})
    assert seen.status_code == 204
    assert (await pair.patient.get(url(pair, "/matches"))).json()["new_ids"] == []
    # The partner's "new" is their own.
    assert (await pair.partner.get(url(pair, "/matches"))).json()["new_ids"] == [idea_id]


async def test_plan_changes_are_live_and_private_reflections_are_not(live_app: Litestar, pair: Couple) -> None:
    s = pair.space_id
    idea_id = gentle_ideas(await library(pair.patient, s), 1)[0]
    await rate(pair.patient, s, idea_id, "yes")
    await rate(pair.partner, s, idea_id, "yes")
    async with StreamReader(live_app, pair.partner, events_path(s)) as partner_stream:
        plan = await propose(pair, pair.patient, idea_id=idea_id, starts_at=soon(1))
        assert await partner_stream.wait_for(lambda st: ("plan", "proposed") in signals(st))
        accepted = await act(pair, pair.partner, plan["id"], "accept")
        assert accepted.status_code == 200, accepted.text
        assert await partner_stream.wait_for(lambda st: ("plan", "changed") in signals(st))
        assert all(e.data["id"] == plan["id"] for e in partner_stream.events() if e.event == "plan")


async def test_seen_matches_are_in_their_authors_export(live_app: Litestar, pair: Couple) -> None:
    s = pair.space_id
    idea_id = gentle_ideas(await library(pair.patient, s), 1)[0]
    await rate(pair.patient, s, idea_id, "yes")
    await rate(pair.partner, s, idea_id, "yes")
    assert (await pair.patient.post(url(pair, "/matches/seen"), json={"idea_ids": [idea_id]})).status_code == 204
    mine = (await pair.patient.get("/api/v1/me/export")).json()["records"]["ideas"]["authored"]["matches_seen"]
    assert [m["idea_id"] for m in mine] == [idea_id]
    theirs = (await pair.partner.get("/api/v1/me/export")).json()["records"]["ideas"]["authored"]["matches_seen"]
    assert theirs == []
