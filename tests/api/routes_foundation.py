"""Matrix entries for the foundation's routes (accounts, sessions, spaces, invitations)."""

from __future__ import annotations

from typing import Any

from .people import PASSWORD, Person, unique_email
from .world import Cell, World, statuses


def signup_body(_: World, __: Person) -> dict[str, Any]:
    return {"email": unique_email(), "password": PASSWORD, "display_name": "New", "consent_health_data": True}


def own_login(_: World, person: Person) -> dict[str, Any]:
    return {"email": person.email, "password": person.password}


SPACE = "/api/v1/spaces/{space_id}"
MATRIX: dict[tuple[str, str], Cell] = {
    ("GET", "/api/v1/health"): Cell(statuses(200, 200, 200, 200)),
    ("GET", "/api/v1/health/live"): Cell(statuses(200, 200, 200, 200)),
    ("GET", "/api/v1/health/ready"): Cell(statuses(200, 200, 200, 200)),
    ("GET", "/api/v1/activities"): Cell(statuses(401, 200, 200, 200)),
    ("POST", "/api/v1/auth/signup"): Cell(statuses(201, 201, 201, 201), signup_body),
    # The patient has two-step sign-in on (routes_factors.py): the password alone answers 202, pending.
    ("POST", "/api/v1/auth/login"): Cell(statuses(401, 200, 200, 202), own_login),
    ("POST", "/api/v1/auth/logout"): Cell(statuses(204, 204, 204, 204)),
    ("GET", "/api/v1/auth/session"): Cell(statuses(200, 200, 200, 200)),
    ("GET", "/api/v1/me"): Cell(statuses(401, 200, 200, 200)),
    ("PATCH", "/api/v1/me"): Cell(statuses(401, 200, 200, 200), lambda w, p: {"display_name": "Renamed"}),
    ("DELETE", "/api/v1/me"): Cell(statuses(401, 204, 204, 204), lambda w, p: {"password": PASSWORD}),
    ("GET", "/api/v1/me/sessions"): Cell(statuses(401, 200, 200, 200)),
    # The session in the path is the patient's own.
    ("DELETE", "/api/v1/me/sessions/{session_id}"): Cell(statuses(401, 404, 404, 204)),
    ("POST", "/api/v1/me/password"): Cell(
        statuses(401, 204, 204, 204), lambda w, p: {"current_password": PASSWORD, "new_password": "another calm river"}
    ),
    ("GET", "/api/v1/me/export"): Cell(statuses(401, 200, 200, 200)),
    ("POST", "/api/v1/spaces"): Cell(statuses(401, 409, 409, 409), lambda w, p: {"name": "Another", "role": "patient"}),
    ("GET", SPACE): Cell(statuses(401, 404, 200, 200)),
    ("PATCH", SPACE): Cell(statuses(401, 404, 200, 200), lambda w, p: {"name": "Renamed space"}),
    ("GET", SPACE + "/invitations"): Cell(statuses(401, 404, 200, 200)),
    # The space already has both members, so a new invitation is a conflict for them.
    ("POST", SPACE + "/invitations"): Cell(statuses(401, 404, 409, 409)),
    ("DELETE", SPACE + "/invitations/{invitation_id}"): Cell(statuses(401, 404, 204, 204)),
    ("POST", SPACE + "/leave"): Cell(statuses(401, 404, 204, 204)),
    ("GET", SPACE + "/notices/partner-left"): Cell(statuses(401, 404, 200, 200)),
    ("POST", SPACE + "/notices/partner-left/seen"): Cell(statuses(401, 404, 204, 204)),
    # Everyone signed in here already has a space.
    ("POST", "/api/v1/invitations/accept"): Cell(
        statuses(401, 409, 409, 409), lambda w, p: {"token": w.params["invitation_token"]}
    ),
}
