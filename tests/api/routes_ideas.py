"""Matrix entries and seeds for the idea library, custom ideas, ratings and matches."""

from __future__ import annotations

from typing import Any

from .ideas_support import ensure_library, gentle_ideas, library
from .people import Person
from .world import Cell, World, statuses

SPACE = "/api/v1/spaces/{space_id}"


def custom_idea_body(_: World, __: Person) -> dict[str, Any]:
    return {"title": "Breakfast in bed", "category": "connection", "closeness": 1, "duration_minutes": 30}


MATRIX: dict[tuple[str, str], Cell] = {
    ("GET", SPACE + "/ideas"): Cell(statuses(401, 404, 200, 200)),
    ("GET", SPACE + "/ideas/{idea_id}"): Cell(statuses(401, 404, 200, 200)),
    ("PUT", SPACE + "/ideas/{idea_id}/rating"): Cell(statuses(401, 404, 200, 200), lambda w, p: {"value": "yes"}),
    ("DELETE", SPACE + "/ideas/{idea_id}/rating"): Cell(statuses(401, 404, 204, 204)),
    ("GET", SPACE + "/idea-queue"): Cell(statuses(401, 404, 200, 200)),
    ("GET", SPACE + "/matches"): Cell(statuses(401, 404, 200, 200)),
    ("POST", SPACE + "/matches/seen"): Cell(
        statuses(401, 404, 204, 204), lambda w, p: {"idea_ids": [w.params["idea_id"]]}
    ),
    ("POST", SPACE + "/custom-ideas"): Cell(statuses(401, 404, 201, 201), custom_idea_body),
    # The custom idea in the path is the patient's: only its author changes or deletes it.
    ("PUT", SPACE + "/custom-ideas/{custom_idea_id}"): Cell(statuses(401, 404, 404, 200), custom_idea_body),
    ("DELETE", SPACE + "/custom-ideas/{custom_idea_id}"): Cell(statuses(401, 404, 404, 204)),
}


async def seed(world: World) -> None:
    await ensure_library(world.app)
    items = await library(world.patient, world.space_id)
    world.params["idea_id"] = gentle_ideas(items, 1)[0]
    created = await world.patient.post(
        f"/api/v1/spaces/{world.space_id}/custom-ideas",
        json={"title": "Stargazing", "category": "adventure", "closeness": 1, "duration_minutes": 60},
    )
    assert created.status_code == 201, created.text
    world.params["custom_idea_id"] = created.json()["id"].removeprefix("custom-")
