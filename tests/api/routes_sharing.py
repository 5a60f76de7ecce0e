"""Matrix entries for the sharing overview and "stop sharing everything"."""

from __future__ import annotations

from .world import Cell, statuses

SPACE = "/api/v1/spaces/{space_id}"
MATRIX: dict[tuple[str, str], Cell] = {
    ("GET", SPACE + "/shared-by-me"): Cell(statuses(401, 404, 200, 200)),
    # Each member stops only their own sharing; the other's is untouched (tests/api/test_sharing.py).
    ("POST", SPACE + "/stop-sharing"): Cell(
        statuses(401, 404, 200, 200), lambda w, p: {"leave_space": False, "clear_boundaries": False}
    ),
}
