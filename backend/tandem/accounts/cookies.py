"""The session cookie, and a fresh CSRF cookie whenever the signed-in identity changes."""

from __future__ import annotations

from typing import Any

from litestar import Response
from litestar.datastructures import Cookie
from litestar.middleware.csrf import generate_csrf_token

from tandem.accounts.service import SignedIn
from tandem.core.config import Settings

CSRF_COOKIE = "csrftoken"


def _csrf_cookie(settings: Settings) -> Cookie:
    # Readable by the SPA on purpose (it echoes it in x-csrftoken); renewed at sign-in and sign-out.
    return Cookie(
        key=CSRF_COOKIE,
        value=generate_csrf_token(settings.secret_key),
        path="/",
        secure=settings.https,
        httponly=False,
        samesite="lax",
    )


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
    response.set_cookie(_csrf_cookie(settings))


def clear_session_cookies(response: Response[Any], settings: Settings) -> None:
    response.delete_cookie(settings.session_cookie_name, path="/")
    response.set_cookie(_csrf_cookie(settings))
