"""The session cookie, and a fresh CSRF cookie whenever the signed-in identity changes."""

from __future__ import annotations

from typing import Any

from litestar import Response
from litestar.datastructures import Cookie
from litestar.middleware.csrf import generate_csrf_token

from tandem.accounts.service import SignedIn
from tandem.core.config import Settings
from tandem.core.csrf import bound_csrf_token, csrf_cookie

CSRF_COOKIE = "csrftoken"


def _csrf_cookie(settings: Settings, session_token: str | None = None) -> Cookie:
    # Readable by the SPA on purpose (it echoes it in x-csrftoken); renewed at sign-in and sign-out,
    # and bound to the session while there is one (core/csrf.py).
    value = (
        bound_csrf_token(settings.secret_key, session_token)
        if session_token
        else generate_csrf_token(settings.secret_key)
    )
    return csrf_cookie(settings.secret_key, value, https=settings.https)


def set_session_cookies(response: Response[Any], settings: Settings, signed_in: SignedIn) -> None:
    max_age = None
    if signed_in.session.remembered:
        max_age = int((signed_in.session.expires_at - signed_in.session.created_at).total_seconds())
    response.set_cookie(
        key=settings.session_cookie_name,
        value=signed_in.token,
        path="/",
        max_age=max_age,
        secure=settings.https,
        httponly=True,
        samesite="lax",
    )
    response.set_cookie(_csrf_cookie(settings, signed_in.token))


def clear_session_cookies(response: Response[Any], settings: Settings) -> None:
    response.delete_cookie(settings.session_cookie_name, path="/")
    response.set_cookie(_csrf_cookie(settings))
