"""HEAD answers like GET without a body, on every path (RFC 9110 §9.3.2).

Litestar routes a HEAD only to handlers declared for it, so a plain GET route answered 405. This wrapper
sits in front of the router: it runs the request as a GET (a safe method: a read transaction, no CSRF),
passes the status and headers on (Content-Length included) and drops the body. Once the headers are
sent the response is complete and the route sees the client leave, so a live event stream ends too.
"""

from __future__ import annotations

import asyncio
from typing import Any

from litestar.enums import ScopeType
from litestar.types import ASGIApp, Message, Receive, Scope, Send

DISCONNECT: Message = {"type": "http.disconnect"}


def head_as_get(app: ASGIApp) -> ASGIApp:
    async def handler(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != ScopeType.HTTP or scope.get("method") != "HEAD":
            await app(scope, receive, send)
            return
        answered = asyncio.Event()

        async def headers_only(message: Message) -> None:
            if answered.is_set():
                return
            if message["type"] == "http.response.start":
                await send(message)
                await send({"type": "http.response.body", "body": b"", "more_body": False})
                answered.set()

        async def receive_until_answered() -> Any:
            if answered.is_set():
                return DISCONNECT
            inner = asyncio.ensure_future(receive())
            finished = asyncio.ensure_future(answered.wait())
            done, _ = await asyncio.wait({inner, finished}, return_when=asyncio.FIRST_COMPLETED)
            if inner in done:
                finished.cancel()
                return inner.result()
            inner.cancel()
            return DISCONNECT

        await app({**scope, "method": "GET"}, receive_until_answered, headers_only)

    return handler
