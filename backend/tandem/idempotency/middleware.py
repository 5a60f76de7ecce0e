"""Every signed-in write under /api/ may carry an `Idempotency-Key`: a repeat gets the first answer.

A phone that sent a write and lost the connection before the answer cannot know whether it arrived;
it sends it again with the same key. The first request with a key reserves it (a unique row per user
and key, committed before the write runs), so a repeat, even one arriving at the same moment, never
runs the write a second time: it waits for the first answer and gets it, status and body. The same key
with a different request is refused (422). Answers that say "try again" (401, 403, 408, 423, 429, any
5xx) are not kept: the reservation is given back, and the next try runs.
"""

from __future__ import annotations

import re
from typing import Any

from litestar.datastructures import MutableScopeHeaders
from litestar.enums import ScopeType
from litestar.exceptions import HTTPException
from litestar.middleware import ASGIMiddleware
from litestar.types import ASGIApp, Message, Receive, Scope, Send
from sqlalchemy.ext.asyncio import AsyncEngine

from tandem.idempotency.service import (
    IdempotencyStore,
    Mismatch,
    Reserved,
    StillRunning,
    StoredAnswer,
    fingerprint,
    key_digest,
)

HEADER = b"idempotency-key"
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
KEY_SHAPE = re.compile(r"^[A-Za-z0-9_-]{8,128}$")
RETRY_STATUSES = frozenset({401, 403, 408, 423, 425, 429})
# Answers of writes are short; a longer one is not kept (its key can be sent again).
MAX_STORED_BODY = 256 * 1024


def _header(scope: Scope, name: bytes) -> bytes | None:
    for key, value in scope.get("headers", []):
        if key == name:
            return bytes(value)
    return None


def _cookie(scope: Scope, name: str) -> str | None:
    prefix = f"{name}=".encode()
    for key, value in scope.get("headers", []):
        if key != b"cookie":
            continue
        for part in bytes(value).split(b";"):
            part = part.strip()
            if part.startswith(prefix):
                return part[len(prefix) :].decode("latin-1")
    return None


def _keeps(status: int) -> bool:
    return status < 500 and status not in RETRY_STATUSES


class IdempotencyMiddleware(ASGIMiddleware):
    scopes = (ScopeType.HTTP,)

    def __init__(self, engine: AsyncEngine, *, cookie_name: str, max_body_bytes: int) -> None:
        self.store = IdempotencyStore(engine)
        self.cookie_name = cookie_name
        self.max_body_bytes = max_body_bytes

    async def handle(self, scope: Scope, receive: Receive, send: Send, next_app: ASGIApp) -> None:
        raw_key = _header(scope, HEADER)
        path: str = scope.get("path", "")
        if raw_key is None or scope.get("method") not in UNSAFE_METHODS or not path.startswith("/api/"):
            await next_app(scope, receive, send)
            return
        key = raw_key.decode("latin-1").strip()
        if not KEY_SHAPE.match(key):
            raise HTTPException(
                status_code=400, detail="The Idempotency-Key header must be 8 to 128 letters, digits, - or _."
            )
        token = _cookie(scope, self.cookie_name)
        user_id = await self.store.user_of(token) if token and len(token) <= 128 else None
        if user_id is None:
            # Not signed in: the route answers 401 (or signs in); nothing to remember per user.
            await next_app(scope, receive, send)
            return
        buffered, body, complete = await _read_body(receive, self.max_body_bytes)
        replay = _replaying(buffered, receive)
        if not complete:
            # Too large (the route answers 413) or the client left: run it as it is.
            await next_app(scope, replay, send)
            return
        request_hash = fingerprint(str(scope.get("method")), path, scope.get("query_string", b""), body)
        outcome = await self.store.reserve(user_id, key_digest(key), request_hash)
        if isinstance(outcome, Mismatch):
            raise HTTPException(
                status_code=422, detail="This Idempotency-Key was already used for a different request."
            )
        if isinstance(outcome, StillRunning):
            raise HTTPException(
                status_code=409,
                detail="The same request is still being handled. Please try again in a moment.",
                headers={"Retry-After": "2"},
            )
        if isinstance(outcome, StoredAnswer):
            await _send_stored(send, outcome)
            return
        await self._run_first(scope, replay, send, next_app, outcome)

    async def _run_first(
        self, scope: Scope, receive: Receive, send: Send, next_app: ASGIApp, reserved: Reserved
    ) -> None:
        answer: dict[str, Any] = {"status": None, "content_type": None, "chunks": [], "size": 0}

        async def recording_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                answer["status"] = message["status"]
                headers = MutableScopeHeaders.from_message(message)
                answer["content_type"] = headers.get("content-type")
            elif message["type"] == "http.response.body":
                chunk = message.get("body", b"")
                answer["size"] += len(chunk)
                if answer["size"] <= MAX_STORED_BODY:
                    answer["chunks"].append(chunk)
            # Sent on first: the route's transaction commits as its answer starts (see app.py), and
            # the answer is stored only after that commit.
            await send(message)

        try:
            await next_app(scope, receive, recording_send)
        except BaseException:
            await self.store.release(reserved)
            raise
        status = answer["status"]
        if status is None or not _keeps(status) or answer["size"] > MAX_STORED_BODY:
            await self.store.release(reserved)
            return
        await self.store.complete(reserved, StoredAnswer(status, answer["content_type"], b"".join(answer["chunks"])))


async def _read_body(receive: Receive, limit: int) -> tuple[list[Any], bytes, bool]:
    """The request's messages as read, its body, and whether the whole body was read within `limit`."""
    messages: list[Any] = []
    size = 0
    while True:
        message = await receive()
        messages.append(message)
        if message["type"] != "http.request":
            return messages, b"", False
        size += len(message.get("body", b""))
        if size > limit:
            return messages, b"", False
        if not message.get("more_body", False):
            return messages, b"".join(bytes(m.get("body", b"")) for m in messages), True


def _replaying(buffered: list[Any], receive: Receive) -> Receive:
    pending = list(buffered)

    async def replay() -> Any:
        if pending:
            return pending.pop(0)
        return await receive()

    return replay


async def _send_stored(send: Send, answer: StoredAnswer) -> None:
    headers = [(b"idempotent-replayed", b"true")]
    if answer.status_code not in (204, 304):
        headers.append((b"content-length", str(len(answer.body)).encode()))
    if answer.content_type:
        headers.append((b"content-type", answer.content_type.encode("latin-1")))
    await send({"type": "http.response.start", "status": answer.status_code, "headers": headers})
    await send({"type": "http.response.body", "body": answer.body, "more_body": False})
