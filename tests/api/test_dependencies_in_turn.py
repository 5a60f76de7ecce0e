"""Every route resolves its dependencies one after another (tandem/web/dependencies_in_turn.py)."""

from __future__ import annotations

from litestar import Litestar
from litestar.routes import HTTPRoute


def test_no_route_resolves_its_dependencies_in_a_task_group(app: Litestar) -> None:
    levels = {
        (route.path_format, method): [[d.key for d in batch] for batch in kwargs_model.dependency_batches]
        for route in app.routes
        if isinstance(route, HTTPRoute)
        for method, (_handler, kwargs_model) in route.route_handler_map.items()
    }
    assert any(levels.values()), "the routes have dependencies to resolve"
    assert {key: batches for key, batches in levels.items() if any(len(b) != 1 for b in batches)} == {}
    # Still every dependency, each after what it needs: a space's list finds the member last.
    order = [keys[0] for keys in levels[("/api/v1/spaces/{space_id}/checkins", "GET")]]
    assert order.index("db_session") < order.index("accounts") < order.index("caller") < order.index("member")
