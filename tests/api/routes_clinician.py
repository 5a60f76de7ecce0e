"""Matrix entries and seed for clinician links.

The links are the patient's alone: the partner gets the same 404 as an outsider. The report a link
opens is a bearer address: whoever holds it reads it, with or without an account. The seeded link
covers a period long before the seeded journal and only the sessions table, so the leak test's
markers (written today, in goals, size labels and notes) are outside what it shows: a link shows
what the patient chose to give a clinician, and the leak test must not count that as a leak.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from .journal import ok, today
from .people import Person
from .world import Cell, World, statuses

SPACE = "/api/v1/spaces/{space_id}"
LINKS = SPACE + "/clinician-links"


def links(space_id: str, rest: str = "") -> str:
    return f"/api/v1/spaces/{space_id}/clinician-links{rest}"


def link_body(_: World | None = None, __: Person | None = None, **changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "period_start": (today() - timedelta(days=27)).isoformat(),
        "period_end": today().isoformat(),
        "sections": ["sessions", "charts", "goals"],
        "expires_in_days": 7,
        "time_zone": "UTC",
    }
    body.update(changes)
    return body


def token_of(created: dict[str, Any]) -> str:
    return str(created["path"].split("#", 1)[1])


def report(token: str) -> str:
    return f"/api/v1/clinician-report/{token}"


MATRIX: dict[tuple[str, str], Cell] = {
    ("GET", LINKS): Cell(statuses(401, 404, 404, 200)),
    ("POST", LINKS): Cell(statuses(401, 404, 404, 201), link_body),
    ("DELETE", LINKS + "/{clinician_link_id}"): Cell(statuses(401, 404, 404, 204)),
    # A bearer address for the patient's clinician: whoever holds it reads it, account or not.
    ("GET", "/api/v1/clinician-report/{clinician_token}"): Cell(statuses(200, 200, 200, 200)),
}


async def seed(world: World) -> None:
    long_ago = today() - timedelta(days=200)
    body = link_body(
        period_start=long_ago.isoformat(), period_end=(long_ago + timedelta(days=10)).isoformat(), sections=["sessions"]
    )
    created = await ok(world.patient.post(links(world.space_id), json=body), 201)
    world.params["clinician_link_id"] = created["link"]["id"]
    world.params["clinician_token"] = token_of(created)
