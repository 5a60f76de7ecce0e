"""Check-ins together and conversations across member changes, and cursors at the edges (each failed before its fix)."""

from __future__ import annotations

import base64
import uuid
from datetime import date
from typing import Any

import pytest
from litestar import Litestar

from tandem.access.identity import Caller
from tandem.access.membership import Member
from tandem.prompts.service import PromptService
from tandem.reveal.models import RevealKind, RevealRound
from tandem.reveal.service import RevealService
from tandem.spaces.models import Membership

from .people import Couple, Person
from .routes_checkins import checkin_body
from .routes_prompts import start_conversation


def url(couple: Couple, tail: str) -> str:
    return f"/api/v1/spaces/{couple.space_id}{tail}"


async def first_prompt(person: Person, space_id: str) -> str:
    response = await person.get(f"/api/v1/spaces/{space_id}/prompts", params={"limit": 1})
    assert response.status_code == 200, response.text
    return str(response.json()["items"][0]["id"])


# --- 1. open rounds end with the membership they were started in ---------------------------------


async def test_answers_written_for_a_former_partner_are_never_revealed_to_the_next(
    app: Litestar, couple: Couple
) -> None:
    alice, bob = couple.patient, couple.partner
    prompt_id = await first_prompt(alice, couple.space_id)
    talk = await start_conversation(alice, couple.space_id, prompt_id)
    talk_path = url(couple, f"/conversations/{talk['id']}")
    answered = await alice.post(f"{talk_path}/answer", json={"text": "MARKER-TALK-FOR-BOB"})
    assert answered.status_code == 200, answered.text
    together = await alice.post(url(couple, "/together"))
    assert together.status_code == 201, together.text
    round_path = url(couple, f"/together/{together.json()['id']}")
    answered = await alice.post(f"{round_path}/answer", json=checkin_body(note="MARKER-CHECKIN-FOR-BOB"))
    assert answered.status_code == 200, answered.text

    assert (await bob.post(url(couple, "/leave"))).status_code == 204
    carol = await Person(app, display_name="Carol").sign_up()
    assert (await carol.accept((await alice.invite(couple.space_id))["token"])).status_code == 200

    # Both rounds were called off when Bob left: Carol can neither join nor answer them.
    assert (await carol.get(talk_path)).json()["state"] == "cancelled"
    assert (await carol.get(round_path)).json()["state"] == "cancelled"
    assert (await carol.get(url(couple, "/together/current"))).json() is None
    assert (await carol.post(f"{talk_path}/answer", json={"text": "from Carol"})).status_code == 409
    assert (await carol.post(f"{round_path}/answer", json=checkin_body(note="from Carol"))).status_code == 409
    # Starting the same prompt again opens a fresh conversation, which Alice's old answer is not part of.
    fresh = await start_conversation(carol, couple.space_id, prompt_id)
    assert fresh["id"] != talk["id"]
    fresh_path = url(couple, f"/conversations/{fresh['id']}")
    assert (await carol.post(f"{fresh_path}/answer", json={"text": "from Carol"})).status_code == 200
    assert (await carol.get(fresh_path)).json()["state"] == "open"

    seen = [
        (await carol.get(path)).text
        for path in (
            talk_path,
            round_path,
            fresh_path,
            url(couple, "/conversations"),
            url(couple, "/checkins"),
            "/api/v1/me/export",
        )
    ]
    for text in seen:
        assert "MARKER-TALK-FOR-BOB" not in text
        assert "MARKER-CHECKIN-FOR-BOB" not in text
    # They stay Alice's own private records.
    mine = (await alice.get(url(couple, "/checkins"))).json()["items"]
    assert [(c["note"], c["visibility"], c["awaiting_reveal"]) for c in mine] == [
        ("MARKER-CHECKIN-FOR-BOB", "private", False)
    ]
    assert (await alice.get(talk_path)).json()["my_answer"]["text"] == "MARKER-TALK-FOR-BOB"


async def test_deleting_an_account_calls_off_the_open_rounds_too(app: Litestar, couple: Couple) -> None:
    together = await couple.patient.post(url(couple, "/together"))
    round_path = url(couple, f"/together/{together.json()['id']}")
    await couple.patient.post(f"{round_path}/answer", json=checkin_body(note="MARKER-BEFORE-DELETION"))
    gone = await couple.partner.delete("/api/v1/me", json={"password": couple.partner.password})
    assert gone.status_code == 204, gone.text
    newcomer = await Person(app).sign_up()
    assert (await newcomer.accept((await couple.patient.invite(couple.space_id))["token"])).status_code == 200
    assert (await newcomer.get(round_path)).json()["state"] == "cancelled"
    assert (await newcomer.post(f"{round_path}/answer", json=checkin_body())).status_code == 409
    assert "MARKER-BEFORE-DELETION" not in (await newcomer.get(round_path)).text


# --- 2. a round whose starter is gone can be called off --------------------------------------------


def member_of(user_id: uuid.UUID, partner: uuid.UUID | None) -> Member:
    membership = Membership(space_id=uuid.uuid4(), user_id=user_id)
    return Member(caller=Caller.__new__(Caller), membership=membership, partner_user_id=partner)


def test_the_one_left_may_call_off_a_round_whose_starter_deleted_their_account() -> None:
    me, partner = uuid.uuid4(), uuid.uuid4()
    orphaned = RevealRound(kind=RevealKind.CONVERSATION, started_by=None)
    assert RevealService.may_call_off(member_of(me, None), orphaned)
    assert RevealService.may_call_off(member_of(me, partner), orphaned)
    # Unchanged: the starter may, the partner of a present starter may not.
    assert RevealService.may_call_off(member_of(me, partner), RevealRound(started_by=me))
    assert not RevealService.may_call_off(member_of(me, partner), RevealRound(started_by=partner))


# --- 3. cursors at the edge of the calendar -------------------------------------------------------


def crafted(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


@pytest.mark.parametrize("moment", ["0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00"])
async def test_a_cursor_outside_the_calendar_in_utc_is_a_bad_cursor(couple: Couple, moment: str) -> None:
    cursor = crafted(f"{moment}|{uuid.uuid4()}")
    for tail in ("/checkins", "/conversations", "/boundaries/history"):
        response = await couple.patient.get(url(couple, tail), params={"cursor": cursor})
        assert response.status_code == 400, (tail, response.text)
        assert response.json()["errors"][0]["field"] == "cursor"


async def test_a_cursor_with_an_offset_still_pages(couple: Couple) -> None:
    cursor = crafted(f"2100-01-01T12:00:00+14:00|{uuid.uuid4()}")
    response = await couple.patient.get(url(couple, "/checkins"), params={"cursor": cursor})
    assert response.status_code == 200, response.text


# --- 4. marking a prompt talked about never loops -------------------------------------------------


async def test_a_mark_that_keeps_colliding_is_tried_once(couple: Couple, monkeypatch: pytest.MonkeyPatch) -> None:
    prompt_id = await first_prompt(couple.patient, couple.space_id)
    calls: list[Any] = []

    async def always_collides(self: PromptService, row: Any) -> bool:
        calls.append(row)
        return False

    monkeypatch.setattr(PromptService, "_insert_once", always_collides)
    marked = await couple.patient.request(
        "PUT", url(couple, f"/prompts/{prompt_id}/talked"), json={"on": date.today().isoformat()}
    )
    assert marked.status_code == 200, marked.text
    assert len(calls) == 1
