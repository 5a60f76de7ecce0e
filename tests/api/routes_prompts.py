"""Matrix entries, seeds and private markers for the prompt library and conversations."""

from __future__ import annotations

from typing import Any

from .people import Person
from .world import Cell, World, statuses

SPACE = "/api/v1/spaces/{space_id}"
PROMPT = SPACE + "/prompts/{prompt_id}"
CONVERSATION = SPACE + "/conversations/{conversation_id}"


def start_body(world: World, _: Person) -> dict[str, Any]:
    return {"prompt_id": world.params["prompt_id"]}


MATRIX: dict[tuple[str, str], Cell] = {
    ("GET", "/api/v1/prompt-categories"): Cell(statuses(401, 200, 200, 200)),
    ("GET", SPACE + "/prompts"): Cell(statuses(401, 404, 200, 200)),
    ("GET", SPACE + "/prompts/surprise"): Cell(statuses(401, 404, 200, 200)),
    ("GET", PROMPT): Cell(statuses(401, 404, 200, 200)),
    ("PUT", PROMPT + "/favourite"): Cell(statuses(401, 404, 200, 200)),
    ("DELETE", PROMPT + "/favourite"): Cell(statuses(401, 404, 204, 204)),
    ("PUT", PROMPT + "/talked"): Cell(statuses(401, 404, 200, 200), lambda w, p: {"on": "2026-01-15"}),
    ("DELETE", PROMPT + "/talked"): Cell(statuses(401, 404, 204, 204)),
    # Starting on a prompt with an open conversation joins that conversation.
    ("POST", SPACE + "/conversations"): Cell(statuses(401, 404, 201, 201), start_body),
    ("GET", SPACE + "/conversations"): Cell(statuses(401, 404, 200, 200)),
    # The seeded conversation was started by the patient and nobody has answered yet.
    ("GET", CONVERSATION): Cell(statuses(401, 404, 200, 200)),
    ("POST", CONVERSATION + "/join"): Cell(statuses(401, 404, 200, 200)),
    ("POST", CONVERSATION + "/answer"): Cell(statuses(401, 404, 200, 200), lambda w, p: {"text": "Slowly, gently."}),
    # Keeping it, or taking an answer back, waits for the reveal.
    ("POST", CONVERSATION + "/keep"): Cell(statuses(401, 404, 409, 409)),
    ("DELETE", CONVERSATION + "/answer"): Cell(statuses(401, 404, 409, 409)),
    # Before the reveal only the one who started it may discard it.
    ("DELETE", CONVERSATION): Cell(statuses(401, 404, 409, 204)),
}


async def start_conversation(person: Person, space_id: str, prompt_id: str) -> dict[str, Any]:
    response = await person.post(f"/api/v1/spaces/{space_id}/conversations", json={"prompt_id": prompt_id})
    assert response.status_code == 201, response.text
    return dict(response.json())


async def some_prompts(person: Person, space_id: str, count: int = 2) -> list[str]:
    response = await person.get(f"/api/v1/spaces/{space_id}/prompts", params={"limit": count})
    assert response.status_code == 200, response.text
    return [item["id"] for item in response.json()["items"]]


async def seed(world: World) -> None:
    first, _ = await some_prompts(world.patient, world.space_id)
    world.params["prompt_id"] = first
    conversation = await start_conversation(world.patient, world.space_id, first)
    world.params["conversation_id"] = conversation["id"]


async def seed_private(world: World, markers: Any) -> None:
    conversation_id = world.params["conversation_id"]
    answered = await world.patient.post(
        f"/api/v1/spaces/{world.space_id}/conversations/{conversation_id}/answer", json={"text": markers.patient}
    )
    assert answered.status_code == 200, answered.text
    _, second = await some_prompts(world.partner, world.space_id)
    theirs = await start_conversation(world.partner, world.space_id, second)
    answered = await world.partner.post(
        f"/api/v1/spaces/{world.space_id}/conversations/{theirs['id']}/answer", json={"text": markers.partner}
    )
    assert answered.status_code == 200, answered.text
