"""Matrix entries for the app lock and quick exit (nobody in the world has set an app lock)."""

from __future__ import annotations

from typing import Any

from .people import PASSWORD
from .world import Cell, World, statuses

PIN = "2468"
MATRIX: dict[tuple[str, str], Cell] = {
    ("GET", "/api/v1/me/app-lock"): Cell(statuses(401, 200, 200, 200)),
    ("PUT", "/api/v1/me/app-lock"): Cell(
        statuses(401, 200, 200, 200), lambda w, p: {"pin": PIN, "idle_minutes": 5, "password": PASSWORD}
    ),
    ("DELETE", "/api/v1/me/app-lock"): Cell(statuses(401, 204, 204, 204), lambda w, p: {"password": PASSWORD}),
    # No lock is set, so there is nothing to lock or unlock.
    ("POST", "/api/v1/me/app-lock/lock"): Cell(statuses(401, 409, 409, 409)),
    ("POST", "/api/v1/me/app-lock/unlock"): Cell(statuses(401, 409, 409, 409), lambda w, p: {"pin": PIN}),
    ("GET", "/api/v1/me/quick-exit"): Cell(statuses(401, 200, 200, 200)),
    ("PUT", "/api/v1/me/quick-exit"): Cell(
        statuses(401, 200, 200, 200), lambda w, p: {"url": "https://example.org/weather", "signs_out": True}
    ),
    ("POST", "/api/v1/me/quick-exit"): Cell(statuses(401, 200, 200, 200)),
    ("POST", "/api/v1/me/sessions/end-others"): Cell(statuses(401, 200, 200, 200)),
}


async def seed_private(world: World, markers: Any) -> None:
    """Each member's own quick-exit address is theirs alone: it holds their marker."""
    for person, marker in ((world.patient, markers.patient), (world.partner, markers.partner)):
        response = await person.request("PUT", "/api/v1/me/quick-exit", json={"url": f"https://example.org/{marker}"})
        assert response.status_code == 200, response.text
