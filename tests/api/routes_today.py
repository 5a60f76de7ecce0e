"""Matrix entries and seeds for the question for today and each member's own reminders."""

from __future__ import annotations

from .world import Cell, World, statuses

SPACE = "/api/v1/spaces/{space_id}"

MATRIX: dict[tuple[str, str], Cell] = {
    ("GET", SPACE + "/today"): Cell(statuses(401, 404, 200, 200)),
    ("PUT", SPACE + "/today/depth"): Cell(statuses(401, 404, 200, 200), lambda w, p: {"depth": "deeper"}),
    ("GET", SPACE + "/reminders"): Cell(statuses(401, 404, 200, 200)),
    ("PUT", SPACE + "/reminders/{reminder_kind}"): Cell(
        statuses(401, 404, 200, 200), lambda w, p: {"at": "20:30", "weekdays": [1, 4]}
    ),
    ("DELETE", SPACE + "/reminders/{reminder_kind}"): Cell(statuses(401, 404, 204, 204)),
}


async def seed(world: World) -> None:
    world.params["reminder_kind"] = "checkin"
