"""The leak test: a marker in every private field, then every GET route as everyone but the author.

Each feature's `seed_private(world, markers)` (in its routes_<domain>.py) writes `markers.patient`
into every private field of records the patient authors, and `markers.partner` into the partner's.
Then every GET route of the API is called with the world's parameters by the other member, the
outsider and an anonymous caller, and no marker but the viewer's own may appear: not in bodies,
headers or errors.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from litestar import Litestar

from .test_authorization_matrix import MATRIX
from .world import World, build_world, feature_modules


@dataclass(frozen=True)
class Markers:
    patient: str = field(default_factory=lambda: f"PATIENTLEAK{uuid.uuid4().hex}")
    partner: str = field(default_factory=lambda: f"PARTNERLEAK{uuid.uuid4().hex}")


async def seed_all_private(world: World, markers: Markers) -> None:
    for module in feature_modules():
        seed: Callable[[World, Markers], Awaitable[None]] | None = getattr(module, "seed_private", None)
        if seed is not None:
            await seed(world, markers)


async def assert_no_leak(world: World, markers: Markers) -> int:
    get_routes = sorted(path for method, path in MATRIX if method == "GET")
    viewers = {
        "patient": (world.patient, [markers.partner]),
        "partner": (world.partner, [markers.patient]),
        "outsider": (world.outsider, [markers.patient, markers.partner]),
        "anonymous": (world.anonymous, [markers.patient, markers.partner]),
    }
    checked = 0
    for name, (viewer, forbidden) in viewers.items():
        for path in get_routes:
            response = await viewer.get(world.fill(path))
            headers = "\n".join(f"{k}: {v}" for k, v in response.headers.items())
            for marker in forbidden:
                assert marker not in response.text, (name, path)
                assert marker not in headers, (name, path)
            checked += 1
    return checked


async def test_no_private_marker_reaches_anyone_but_its_author(app: Litestar) -> None:
    world = await build_world(app)
    markers = Markers()
    await seed_all_private(world, markers)
    checked = await assert_no_leak(world, markers)
    assert checked == 4 * len([1 for method, _ in MATRIX if method == "GET"])
