"""The authorization matrix over the app's own route table, gathered from the routes_<domain>.py modules."""

from __future__ import annotations

from litestar import Litestar
from litestar.routes import HTTPRoute

from .apps import TEST_ONLY_PATHS
from .world import Cell, feature_modules


def full_matrix() -> dict[tuple[str, str], Cell]:
    matrix: dict[tuple[str, str], Cell] = {}
    for module in feature_modules():
        entries: dict[tuple[str, str], Cell] = getattr(module, "MATRIX", {})
        overlap = set(matrix) & set(entries)
        assert not overlap, f"{module.__name__} repeats {overlap}"
        matrix.update(entries)
    return matrix


MATRIX = full_matrix()


def api_routes(app: Litestar) -> set[tuple[str, str]]:
    found = set()
    for route in app.routes:
        if not isinstance(route, HTTPRoute) or not route.path.startswith("/api/"):
            continue
        if route.path in TEST_ONLY_PATHS:
            continue
        for method in route.methods - {"OPTIONS", "HEAD"}:
            found.add((method, route.path_format))
    return found
