"""Each route's dependencies resolved one after another, never in a task group.

Litestar resolves the dependencies of one level side by side: a level with two (the request's database
session and the channels plugin, then a domain's service beside the account service) runs in an anyio
task group, two tasks spawned and joined, on about a third of the routes, twice per request. Tandem's
providers are constructors and a session lookup that never wait on each other, so running a level's
dependencies in turn gives the same values without the task group: about a tenth of the event loop's
time on a daily list (py-spy, GET check-ins under load). The order within a level is fixed (by name), so
every request runs the same steps.
"""

from __future__ import annotations

from litestar import Litestar
from litestar.routes import HTTPRoute


def resolve_dependencies_in_turn(app: Litestar) -> None:
    for route in app.routes:
        if not isinstance(route, HTTPRoute):
            continue
        for _handler, kwargs_model in route.route_handler_map.values():
            kwargs_model.dependency_batches = [
                {dependency}
                for batch in kwargs_model.dependency_batches
                for dependency in sorted(batch, key=lambda d: d.key)
            ]
