"""Who is calling: the signed-in user behind the session cookie, or a 401."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from litestar import Request
from litestar.exceptions import NotAuthorizedException

from tandem.accounts.models import AuthSession, User
from tandem.accounts.service import AccountService, touch_due
from tandem.accounts.touch import touch_after_response
from tandem.core.db import SAFE_METHODS, utcnow
from tandem.factors.stepup import guard as step_up_guard
from tandem.safety.lock import guard as app_lock_guard

NOT_SIGNED_IN = "Please log in to continue."


@dataclass(frozen=True, slots=True)
class Caller:
    user: User
    session: AuthSession


async def resolve_caller(request: Request[Any, Any, Any], accounts: AccountService, *, touch: bool = True) -> Caller:
    raw = request.cookies.get(accounts.settings.session_cookie_name)
    if not raw or len(raw) > 128:
        raise NotAuthorizedException(NOT_SIGNED_IN)
    # A read request does not write: its session is marked used after the response (accounts/touch.py).
    safe = request.method in SAFE_METHODS
    resolved = await accounts.resolve(raw, touch=touch and not safe)
    if resolved is None:
        raise NotAuthorizedException(NOT_SIGNED_IN)
    user, session = resolved
    # The lock comes first: a request answered 423 does not count as activity.
    await app_lock_guard(request, accounts.db, user, session, touch=touch, read_only=safe)
    step_up_guard(request, session)
    if touch and safe and touch_due(session, utcnow()):
        touch_after_response(request, session.id)
    return Caller(user=user, session=session)
