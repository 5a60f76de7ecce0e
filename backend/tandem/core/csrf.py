"""CSRF tokens bound to the session: only the session's own token passes a write.

Litestar's CSRF middleware checks that the header echoes the cookie and that the cookie carries its
signature, but any signed token passes, including one issued to another session. Here a signed-in
browser's token is derived from its session (an HMAC of the session token under the app's secret, in
Litestar's token format so its middleware still accepts it), and a write that carries a session
cookie must present exactly that token. Before sign-in there is no session to bind to; Litestar's
random signed token serves, and the same-origin checks stand in front of it.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable
from typing import Any

from litestar._parsers import parse_cookie_string
from litestar.datastructures import Cookie, MutableScopeHeaders
from litestar.enums import ScopeType
from litestar.exceptions import PermissionDeniedException
from litestar.middleware.csrf import CSRF_SECRET_LENGTH, generate_csrf_hash
from litestar.types import Message, Scope

CSRF_COOKIE = "csrftoken"
CSRF_HEADER = "x-csrftoken"


def bound_csrf_token(secret_key: str, session_token: str) -> str:
    """The one CSRF token a session accepts (stable for the session's life, useless for any other)."""
    derived = hmac.new(secret_key.encode(), b"csrf:" + session_token.encode(), hashlib.sha256).hexdigest()
    token_secret = derived[:CSRF_SECRET_LENGTH]
    return token_secret + generate_csrf_hash(token=token_secret, secret=secret_key)


def csrf_cookie(secret_key: str, value: str, *, https: bool) -> Cookie:
    # Readable by the SPA on purpose: it echoes the value in x-csrftoken.
    return Cookie(key=CSRF_COOKIE, value=value, path="/", secure=https, httponly=False, samesite="lax")


def _request_cookies(scope: Scope) -> dict[str, str]:
    # Read exactly as `request.cookies` reads them (the first cookie header, Litestar's parser), so the
    # session this check binds to is the session the request is signed in with, even when a header is
    # malformed. The parser caches, so a browser's repeated cookie header is parsed once.
    for name, value in scope.get("headers", []):
        if name == b"cookie":
            return parse_cookie_string(value.decode("latin-1"))
    return {}


def check_bound_token(scope: Scope, headers: Any, secret_key: str, session_cookie: str) -> None:
    """For a write: with a session cookie, the header must be that session's own token."""
    session_token = _request_cookies(scope).get(session_cookie)
    if not session_token:
        return
    presented = headers.get(CSRF_HEADER, "")
    if not hmac.compare_digest(presented.encode(), bound_csrf_token(secret_key, session_token).encode()):
        raise PermissionDeniedException("CSRF token verification failed.")


def bound_cookie_hook(secret_key: str, session_cookie: str, *, https: bool) -> Callable[[Message, Scope], Any]:
    """A before_send hook: a browser with a session always holds that session's token in its cookie.

    Responses that set the session cookie (sign-in, sign-out) set their own CSRF cookie and are left
    alone; otherwise an unbound or missing token (older sessions, or Litestar's random one issued on a
    GET) is replaced by the bound one.
    """

    async def renew(message: Message, scope: Scope) -> None:
        if message["type"] != "http.response.start" or scope["type"] != ScopeType.HTTP:
            return
        cookies = _request_cookies(scope)
        session_token = cookies.get(session_cookie)
        if not session_token:
            return
        headers = MutableScopeHeaders.from_message(message)
        set_cookies = headers.getall("set-cookie", [])
        if any(value.startswith(f"{session_cookie}=") for value in set_cookies):
            return
        expected = bound_csrf_token(secret_key, session_token)
        if cookies.get(CSRF_COOKIE) == expected and not any(v.startswith(f"{CSRF_COOKIE}=") for v in set_cookies):
            return
        kept = [value for value in set_cookies if not value.startswith(f"{CSRF_COOKIE}=")]
        del headers["set-cookie"]
        for value in kept:
            headers.add("set-cookie", value)
        header = csrf_cookie(secret_key, expected, https=https).to_header(header="")
        headers.add("set-cookie", header.strip())

    return renew
