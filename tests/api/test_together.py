"""Checking in together: start, join, answer separately, reveal at once, or cancel with nothing revealed."""

from __future__ import annotations

import asyncio
from typing import Any

from litestar import Litestar

from .people import Couple, Person
from .routes_checkins import checkin_body


def base(couple: Couple) -> str:
    return f"/api/v1/spaces/{couple.space_id}/together"


async def start(couple: Couple, person: Person | None = None) -> dict[str, Any]:
    response = await (person or couple.patient).post(base(couple))
    assert response.status_code == 201, response.text
    return dict(response.json())


async def test_it_needs_a_partner(app: Litestar, signed_up: Person) -> None:
    space = await signed_up.create_space()
    alone = await signed_up.post(f"/api/v1/spaces/{space['id']}/together")
    assert alone.status_code == 409
    assert "partner" in alone.json()["detail"]


async def test_both_starting_end_up_in_one_round(couple: Couple) -> None:
    first, second = await asyncio.gather(start(couple, couple.patient), start(couple, couple.partner))
    assert first["id"] == second["id"]
    current = (await couple.partner.get(f"{base(couple)}/current")).json()
    assert current["id"] == first["id"]
    assert len(current["seats"]) == 2


async def test_answers_stay_hidden_until_both_have_answered(couple: Couple) -> None:
    started = await start(couple)
    assert started["started_by_me"] is True
    path = f"{base(couple)}/{started['id']}"
    joined = (await couple.partner.post(f"{path}/join")).json()
    assert [s["is_me"] for s in joined["seats"]] == [False, True]
    assert joined["started_by_me"] is False

    mine = (await couple.patient.post(f"{path}/answer", json=checkin_body(2, note="tender and tired"))).json()
    assert mine["state"] == "open"
    assert mine["mine"]["awaiting_reveal"] is True
    assert mine["mine"]["visibility"] == "private"
    waiting = (await couple.partner.get(path)).json()
    assert waiting["partners"] is None
    assert "tender and tired" not in str(waiting)
    assert next(s for s in waiting["seats"] if not s["is_me"])["answered"] is True
    # Not in the partner's history either, not even as a count.
    assert (await couple.partner.get(f"/api/v1/spaces/{couple.space_id}/checkins")).json()["items"] == []
    # And it cannot be shared early or deleted while it waits.
    checkin = f"/api/v1/spaces/{couple.space_id}/checkins/{mine['mine']['id']}"
    assert (await couple.patient.patch(checkin, json={"visibility": "shared"})).status_code == 409
    assert (await couple.patient.delete(checkin)).status_code == 409

    revealed = (await couple.partner.post(f"{path}/answer", json=checkin_body(4, note="glad we did this"))).json()
    assert revealed["state"] == "revealed"
    assert revealed["partners"]["note"] == "tender and tired"
    both = (await couple.patient.get(path)).json()
    assert both["partners"]["note"] == "glad we did this"
    assert both["mine"]["visibility"] == "shared"
    assert (await couple.patient.get(f"{base(couple)}/current")).json() is None
    # Revealed check-ins are ordinary shared check-ins: the author can still make theirs private.
    assert (await couple.patient.patch(checkin, json={"visibility": "private"})).status_code == 200
    assert (await couple.partner.get(path)).json()["partners"] is None


async def test_answering_twice_or_after_the_reveal_is_refused(couple: Couple) -> None:
    started = await start(couple)
    path = f"{base(couple)}/{started['id']}/answer"
    assert (await couple.patient.post(path, json=checkin_body())).status_code == 200
    again = await couple.patient.post(path, json=checkin_body())
    assert again.status_code == 409
    assert (await couple.partner.post(path, json=checkin_body())).status_code == 200
    late = await couple.partner.post(path, json=checkin_body())
    assert late.status_code == 409
    history = (await couple.patient.get(f"/api/v1/spaces/{couple.space_id}/checkins")).json()["items"]
    assert len(history) == 2


async def test_only_the_starter_cancels_and_nothing_is_revealed(couple: Couple) -> None:
    started = await start(couple)
    path = f"{base(couple)}/{started['id']}"
    assert (await couple.patient.post(f"{path}/answer", json=checkin_body(note="never shown"))).status_code == 200
    refused = await couple.partner.post(f"{path}/cancel")
    assert refused.status_code == 409
    cancelled = (await couple.patient.post(f"{path}/cancel")).json()
    assert cancelled["state"] == "cancelled"
    assert cancelled["mine"]["visibility"] == "private"
    assert cancelled["mine"]["awaiting_reveal"] is False
    seen = (await couple.partner.get(path)).json()
    assert seen["partners"] is None
    assert "never shown" not in str(seen)
    assert (await couple.partner.post(f"{path}/answer", json=checkin_body())).status_code == 409
    assert (await couple.partner.post(f"{path}/join")).status_code == 409
    # The answer stays in the author's own journal.
    journal = (await couple.patient.get(f"/api/v1/spaces/{couple.space_id}/checkins")).json()["items"]
    assert [c["note"] for c in journal] == ["never shown"]
    # A new round can start.
    assert (await start(couple, couple.partner))["id"] != started["id"]


async def test_answers_are_validated_like_check_ins(couple: Couple) -> None:
    started = await start(couple)
    path = f"{base(couple)}/{started['id']}/answer"
    for change, field in (
        ({"mood": 9}, "mood"),
        ({"visibility": "shared"}, "visibility"),
        ({"note": "x" * 2001}, "note"),
    ):
        refused = await couple.patient.post(path, json={**checkin_body(), **change})
        assert refused.status_code == 400, change
        assert refused.json()["errors"][0]["field"] == field
    # A refused answer leaves the seat unanswered.
    seats = (await couple.partner.get(f"{base(couple)}/{started['id']}")).json()["seats"]
    assert not any(s["answered"] for s in seats)


async def test_when_the_starter_leaves_the_open_round_is_called_off(app: Litestar) -> None:
    """A round never outlives a change of members: an answer meant for one partner is never revealed to the next."""
    from .people import make_couple

    couple = await make_couple(app)
    started = await start(couple, couple.partner)
    path = f"{base(couple)}/{started['id']}"
    assert (await couple.patient.post(f"{path}/answer", json=checkin_body(note="still mine"))).status_code == 200
    assert (await couple.patient.get(path)).json()["can_call_off"] is False
    assert (await couple.partner.post(f"/api/v1/spaces/{couple.space_id}/leave")).status_code == 204
    seen = (await couple.patient.get(path)).json()
    assert seen["state"] == "cancelled"
    assert seen["can_call_off"] is False
    assert (await couple.patient.get(f"{base(couple)}/current")).json() is None
