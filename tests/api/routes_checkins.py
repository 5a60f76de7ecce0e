"""Matrix entries, seeds and private markers for check-ins, checking in together, feelings and live events."""

from __future__ import annotations

from typing import Any

from .people import Person
from .world import Cell, World, statuses

SPACE = "/api/v1/spaces/{space_id}"
CHECKIN = SPACE + "/checkins/{checkin_id}"
ROUND = SPACE + "/together/{round_id}"


def checkin_body(mood: int = 3, **extra: Any) -> dict[str, Any]:
    return {"mood": mood, "closeness": "some", "feelings": ["hopeful", "tired"], **extra}


MATRIX: dict[tuple[str, str], Cell] = {
    ("GET", "/api/v1/feelings"): Cell(statuses(401, 200, 200, 200)),
    ("POST", SPACE + "/checkins"): Cell(statuses(401, 404, 201, 201), lambda w, p: checkin_body()),
    ("GET", SPACE + "/checkins"): Cell(statuses(401, 404, 200, 200)),
    ("GET", SPACE + "/checkins/mood"): Cell(statuses(401, 404, 200, 200)),
    # The seeded check-in is the patient's, shared.
    ("GET", CHECKIN): Cell(statuses(401, 404, 200, 200)),
    ("PATCH", CHECKIN): Cell(statuses(401, 404, 404, 200), lambda w, p: {"visibility": "private"}),
    ("DELETE", CHECKIN): Cell(statuses(401, 404, 404, 204)),
    # Acknowledgements are for the other member's check-in: the author gets a conflict.
    ("PUT", CHECKIN + "/acknowledgement"): Cell(statuses(401, 404, 200, 409), lambda w, p: {"kind": "hug"}),
    # The seeded round was started by the patient; starting again joins it.
    ("POST", SPACE + "/together"): Cell(statuses(401, 404, 201, 201)),
    ("GET", SPACE + "/together/current"): Cell(statuses(401, 404, 200, 200)),
    ("GET", ROUND): Cell(statuses(401, 404, 200, 200)),
    ("POST", ROUND + "/join"): Cell(statuses(401, 404, 200, 200)),
    ("POST", ROUND + "/answer"): Cell(statuses(401, 404, 200, 200), lambda w, p: checkin_body(4)),
    ("POST", ROUND + "/cancel"): Cell(statuses(401, 404, 409, 200)),
    # A bounded stream (TANDEM_EVENT_STREAM_SECONDS is short in tests).
    ("GET", SPACE + "/events"): Cell(statuses(401, 404, 200, 200)),
}


async def create_checkin(person: Person, space_id: str, **body: Any) -> dict[str, Any]:
    response = await person.post(f"/api/v1/spaces/{space_id}/checkins", json=checkin_body(**body))
    assert response.status_code == 201, response.text
    return dict(response.json())


async def seed(world: World) -> None:
    shared = await create_checkin(world.patient, world.space_id, visibility="shared", note="A gentle day.")
    world.params["checkin_id"] = shared["id"]
    started = await world.patient.post(f"/api/v1/spaces/{world.space_id}/together")
    assert started.status_code == 201, started.text
    world.params["round_id"] = started.json()["id"]


async def seed_private(world: World, markers: Any) -> None:
    for person, marker in ((world.patient, markers.patient), (world.partner, markers.partner)):
        private = await create_checkin(person, world.space_id, own_words=[marker], help_from_you=marker, note=marker)
        if person is world.patient:
            # Routes by id now point at the private check-in: the partner must get a plain 404.
            world.params["checkin_id"] = private["id"]
    # The patient's answer in the open round is not revealed: the partner has not answered.
    answered = await world.patient.post(
        f"/api/v1/spaces/{world.space_id}/together/{world.params['round_id']}/answer",
        json=checkin_body(2, own_words=[markers.patient], help_from_you=markers.patient, note=markers.patient),
    )
    assert answered.status_code == 200, answered.text
