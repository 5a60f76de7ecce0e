"""Matrix entries for two-step sign-in: the patient has an authenticator app on; nobody has a pending sign-in."""

from __future__ import annotations

from typing import Any

from .factors_support import add_totp
from .world import Cell, World, statuses

SIGNED_IN_ONLY = statuses(401, 200, 200, 200)
NO_SUCH_CHALLENGE = {"challenge_id": "never-issued", "credential": {"id": "x", "type": "public-key"}}

MATRIX: dict[tuple[str, str], Cell] = {
    # Nobody signing in has given a password, so there is no second step to complete.
    ("POST", "/api/v1/auth/second-step"): Cell(statuses(401, 401, 401, 401), lambda w, p: {"code": "123456"}),
    ("POST", "/api/v1/auth/passkey/options"): Cell(statuses(200, 200, 200, 200)),
    ("POST", "/api/v1/auth/passkey"): Cell(statuses(409, 409, 409, 409), lambda w, p: NO_SUCH_CHALLENGE),
    ("GET", "/api/v1/me/factors"): Cell(SIGNED_IN_ONLY),
    ("POST", "/api/v1/me/factors/passkeys/options"): Cell(SIGNED_IN_ONLY),
    ("POST", "/api/v1/me/factors/passkeys"): Cell(statuses(401, 409, 409, 409), lambda w, p: NO_SUCH_CHALLENGE),
    ("POST", "/api/v1/me/factors/totp"): Cell(statuses(401, 201, 201, 201), lambda w, p: {"name": "Phone"}),
    # The patient's app is on already; nobody else can see it.
    ("POST", "/api/v1/me/factors/totp/{factor_id}/confirm"): Cell(
        statuses(401, 404, 404, 409), lambda w, p: {"code": "123456"}
    ),
    ("PATCH", "/api/v1/me/factors/{factor_id}"): Cell(statuses(401, 404, 404, 200), lambda w, p: {"name": "Old phone"}),
    ("DELETE", "/api/v1/me/factors/{factor_id}"): Cell(statuses(401, 404, 404, 204)),
    # Only a member with two-step sign-in on has recovery codes to replace.
    ("POST", "/api/v1/me/recovery-codes"): Cell(statuses(401, 409, 409, 200)),
    ("POST", "/api/v1/me/step-up"): Cell(SIGNED_IN_ONLY, lambda w, p: {"password": p.password}),
    ("POST", "/api/v1/me/step-up/passkey/options"): Cell(SIGNED_IN_ONLY),
    ("POST", "/api/v1/me/step-up/passkey"): Cell(statuses(401, 409, 409, 409), lambda w, p: NO_SUCH_CHALLENGE),
}


async def seed(world: World) -> None:
    _, added = await add_totp(world.patient)
    world.params["factor_id"] = added["factor"]["id"]


async def seed_private(world: World, markers: Any) -> None:
    """A factor's name is its owner's alone."""
    for person, marker in ((world.patient, markers.patient), (world.partner, markers.partner)):
        secret, _ = await add_totp(person, name=marker[:60])
        world.totp_secrets[person.email] = secret
