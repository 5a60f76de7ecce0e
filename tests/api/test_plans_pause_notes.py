"""Plans: a note on a second pause or cancel, and pause notes in the export."""

from __future__ import annotations

import pytest

from .people import Couple
from .plans_support import act, match, plan_of, propose, soon


@pytest.mark.parametrize("action", ["pause", "cancel"])
async def test_a_note_on_a_second_stop_is_saved_when_none_is_stored(pair: Couple, action: str) -> None:
    plan = await propose(pair, pair.patient, idea_id=await match(pair), starts_at=soon(30))
    assert (await act(pair, pair.patient, plan["id"], action)).status_code == 200
    again = await act(pair, pair.partner, plan["id"], action, note="Another week, maybe?")
    assert again.status_code == 200, again.text
    assert again.json()["pause_note"] == {"text": "Another week, maybe?", "by_me": True}
    seen = await plan_of(pair, pair.patient, plan["id"])
    assert seen["pause_note"] == {"text": "Another week, maybe?", "by_me": False}
    # A note without one (a second tap) is still fine and keeps the stored note.
    assert (await act(pair, pair.patient, plan["id"], action)).status_code == 200
    assert (await plan_of(pair, pair.patient, plan["id"]))["pause_note"]["text"] == "Another week, maybe?"


@pytest.mark.parametrize("action", ["pause", "cancel"])
async def test_a_note_never_overwrites_a_stored_one_and_answers_409(pair: Couple, action: str) -> None:
    plan = await propose(pair, pair.patient, idea_id=await match(pair), starts_at=soon(30))
    assert (await act(pair, pair.partner, plan["id"], action, note="First words")).status_code == 200
    second = await act(pair, pair.patient, plan["id"], action, note="Second words")
    assert second.status_code == 409, second.text
    for person in (pair.patient, pair.partner):
        assert (await plan_of(pair, person, plan["id"]))["pause_note"]["text"] == "First words"


async def test_pause_notes_are_in_the_export(pair: Couple) -> None:
    # The partner proposes; the patient pauses with a note: the note is the patient's to export.
    plan = await propose(pair, pair.partner, idea_id=await match(pair), starts_at=soon(30))
    assert (await act(pair, pair.patient, plan["id"], "accept")).status_code == 200
    assert (await act(pair, pair.patient, plan["id"], "pause", note="Need a quiet week")).status_code == 200

    mine = (await pair.patient.get("/api/v1/me/export")).json()["records"]["plans"]
    notes = mine["authored"]["pause_notes"]
    assert [(n["plan_id"], n["note"]) for n in notes] == [(plan["id"], "Need a quiet week")]
    assert notes[0]["written_at"]
    shared = {p["id"]: p for p in mine["shared_with_me"]["plans"]}
    assert shared[plan["id"]]["pause_note"] == {"text": "Need a quiet week", "by_me": True}

    theirs = (await pair.partner.get("/api/v1/me/export")).json()["records"]["plans"]
    assert theirs["authored"]["pause_notes"] == []
    authored = {p["id"]: p for p in theirs["authored"]["plans"]}
    assert authored[plan["id"]]["pause_note"] == {"text": "Need a quiet week", "by_me": False}
    # Nothing more about who paused: no user id in the partner's plan record.
    assert pair.patient.user["id"] not in str(authored[plan["id"]])


async def test_a_plan_without_a_pause_note_exports_none(pair: Couple) -> None:
    plan = await propose(pair, pair.patient, idea_id=await match(pair), starts_at=soon(30))
    assert (await act(pair, pair.partner, plan["id"], "pause")).status_code == 200
    exported = (await pair.patient.get("/api/v1/me/export")).json()["records"]["plans"]
    assert exported["authored"]["plans"][0]["pause_note"] is None
    assert exported["authored"]["pause_notes"] == []
