"""Who is calling: the signed-in user behind the session cookie, or a 401."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from litestar import Request
from litestar.exceptions import NotAuthorizedException

from tandem.accounts.models import AuthSession, User
from tandem.accounts.service import AccountService
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
    resolved = await accounts.resolve(raw, touch=touch)
    if resolved is None:
        raise NotAuthorizedException(NOT_SIGNED_IN)
    user, session = resolved
    await app_lock_guard(request, accounts.db, user, session, touch=touch)
    return Caller(user=user, session=session)
