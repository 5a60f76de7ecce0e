"""Matrix entries for the guides: readable by anyone signed in, whether or not they have a space."""

from __future__ import annotations

from .world import Cell, World, statuses

MATRIX: dict[tuple[str, str], Cell] = {
    ("GET", "/api/v1/guides"): Cell(statuses(401, 200, 200, 200)),
    ("GET", "/api/v1/guides/sources"): Cell(statuses(401, 200, 200, 200)),
    ("GET", "/api/v1/guides/{guide_id}"): Cell(statuses(401, 200, 200, 200)),
}


async def seed(world: World) -> None:
    world.params["guide_id"] = "what-vaginismus-is"
