"""Markers planted in every private field, and the check that no GET route shows them to anyone but their author."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from .matrix import MATRIX
from .world import World, feature_modules


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
