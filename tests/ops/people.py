"""A person talking HTTP to real app processes, from their own loopback address (limits are per address)."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

import httpx

from tests.api.streams import parse_events

PASSWORD = "a calm river at dawn"
_addresses = itertools.count(2)


def next_address() -> str:
    n = next(_addresses)
    return f"127.0.{n // 250}.{n % 250 + 2}"


@dataclass
class Member:
    base_url: str
    email: str = field(default_factory=lambda: f"ops-{uuid.uuid4().hex[:10]}@example.org")
    address: str = field(default_factory=next_address)
    client: httpx.AsyncClient = field(init=False)

    def __post_init__(self) -> None:
        transport = httpx.AsyncHTTPTransport(local_address=self.address)
        self.client = httpx.AsyncClient(transport=transport, base_url=self.base_url, timeout=30)

    async def request(self, method: str, path: str, base_url: str | None = None, **kwargs: Any) -> httpx.Response:
        url = (base_url or self.base_url) + path
        headers = dict(kwargs.pop("headers", None) or {})
        if method != "GET":
            token = self.client.cookies.get("csrftoken")
            if token is None:
                await self.client.get(url.split("/api/")[0] + "/api/v1/me")
                token = self.client.cookies.get("csrftoken")
            headers["x-csrftoken"] = token or ""
        return await self.client.request(method, url, headers=headers, **kwargs)

    async def sign_up(self) -> Member:
        response = await self.request(
            "POST",
            "/api/v1/auth/signup",
            json={"email": self.email, "password": PASSWORD, "display_name": "Sam", "consent_health_data": True},
        )
        assert response.status_code == 201, response.text
        return self

    async def close(self) -> None:
        await self.client.aclose()

    @asynccontextmanager
    async def stream(self, path: str, base_url: str | None = None) -> AsyncIterator[StreamLog]:
        log = StreamLog()
        url = (base_url or self.base_url) + path
        async with self.client.stream("GET", url, headers={"accept": "text/event-stream"}, timeout=None) as response:
            log.status = response.status_code
            log.attach(response)
            try:
                yield log
            finally:
                if log.task is not None and not log.task.done():
                    log.task.cancel()
                    with contextlib.suppress(asyncio.CancelledError):
                        await log.task


@dataclass
class StreamLog:
    status: int = 0
    raw: str = ""
    ended_cleanly: bool = False
    error: str | None = None
    task: asyncio.Task[None] | None = None

    def attach(self, response: httpx.Response) -> StreamLog:
        async def read() -> None:
            try:
                async for text in response.aiter_text():
                    self.raw += text
                self.ended_cleanly = True
            except httpx.HTTPError as exc:
                self.error = type(exc).__name__

        self.task = asyncio.create_task(read())
        return self

    def events(self) -> list[tuple[str, dict[str, Any]]]:
        return parse_events(self.raw)

    def ids(self) -> list[str]:
        return [str(data.get("id")) for _, data in self.events()]
