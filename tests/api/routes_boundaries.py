"""Matrix entries, seeds and private markers for boundaries and the space's own activities."""

from __future__ import annotations

from typing import Any

from .people import Person
from .world import Cell, World, statuses

SPACE = "/api/v1/spaces/{space_id}"
CUSTOM = SPACE + "/custom-activities/{custom_activity_id}"


def one_change(_: World, __: Person) -> dict[str, Any]:
    return {"changes": [{"activity_id": "cuddling", "level": "ask_first"}]}


MATRIX: dict[tuple[str, str], Cell] = {
    ("GET", SPACE + "/boundaries"): Cell(statuses(401, 404, 200, 200)),
    ("PATCH", SPACE + "/boundaries"): Cell(statuses(401, 404, 200, 200), one_change),
    ("POST", SPACE + "/boundaries/seen"): Cell(statuses(401, 404, 204, 204)),
    ("GET", SPACE + "/boundaries/history"): Cell(statuses(401, 404, 200, 200)),
    ("GET", SPACE + "/custom-activities"): Cell(statuses(401, 404, 200, 200)),
    ("POST", SPACE + "/custom-activities"): Cell(statuses(401, 404, 201, 201), lambda w, p: {"title": "Reading aloud"}),
    # The seeded activity is the patient's: only its author may change or remove it.
    ("PATCH", CUSTOM): Cell(statuses(401, 404, 404, 200), lambda w, p: {"note": "for slow evenings"}),
    ("DELETE", CUSTOM): Cell(statuses(401, 404, 404, 204)),
}


async def add_custom(person: Person, space_id: str, title: str, note: str = "") -> dict[str, Any]:
    response = await person.post(f"/api/v1/spaces/{space_id}/custom-activities", json={"title": title, "note": note})
    assert response.status_code == 201, response.text
    return dict(response.json())


async def set_boundaries(person: Person, space_id: str, **levels: str) -> dict[str, Any]:
    changes = [{"activity_id": a.replace("_", "-"), "level": level} for a, level in levels.items()]
    response = await person.patch(f"/api/v1/spaces/{space_id}/boundaries", json={"changes": changes})
    assert response.status_code == 200, response.text
    return dict(response.json())


async def seed(world: World) -> None:
    custom = await add_custom(world.patient, world.space_id, "Dancing in the kitchen")
    world.params["custom_activity_id"] = custom["id"]
    await set_boundaries(world.patient, world.space_id, kissing="welcome", oral_sex="not_now")
    await set_boundaries(world.partner, world.space_id, cuddling="welcome")


async def seed_private(world: World, markers: Any) -> None:
    for person, marker in ((world.patient, markers.patient), (world.partner, markers.partner)):
        await add_custom(person, world.space_id, "Sharing a bath", note=marker)
