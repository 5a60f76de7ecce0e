"""The shared fixture world for the authorization matrix and the leak test.

A patient and a partner share a space (with one pending invitation); an outsider has a space of
their own; an anonymous caller has no session. Each feature adds its own records to the world in a
module named `routes_<domain>.py` beside this file (found automatically), which may define:

- `MATRIX`: {(METHOD, path template): Cell} for every route of the feature;
- `async def seed(world)`: create records and put the path parameters the routes need into
  `world.params` (for example `world.params["checkin_id"] = ...`);
- `async def seed_private(world, marker)`: create private records whose every private field holds
  `marker`, authored by the patient (and by the partner where the feature has partner-private data),
  for the leak test.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

from litestar import Litestar

from .people import Person

CALLERS = ("anonymous", "outsider", "partner", "patient")


@dataclass
class World:
    app: Litestar
    patient: Person
    partner: Person
    outsider: Person
    anonymous: Person
    space_id: str
    outsider_space_id: str
    params: dict[str, str] = field(default_factory=dict)
    # Authenticator-app secrets of members who turned one on (by email), to finish a later sign-in.
    totp_secrets: dict[str, str] = field(default_factory=dict)

    def caller(self, name: str) -> Person:
        person: Person = getattr(self, name)
        return person

    def fill(self, path: str) -> str:
        return path.format(space_id=self.space_id, **self.params)


Body = Callable[[World, Person], Any] | None


@dataclass(frozen=True)
class Cell:
    """Expected status per caller, and the JSON body (built for the caller) for writes."""

    expected: dict[str, int]
    body: Body = None


def statuses(anonymous: int, outsider: int, partner: int, patient: int) -> dict[str, int]:
    return dict(zip(CALLERS, (anonymous, outsider, partner, patient), strict=True))


def feature_modules() -> list[ModuleType]:
    here = Path(__file__).parent
    names = sorted(m.name for m in pkgutil.iter_modules([str(here)]) if m.name.startswith("routes_"))
    return [importlib.import_module(f"{__package__}.{name}") for name in names]


async def build_world(app: Litestar) -> World:
    patient = await Person(app, display_name="Robin").sign_up()
    space = await patient.create_space("patient")
    joining = await patient.invite(space["id"])
    pending = await patient.invite(space["id"])
    partner = await Person(app, display_name="Alex").sign_up()
    assert (await partner.accept(joining["token"])).status_code == 200
    outsider = await Person(app, display_name="Kim").sign_up()
    outsider_space = await outsider.create_space("partner")
    world = World(
        app=app,
        patient=patient,
        partner=partner,
        outsider=outsider,
        anonymous=Person(app),
        space_id=space["id"],
        outsider_space_id=outsider_space["id"],
    )
    world.params["invitation_id"] = pending["id"]
    world.params["invitation_token"] = pending["token"]
    sessions = (await patient.get("/api/v1/me/sessions")).json()
    world.params["session_id"] = sessions[0]["id"]
    for module in feature_modules():
        seed: Callable[[World], Awaitable[None]] | None = getattr(module, "seed", None)
        if seed is not None:
            await seed(world)
    return world
