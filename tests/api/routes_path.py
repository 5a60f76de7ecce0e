"""Matrix entries and seeds for the path: both members turned it on and moved on to the second stage."""

from __future__ import annotations

from typing import Any

from .people import Person
from .world import Cell, World, statuses

SPACE = "/api/v1/spaces/{space_id}"


def ready_body(_: World, __: Person) -> dict[str, Any]:
    return {"answer": "not_yet"}


MATRIX: dict[tuple[str, str], Cell] = {
    ("GET", SPACE + "/path"): Cell(statuses(401, 404, 200, 200)),
    ("GET", SPACE + "/path/stages/{stage_id}"): Cell(statuses(401, 404, 200, 200)),
    ("PUT", SPACE + "/path/choice"): Cell(statuses(401, 404, 200, 200), lambda w, p: {"turned_on": True}),
    ("PUT", SPACE + "/path/readiness"): Cell(statuses(401, 404, 200, 200), ready_body),
    ("DELETE", SPACE + "/path/readiness"): Cell(statuses(401, 404, 204, 204)),
    # The world is on the second stage, so either member can step back alone.
    ("POST", SPACE + "/path/step-back"): Cell(statuses(401, 404, 200, 200)),
}


async def seed(world: World) -> None:
    base = f"/api/v1/spaces/{world.space_id}/path"
    for person in (world.patient, world.partner):
        response = await person.request("PUT", base + "/choice", json={"turned_on": True})
        assert response.status_code == 200, response.text
    for person in (world.patient, world.partner):
        response = await person.request("PUT", base + "/readiness", json={"answer": "ready"})
        assert response.status_code == 200, response.text
    world.params["stage_id"] = "stage-skin-touch"


async def seed_private(world: World, markers: Any) -> None:
    """The path holds no free text, so no marker can be written into it. Its private state (a "not yet"
    from the patient, a "ready" from the partner) is present while the leak test reads every route;
    that it stays invisible is proven by tests/api/test_path_privacy.py."""
    base = f"/api/v1/spaces/{world.space_id}/path"
    assert (await world.patient.request("PUT", base + "/readiness", json={"answer": "not_yet"})).status_code == 200
    assert (await world.partner.request("PUT", base + "/readiness", json={"answer": "ready"})).status_code == 200
