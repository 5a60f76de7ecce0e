"""Overload answers quickly and honestly: 503 when the database is saturated, 429 for one session's burst.

- No free connection within the pool timeout, a statement past PostgreSQL's statement_timeout, a lock
  not granted within lock_timeout (or SQLite's busy timeout): 503 with Retry-After, within seconds,
  instead of a 500 after half a minute.
- One session may run only a few writes at once; the rest wait their turn for a short while and
  then get 429 with Retry-After. So one member's burst of 80 requests holds a handful of connections,
  and everyone else's requests go on. The bound is per process (each instance holds its own pool).
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from typing import Any

from litestar import Request, Response
from litestar.enums import ScopeType
from litestar.exceptions import HTTPException
from litestar.middleware import ASGIMiddleware
from litestar.types import ASGIApp, ExceptionHandlersMap, Receive, Scope, Send
from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError

from tandem.core.config import Settings
from tandem.core.errors import Problem, internal_error_handler, problem_response

logger = logging.getLogger("tandem.errors")

UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
RETRY_AFTER_SECONDS = "2"
BUSY_DETAIL = "Tandem is busy right now. Please try again in a moment."
# PostgreSQL: query_canceled (statement_timeout), lock_not_available (lock_timeout).
BUSY_SQLSTATES = frozenset({"57014", "55P03"})


def _busy(request: Request[Any, Any, Any], reason: str) -> Response[Problem]:
    logger.warning("database busy (%s) on %s %s", reason, request.method, request.scope.get("path_template", "?"))
    return problem_response(503, BUSY_DETAIL, headers={"Retry-After": RETRY_AFTER_SECONDS})


def pool_timeout_handler(request: Request[Any, Any, Any], _: PoolTimeoutError) -> Response[Problem]:
    return _busy(request, "no free connection")


def _is_busy(exc: DBAPIError) -> bool:
    original = exc.orig
    sqlstate = getattr(original, "sqlstate", None) or getattr(getattr(original, "__cause__", None), "sqlstate", None)
    if sqlstate in BUSY_SQLSTATES:
        return True
    # SQLite: the busy timeout passed while another connection held the write lock.
    return "database is locked" in str(original)


def database_error_handler(request: Request[Any, Any, Any], exc: DBAPIError) -> Response[Problem]:
    if _is_busy(exc):
        return _busy(request, "timeout")
    if exc.connection_invalidated:
        # The connection died under the request (a database restart): the pool replaces it; try again.
        return _busy(request, "connection lost")
    return internal_error_handler(request, exc)


OVERLOAD_HANDLERS: ExceptionHandlersMap = {
    PoolTimeoutError: pool_timeout_handler,
    DBAPIError: database_error_handler,
}


def _session_key(scope: Scope, cookie_name: str) -> str | None:
    prefix = f"{cookie_name}=".encode()
    for name, value in scope.get("headers", []):
        if name != b"cookie":
            continue
        for part in value.split(b";"):
            part = part.strip()
            if part.startswith(prefix):
                return hashlib.sha256(part[len(prefix) :]).hexdigest()
    return None


class WriteBoundMiddleware(ASGIMiddleware):
    """At most `per_session` writes of one session at once; a write that waits longer than `wait` gets 429."""

    scopes = (ScopeType.HTTP,)

    def __init__(self, settings: Settings) -> None:
        self.cookie_name = settings.session_cookie_name
        self.per_session = settings.writes_per_session
        self.wait_seconds = settings.write_wait_seconds
        # Only sessions with writes in flight have an entry: (slots, requests holding or waiting).
        self._slots: dict[str, tuple[asyncio.Semaphore, list[int]]] = {}

    async def handle(self, scope: Scope, receive: Receive, send: Send, next_app: ASGIApp) -> None:
        key = _session_key(scope, self.cookie_name) if scope.get("method") in UNSAFE_METHODS else None
        if key is None:
            await next_app(scope, receive, send)
            return
        semaphore, users = self._slots.setdefault(key, (asyncio.Semaphore(self.per_session), [0]))
        users[0] += 1
        try:
            try:
                await asyncio.wait_for(semaphore.acquire(), timeout=self.wait_seconds)
            except TimeoutError:
                raise HTTPException(
                    status_code=429,
                    detail="Too many changes at once from this device. Please try again in a moment.",
                    headers={"Retry-After": RETRY_AFTER_SECONDS},
                ) from None
            try:
                await next_app(scope, receive, send)
            finally:
                semaphore.release()
        finally:
            users[0] -= 1
            if users[0] == 0:
                self._slots.pop(key, None)
