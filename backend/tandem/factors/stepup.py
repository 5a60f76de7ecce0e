"""Step-up: sensitive routes need the person to have proved who they are within the last few minutes.

A route opts in with one line, `opt=STEP_UP_REQUIRED` (merge it into any other opt). `guard` runs for
every route that resolves the caller (access/identity.py): without a sign-in or a step-up on this
session in the window, the route answers 403 with the problem type `STEP_UP_PROBLEM_TYPE`, which the
SPA recognises: it asks for the password, a passkey or a code (POST /api/v1/me/step-up...) and retries.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from litestar import Request
from litestar.exceptions import PermissionDeniedException

from tandem.accounts.models import AuthSession
from tandem.core.db import utcnow

STEP_UP = "step_up"
STEP_UP_REQUIRED = {STEP_UP: True}
STEP_UP_WINDOW = timedelta(minutes=5)
STEP_UP_PROBLEM_TYPE = "urn:tandem:problem:step-up-required"
STEP_UP_DETAIL = "Please confirm it's you to continue."


class StepUpRequired(PermissionDeniedException):
    problem_type = STEP_UP_PROBLEM_TYPE


def authenticated_at(session: AuthSession) -> datetime:
    """When the person last proved who they are on this session: at sign-in, or at their last step-up."""
    if session.stepped_up_at is None:
        return session.created_at
    return max(session.created_at, session.stepped_up_at)


def fresh_until(session: AuthSession) -> datetime:
    return authenticated_at(session) + STEP_UP_WINDOW


def guard(request: Request[Any, Any, Any], session: AuthSession, *, now: datetime | None = None) -> None:
    if not request.route_handler.opt.get(STEP_UP):
        return
    if (now or utcnow()) >= fresh_until(session):
        raise StepUpRequired(STEP_UP_DETAIL)
