"""Matrix entries and seeds for plans, reflections and the calendar feed."""

from __future__ import annotations

from typing import Any

from .ideas_support import ensure_library, gentle_ideas, library, rate
from .people import Person
from .world import Cell, World, statuses

SPACE = "/api/v1/spaces/{space_id}"
PLAN = SPACE + "/plans/{plan_id}"


def reflection_body(_: World, __: Person) -> dict[str, Any]:
    return {"feeling": "relaxed", "comfort": 7, "note": "", "shared": False}


MATRIX: dict[tuple[str, str], Cell] = {
    ("GET", SPACE + "/plans"): Cell(statuses(401, 404, 200, 200)),
    ("POST", SPACE + "/plans"): Cell(statuses(401, 404, 201, 201), lambda w, p: {"idea_id": w.params["match_id"]}),
    ("GET", PLAN): Cell(statuses(401, 404, 200, 200)),
    # The plan in the path was proposed by the patient: only the partner answers it.
    ("POST", PLAN + "/accept"): Cell(statuses(401, 404, 200, 409)),
    ("POST", PLAN + "/decline"): Cell(statuses(401, 404, 200, 409)),
    ("POST", PLAN + "/reschedule"): Cell(statuses(401, 404, 200, 200), lambda w, p: {}),
    ("POST", PLAN + "/pause"): Cell(statuses(401, 404, 200, 200), lambda w, p: {}),
    ("POST", PLAN + "/cancel"): Cell(statuses(401, 404, 200, 200), lambda w, p: {}),
    # Not accepted yet, so not the time for a reflection.
    ("PUT", PLAN + "/reflection"): Cell(statuses(401, 404, 409, 409), reflection_body),
    ("DELETE", PLAN + "/reflection"): Cell(statuses(401, 404, 204, 204)),
    ("GET", SPACE + "/calendar-feed"): Cell(statuses(401, 404, 200, 200)),
    ("POST", SPACE + "/calendar-feed"): Cell(statuses(401, 404, 201, 201), lambda w, p: {}),
    # Only the patient has turned a feed on.
    ("PATCH", SPACE + "/calendar-feed"): Cell(statuses(401, 404, 404, 200), lambda w, p: {"detailed_titles": True}),
    ("DELETE", SPACE + "/calendar-feed"): Cell(statuses(401, 404, 204, 204)),
    # A bearer address for calendar apps: whoever holds it reads it, cookie or not.
    ("GET", "/api/v1/calendar/{feed_token}/tandem.ics"): Cell(statuses(200, 200, 200, 200)),
}


async def make_match(world: World, index: int = 0) -> str:
    await ensure_library(world.app)
    idea_id = gentle_ideas(await library(world.patient, world.space_id), index + 1)[index]
    for person in (world.patient, world.partner):
        assert await rate(person, world.space_id, idea_id, "yes") == 200
    return idea_id


async def propose(world: World, person: Person, idea_id: str, **body: Any) -> dict[str, Any]:
    response = await person.post(f"/api/v1/spaces/{world.space_id}/plans", json={"idea_id": idea_id, **body})
    assert response.status_code == 201, response.text
    return dict(response.json())


async def seed(world: World) -> None:
    world.params["match_id"] = await make_match(world)
    plan = await propose(world, world.patient, world.params["match_id"], note="Saturday?")
    world.params["plan_id"] = plan["id"]
    feed = await world.patient.post(f"/api/v1/spaces/{world.space_id}/calendar-feed", json={})
    assert feed.status_code == 201, feed.text
    world.params["feed_token"] = feed.json()["path"].split("/")[-2]


async def seed_private(world: World, markers: Any) -> None:
    """Each member's unshared reflection on an accepted plan carries their marker."""
    idea_id = await make_match(world, index=1)
    plan = await propose(world, world.patient, idea_id)
    url = f"/api/v1/spaces/{world.space_id}/plans/{plan['id']}"
    assert (await world.partner.post(url + "/accept")).status_code == 200
    for person, marker in ((world.patient, markers.patient), (world.partner, markers.partner)):
        body = {"feeling": "mixed", "comfort": 5, "note": f"private {marker}", "shared": False}
        response = await person.request("PUT", url + "/reflection", json=body)
        assert response.status_code == 200, response.text
