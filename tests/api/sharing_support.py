"""Helpers for the sharing tests: a patient who shares one of everything, and the two sharing routes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import httpx
from litestar import Litestar

from .ideas_support import move_plan_into_the_past
from .journal import draft, log_dilator, make_set, publish
from .people import Couple, Person
from .plans_support import match, propose, url
from .routes_boundaries import set_boundaries
from .routes_checkins import checkin_body
from .routes_prompts import some_prompts, start_conversation

NOTHING = {"leave_space": False, "clear_boundaries": False}


def overview_url(space_id: str) -> str:
    return f"/api/v1/spaces/{space_id}/shared-by-me"


async def overview(person: Person, space_id: str) -> dict[str, list[dict[str, Any]]]:
    """{kind: items} of the person's overview."""
    response = await person.get(overview_url(space_id))
    assert response.status_code == 200, response.text
    return {g["kind"]: g["items"] for g in response.json()["groups"]}


async def stop_sharing(person: Person, space_id: str, **choice: bool) -> httpx.Response:
    return await person.post(f"/api/v1/spaces/{space_id}/stop-sharing", json={**NOTHING, **choice})


async def share_checkin(person: Person, space_id: str, shared: bool = True, **body: Any) -> dict[str, Any]:
    visibility = "shared" if shared else "private"
    response = await person.post(
        f"/api/v1/spaces/{space_id}/checkins", json=checkin_body(visibility=visibility, **body)
    )
    assert response.status_code == 201, response.text
    return dict(response.json())


async def summary(person: Person, space_id: str, published: bool = True) -> dict[str, Any]:
    drafted = await draft(person, space_id)
    return await publish(person, space_id, drafted["id"]) if published else drafted


async def past_plan(app: Litestar, couple: Couple, index: int = 0) -> str:
    """An accepted plan whose time has come, so both may reflect on it."""
    plan = await propose(couple, couple.patient, idea_id=await match(couple, index))
    assert (await couple.partner.post(url(couple, f"/plans/{plan['id']}/accept"))).status_code == 200
    await move_plan_into_the_past(app, plan["id"])
    return str(plan["id"])


async def reflect(couple: Couple, person: Person, plan_id: str, shared: bool, note: str = "") -> None:
    body = {"feeling": "close", "comfort": 7, "note": note, "shared": shared}
    response = await person.request("PUT", url(couple, f"/plans/{plan_id}/reflection"), json=body)
    assert response.status_code == 200, response.text


@dataclass
class Everything:
    """What `share_everything` made, by kind."""

    checkin_ids: list[str] = field(default_factory=list)
    summary_ids: list[str] = field(default_factory=list)
    plan_ids: list[str] = field(default_factory=list)
    conversation_ids: list[str] = field(default_factory=list)
    together_round_id: str = ""
    waiting_conversation_id: str = ""
    feed_path: str = ""


async def share_everything(app: Litestar, couple: Couple) -> Everything:
    """The patient shares one of each kind; the partner shares a check-in of their own."""
    patient, space = couple.patient, couple.space_id
    made = Everything()
    made.checkin_ids.append((await share_checkin(patient, space, note="Shared day."))["id"])
    await share_checkin(couple.partner, space, note="Partner's own.")
    sizes = await make_set(patient, space, ["1"])
    await log_dilator(patient, space, sizes[0]["id"])
    made.summary_ids.append((await summary(patient, space))["id"])
    plan_id = await past_plan(app, couple)
    made.plan_ids.append(plan_id)
    await reflect(couple, patient, plan_id, shared=True, note="Lovely.")
    # A revealed conversation: both answered.
    first, second = await some_prompts(patient, space)
    talked = await start_conversation(patient, space, first)
    for person in (patient, couple.partner):
        answer = await person.post(url(couple, f"/conversations/{talked['id']}/answer"), json={"text": "Mine."})
        assert answer.status_code == 200, answer.text
    made.conversation_ids.append(talked["id"])
    # Waiting: the patient answered a conversation the partner started, and a together round.
    waiting = await start_conversation(couple.partner, space, second)
    answer = await patient.post(url(couple, f"/conversations/{waiting['id']}/answer"), json={"text": "Waiting."})
    assert answer.status_code == 200, answer.text
    made.waiting_conversation_id = waiting["id"]
    together = await patient.post(url(couple, "/together"))
    assert together.status_code == 201, together.text
    made.together_round_id = together.json()["id"]
    answered = await patient.post(url(couple, f"/together/{made.together_round_id}/answer"), json=checkin_body(2))
    assert answered.status_code == 200, answered.text
    feed = await patient.post(url(couple, "/calendar-feed"), json={})
    assert feed.status_code == 201, feed.text
    made.feed_path = feed.json()["path"]
    await set_boundaries(patient, space, kissing="welcome", cuddling="not_now")
    return made
