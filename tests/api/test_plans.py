"""Plans from a match, pausing without blame, private reflections, and the calendar feed."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import icalendar
import pytest
from litestar import Litestar
from sqlalchemy import select, text

from tandem.plans.models import CalendarFeed

from .ideas_support import NOTICE, ensure_library, gentle_ideas, library, move_plan_into_the_past, rate, with_db
from .people import BASE_URL, Couple, Person, make_couple
from .plans_support import act, match, plan_of, propose, soon, url


# --- proposing -----------------------------------------------------------------------------------
async def test_propose_accept_and_see_it_upcoming(pair: Couple) -> None:
    idea_id = await match(pair)
    when = soon(30)
    plan = await propose(pair, pair.patient, idea_id=idea_id, starts_at=when, note="After dinner?")
    assert plan["status"] == "proposed" and plan["proposed_by_me"] and plan["awaiting_partner"]
    assert not plan["awaiting_me"] and not plan["flexible"] and plan["note"] == "After dinner?"
    assert plan["idea"]["id"] == idea_id
    starts = datetime.fromisoformat(plan["starts_at"])
    assert starts == datetime.fromisoformat(when).replace(second=0, microsecond=0)
    assert datetime.fromisoformat(plan["ends_at"]) - starts == timedelta(minutes=plan["duration_minutes"])

    seen = await plan_of(pair, pair.partner, plan["id"])
    assert seen["awaiting_me"] and not seen["proposed_by_me"] and seen["note"] == "After dinner?"
    assert (await act(pair, pair.patient, plan["id"], "accept")).status_code == 409
    accepted = await act(pair, pair.partner, plan["id"], "accept")
    assert accepted.status_code == 200 and accepted.json()["status"] == "accepted"
    assert accepted.json()["can_reflect"] is False  # not yet its time
    for person in (pair.patient, pair.partner):
        upcoming = (await person.get(url(pair, "/plans"))).json()["items"]
        assert [p["id"] for p in upcoming] == [plan["id"]]
        assert (await person.get(url(pair, "/plans"), params={"when": "past"})).json()["items"] == []


async def test_sometime_this_week(pair: Couple) -> None:
    plan = await propose(pair, pair.partner, idea_id=await match(pair))
    assert plan["flexible"] is True
    window = datetime.fromisoformat(plan["ends_at"]) - datetime.fromisoformat(plan["starts_at"])
    assert window == timedelta(days=7)
    assert (await plan_of(pair, pair.patient, plan["id"]))["awaiting_me"] is True


async def test_suggest_another_time_and_decline_without_a_reason(pair: Couple) -> None:
    plan = await propose(pair, pair.patient, idea_id=await match(pair), starts_at=soon(5))
    later = soon(48)
    moved = await act(pair, pair.partner, plan["id"], "reschedule", starts_at=later)
    assert moved.status_code == 200
    assert moved.json()["awaiting_partner"] and moved.json()["status"] == "proposed"
    assert (await plan_of(pair, pair.patient, plan["id"]))["awaiting_me"] is True
    assert (await act(pair, pair.partner, plan["id"], "decline")).status_code == 409
    declined = await act(pair, pair.patient, plan["id"], "decline")
    assert declined.status_code == 200 and declined.json()["status"] == "declined"
    assert declined.json()["notice"] is None
    # Declined is final: nothing more to accept, pause or move.
    for action in ("accept", "pause", "reschedule"):
        assert (await act(pair, pair.partner, plan["id"], action)).status_code == 409
    past = (await pair.partner.get(url(pair, "/plans"), params={"when": "past"})).json()["items"]
    assert [p["id"] for p in past] == [plan["id"]]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"starts_at": "2001-01-01T10:00:00+00:00"}, "starts_at"),
        ({"starts_at": (datetime.now(UTC) + timedelta(days=400)).isoformat()}, "starts_at"),
        ({"starts_at": "2031-01-01T10:00:00"}, "starts_at"),
        ({"starts_at": "tomorrow"}, "starts_at"),
        ({"note": "x" * 501}, "note"),
        ({"note": "a\u0000b"}, "note"),
        ({"idea_id": ""}, "idea_id"),
        ({"idea_id": "x" * 81}, "idea_id"),
        ({"status": "accepted"}, "status"),
    ],
)
async def test_proposals_are_validated(pair: Couple, body: dict[str, Any], field: str) -> None:
    idea_id = await match(pair)
    response = await pair.patient.post(url(pair, "/plans"), json={"idea_id": idea_id, **body})
    assert response.status_code == 400, response.text
    assert response.json()["errors"][0]["field"] == field
    assert (await pair.patient.get(url(pair, "/plans"), params={"when": "all"})).json()["items"] == []


async def test_plans_start_from_a_match_only(pair: Couple) -> None:
    items = await library(pair.patient, pair.space_id)
    idea_id = gentle_ideas(items, 1)[0]
    answers = set()
    for partner_rating in (None, "not_now", "yes"):
        await rate(pair.partner, pair.space_id, idea_id, partner_rating)
        response = await pair.patient.post(url(pair, "/plans"), json={"idea_id": idea_id})
        answers.add((response.status_code, response.content))
    # Not rated by me yet: every case answers alike, whatever the partner did.
    assert len(answers) == 1 and next(iter(answers))[0] == 400
    await rate(pair.patient, pair.space_id, idea_id, "yes")
    assert (await pair.patient.post(url(pair, "/plans"), json={"idea_id": idea_id})).status_code == 201
    for query in ({"when": "soon"}, {"limit": 0}, {"limit": 101}):
        assert (await pair.patient.get(url(pair, "/plans"), params=query)).status_code == 400


async def test_a_plan_needs_a_partner(app: Litestar) -> None:
    await ensure_library(app)
    alone = await Person(app).sign_up()
    space = await alone.create_space()
    idea_id = gentle_ideas(await library(alone, space["id"]), 1)[0]
    await rate(alone, space["id"], idea_id, "yes")
    response = await alone.post(f"/api/v1/spaces/{space['id']}/plans", json={"idea_id": idea_id})
    assert response.status_code == 409


# --- pausing ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("who", ["patient", "partner"])
@pytest.mark.parametrize("action", ["pause", "cancel"])
async def test_either_can_pause_or_cancel_and_nobody_is_told_who(pair: Couple, who: str, action: str) -> None:
    plan = await propose(pair, pair.patient, idea_id=await match(pair), starts_at=soon(3))
    assert (await act(pair, pair.partner, plan["id"], "accept")).status_code == 200
    stopper = pair.patient if who == "patient" else pair.partner
    stopped = await act(pair, stopper, plan["id"], action)
    assert stopped.status_code == 200
    views = [await plan_of(pair, person, plan["id"]) for person in (pair.patient, pair.partner)]
    for view in views:
        assert view["status"] == ("paused" if action == "pause" else "cancelled")
        assert view["notice"] == NOTICE and view["pause_note"] is None
    # Apart from who proposed it, the two views are identical: nothing says who stopped it.
    different = {k for k in views[0] if views[0][k] != views[1][k]}
    assert different <= {"proposed_by_me", "can_suggest_time"}
    # The proposer is offered no new time for a day after a pause, whoever paused it; after a cancel, nobody is.
    proposer, other = views
    assert (proposer["can_suggest_time"], other["can_suggest_time"]) == (
        (False, True) if action == "pause" else (False, False)
    )
    # A second tap, or both at once, is fine.
    assert (await act(pair, pair.partner, plan["id"], action)).status_code == 200
    assert (await act(pair, pair.partner, plan["id"], "accept")).status_code == 409


async def test_a_pause_note_says_who_wrote_it(pair: Couple) -> None:
    plan = await propose(pair, pair.patient, idea_id=await match(pair))
    paused = await act(pair, pair.partner, plan["id"], "pause", note="Tired this week, later?")
    assert paused.json()["pause_note"] == {"text": "Tired this week, later?", "by_me": True}
    seen = await plan_of(pair, pair.patient, plan["id"])
    assert seen["pause_note"] == {"text": "Tired this week, later?", "by_me": False}
    assert seen["notice"] == NOTICE
    # The proposer is not offered a new time for a day after the pause.
    assert seen["can_suggest_time"] is False
    quiet = await act(pair, pair.patient, plan["id"], "reschedule", starts_at=soon(72))
    assert quiet.status_code == 409
    # Picking it up again asks the other member, and the note goes.
    resumed = await act(pair, pair.partner, plan["id"], "reschedule", starts_at=soon(72))
    assert resumed.status_code == 200 and resumed.json()["pause_note"] is None
    assert (await plan_of(pair, pair.patient, plan["id"]))["awaiting_me"] is True
    for note in ("x" * 501, "a\u0001b"):
        bad = await act(pair, pair.partner, plan["id"], "pause", note=note)
        assert bad.status_code == 400 and bad.json()["errors"][0]["field"] == "note"


# --- reflections -----------------------------------------------------------------------------------
async def test_reflections_are_private_until_shared(app: Litestar, pair: Couple) -> None:
    plan = await propose(pair, pair.patient, idea_id=await match(pair), starts_at=soon(2))
    reflection = {"feeling": "close", "comfort": 8, "note": "That was lovely.", "shared": False}
    reflect_url = url(pair, f"/plans/{plan['id']}/reflection")
    assert (await pair.patient.request("PUT", reflect_url, json=reflection)).status_code == 409
    assert (await act(pair, pair.partner, plan["id"], "accept")).status_code == 200
    assert (await pair.patient.request("PUT", reflect_url, json=reflection)).status_code == 409
    await move_plan_into_the_past(app, plan["id"])
    saved = await pair.patient.request("PUT", reflect_url, json=reflection)
    assert saved.status_code == 200, saved.text
    assert saved.json()["my_reflection"]["note"] == "That was lovely."
    assert (await plan_of(pair, pair.partner, plan["id"]))["partner_reflection"] is None
    assert "That was lovely." not in (await pair.partner.get(url(pair, "/plans"), params={"when": "all"})).text
    assert "That was lovely." not in (await pair.partner.get("/api/v1/me/export")).text

    shared = await pair.patient.request("PUT", reflect_url, json={**reflection, "shared": True})
    assert shared.json()["my_reflection"]["shared"] is True
    seen = (await plan_of(pair, pair.partner, plan["id"]))["partner_reflection"]
    assert seen["note"] == "That was lovely." and seen["comfort"] == 8 and "shared" not in seen
    exported = (await pair.partner.get("/api/v1/me/export")).json()["records"]["plans"]
    assert exported["shared_with_me"]["reflections"][0]["note"] == "That was lovely."

    # Unsharing takes effect on the very next request.
    await pair.patient.request("PUT", reflect_url, json={**reflection, "shared": False})
    assert (await plan_of(pair, pair.partner, plan["id"]))["partner_reflection"] is None
    assert (await pair.patient.delete(reflect_url)).status_code == 204
    assert (await plan_of(pair, pair.patient, plan["id"]))["my_reflection"] is None
    past = (await pair.patient.get(url(pair, "/plans"), params={"when": "past"})).json()["items"]
    assert [p["id"] for p in past] == [plan["id"]]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"comfort": -1}, "comfort"),
        ({"comfort": 11}, "comfort"),
        ({"comfort": 5.5}, "comfort"),
        ({"feeling": "ecstatic"}, "feeling"),
        ({"note": "x" * 2001}, "note"),
        ({"note": "a\u0000b"}, "note"),
        ({"shared": "yes"}, "shared"),
        ({"author_id": str(uuid.uuid4())}, "author_id"),
    ],
)
async def test_reflection_fields_are_validated(pair: Couple, change: dict[str, Any], field: str) -> None:
    plan = await propose(pair, pair.patient, idea_id=await match(pair))
    assert (await act(pair, pair.partner, plan["id"], "accept")).status_code == 200
    body = {"feeling": "relaxed", "comfort": 5, "note": "", "shared": False, **change}
    response = await pair.patient.request("PUT", url(pair, f"/plans/{plan['id']}/reflection"), json=body)
    assert response.status_code == 400, response.text
    assert response.json()["errors"][0]["field"] == field


async def test_plans_belong_to_the_pair(app: Litestar, pair: Couple) -> None:
    plan = await propose(pair, pair.patient, idea_id=await match(pair), note="our secret picnic")
    others = await make_couple(app)
    for person in (others.patient, others.partner):
        response = await person.get(f"/api/v1/spaces/{others.space_id}/plans/{plan['id']}")
        assert response.status_code == 404
        listed = await person.get(f"/api/v1/spaces/{others.space_id}/plans", params={"when": "all"})
        assert "our secret picnic" not in listed.text
    # After the partner leaves, a newcomer never sees the plans of the pair before.
    assert (await pair.partner.post(url(pair, "/leave"))).status_code == 204
    newcomer = await Person(app).sign_up()
    assert (await newcomer.accept((await pair.patient.invite(pair.space_id))["token"])).status_code == 200
    assert (await newcomer.get(url(pair, f"/plans/{plan['id']}"))).status_code == 404
    assert (await newcomer.get(url(pair, "/plans"), params={"when": "all"})).json()["items"] == []


# --- calendar feed ---------------------------------------------------------------------------------
async def fetch_feed(app: Litestar, path: str) -> httpx.Response:
    """Calendar apps carry no cookie: a fresh client."""
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=BASE_URL) as client:
        return await client.get(path)


def events_of(body: bytes) -> list[Any]:
    calendar = icalendar.Calendar.from_ical(body)
    return list(calendar.walk("VEVENT"))


async def test_calendar_feed_is_neutral_parses_and_can_be_regenerated(app: Litestar, pair: Couple) -> None:
    timed = await propose(pair, pair.patient, idea_id=await match(pair, 0), starts_at=soon(26))
    week = await propose(pair, pair.partner, idea_id=await match(pair, 1))
    paused = await propose(pair, pair.patient, idea_id=await match(pair, 2), starts_at=soon(50))
    assert (await act(pair, pair.partner, timed["id"], "accept")).status_code == 200
    assert (await act(pair, pair.partner, paused["id"], "pause")).status_code == 200

    assert (await pair.patient.get(url(pair, "/calendar-feed"))).json() == {
        "enabled": False,
        "detailed_titles": False,
        "created_at": None,
    }
    issued = await pair.patient.post(url(pair, "/calendar-feed"), json={})
    assert issued.status_code == 201
    path = issued.json()["path"]
    token = path.split("/")[-2]
    assert len(token) >= 43 and path == f"/api/v1/calendar/{token}/tandem.ics"
    status = (await pair.patient.get(url(pair, "/calendar-feed"))).json()
    assert status["enabled"] is True and "path" not in status and token not in str(status)

    response = await fetch_feed(app, path)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/calendar")
    assert response.headers["cache-control"] == "no-store"
    events = events_of(response.content)
    by_uid = {str(e["UID"]): e for e in events}
    assert set(by_uid) == {f"{timed['id']}@tandem", f"{week['id']}@tandem"}
    assert str(by_uid[f"{timed['id']}@tandem"]["SUMMARY"]) == "Time together"
    assert str(by_uid[f"{timed['id']}@tandem"]["STATUS"]) == "CONFIRMED"
    assert by_uid[f"{timed['id']}@tandem"].decoded("DTSTART") == datetime.fromisoformat(timed["starts_at"])
    assert str(by_uid[f"{week['id']}@tandem"]["SUMMARY"]) == "Time together (sometime this week)"
    assert str(by_uid[f"{week['id']}@tandem"]["STATUS"]) == "TENTATIVE"
    titles = [i["title"] for i in await library(pair.patient, pair.space_id)]
    assert not any(title in response.text for title in titles)

    # Detailed titles only when asked for.
    configured = await pair.patient.patch(url(pair, "/calendar-feed"), json={"detailed_titles": True})
    assert configured.status_code == 200 and configured.json()["detailed_titles"] is True
    detailed = {str(e["UID"]): e for e in events_of((await fetch_feed(app, path)).content)}
    assert str(detailed[f"{timed['id']}@tandem"]["SUMMARY"]) == timed["idea"]["title"]
    assert str(detailed[f"{week['id']}@tandem"]["SUMMARY"]) == week["idea"]["title"] + " (sometime this week)"

    # Only the hash is stored; a new address kills the old one at once.
    async def stored(db: Any) -> list[str]:
        return list(await db.scalars(select(CalendarFeed.token_hash)))

    hashes = await with_db(app, stored)
    assert token not in hashes

    async def raw_text(db: Any) -> str:
        return str((await db.execute(text("SELECT * FROM calendar_feeds"))).all())

    assert token not in await with_db(app, raw_text)
    again = (await pair.patient.post(url(pair, "/calendar-feed"), json={})).json()["path"]
    assert again != path
    old = await fetch_feed(app, path)
    unknown = await fetch_feed(app, f"/api/v1/calendar/{'x' * 43}/tandem.ics")
    assert old.status_code == 404 and (old.status_code, old.content) == (unknown.status_code, unknown.content)
    assert (await fetch_feed(app, again)).status_code == 200
    assert (await fetch_feed(app, f"/api/v1/calendar/{'x' * 129}/tandem.ics")).status_code in {400, 404}

    # The partner's feed is their own; turning it off kills the address.
    partner_path = (await pair.partner.post(url(pair, "/calendar-feed"), json={})).json()["path"]
    assert len(events_of((await fetch_feed(app, partner_path)).content)) == 2
    assert (await pair.partner.delete(url(pair, "/calendar-feed"))).status_code == 204
    assert (await fetch_feed(app, partner_path)).status_code == 404
    assert (await pair.partner.patch(url(pair, "/calendar-feed"), json={"detailed_titles": True})).status_code == 404
    # Leaving the space ends the feed too.
    assert (await pair.patient.post(url(pair, "/leave"))).status_code == 204
    assert (await fetch_feed(app, again)).status_code == 404


async def test_feed_text_is_escaped_and_folded(app: Litestar, pair: Couple) -> None:
    long_title = "Tea, biscuits; and a \\ long, long chat about everything that matters to us both ☕"
    created = await pair.patient.post(
        url(pair, "/custom-ideas"),
        json={"title": long_title[:120], "category": "communication", "closeness": 1, "duration_minutes": 30},
    )
    idea_id = created.json()["id"]
    await rate(pair.patient, pair.space_id, idea_id, "yes")
    await rate(pair.partner, pair.space_id, idea_id, "yes")
    await propose(pair, pair.patient, idea_id=idea_id, starts_at=soon(4))
    path = (await pair.patient.post(url(pair, "/calendar-feed"), json={"detailed_titles": True})).json()["path"]
    body = (await fetch_feed(app, path)).content
    assert all(len(line) <= 75 for line in body.split(b"\r\n"))
    assert str(events_of(body)[0]["SUMMARY"]) == long_title[:120]


async def test_deleting_an_account_deletes_its_ideas_plans_and_feed(app: Litestar, pair: Couple) -> None:
    plan = await propose(pair, pair.patient, idea_id=await match(pair), note="gone soon")
    await act(pair, pair.partner, plan["id"], "accept")
    await pair.patient.post(url(pair, "/custom-ideas"), json={**_custom(), "title": "gone idea"})
    await pair.patient.post(url(pair, "/calendar-feed"), json={})
    assert (await pair.patient.delete("/api/v1/me", json={"password": pair.patient.password})).status_code == 204

    async def count(db: Any) -> dict[str, int]:
        patient = pair.patient.id.replace("-", "")
        found = {}
        for table in ("idea_ratings", "custom_ideas", "plans", "plan_reflections", "calendar_feeds"):
            rows = (await db.execute(text(f"SELECT author_id FROM {table}"))).all()  # noqa: S608 - fixed names
            found[table] = sum(1 for (author,) in rows if str(author).replace("-", "") == patient)
        return found

    assert set((await with_db(app, count)).values()) == {0}
    assert (await pair.partner.get(url(pair, f"/plans/{plan['id']}"))).status_code == 404


def _custom() -> dict[str, Any]:
    return {"title": "x", "category": "connection", "closeness": 1, "duration_minutes": 30}


async def test_plan_and_pause_notes_reach_only_the_pair(app: Litestar) -> None:
    """Plan notes are for the two members: never for another couple, an anonymous caller or a calendar."""
    from .matrix import MATRIX
    from .world import build_world

    world = await build_world(app)
    note, pause_note = f"PLANNOTE{uuid.uuid4().hex}", f"PAUSENOTE{uuid.uuid4().hex}"
    plan = await world.patient.post(
        f"/api/v1/spaces/{world.space_id}/plans", json={"idea_id": world.params["match_id"], "note": note}
    )
    assert plan.status_code == 201
    paused = await world.partner.post(
        f"/api/v1/spaces/{world.space_id}/plans/{plan.json()['id']}/pause", json={"note": pause_note}
    )
    assert paused.status_code == 200
    world.params["plan_id"] = plan.json()["id"]
    seen_by_pair = (await world.patient.get(f"/api/v1/spaces/{world.space_id}/plans/{world.params['plan_id']}")).text
    assert note in seen_by_pair and pause_note in seen_by_pair
    for path in sorted(p for m, p in MATRIX if m == "GET"):
        for viewer in (world.outsider, world.anonymous):
            response = await viewer.get(world.fill(path))
            assert note not in response.text and pause_note not in response.text, path
        if path.endswith(".ics"):
            feed = await world.patient.get(world.fill(path))
            assert feed.status_code == 200 and "VEVENT" in feed.text  # the seeded plan, noted "Saturday?"
            assert "Saturday" not in feed.text and note not in feed.text and pause_note not in feed.text
