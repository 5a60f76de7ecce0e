"""Reading a server-sent event stream in-process, for a bounded time, as a browser would.

httpx's ASGI transport waits for the whole body, which a live stream never finishes; this reader
drives the ASGI app directly, collects what arrives, and disconnects when told to.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from dataclasses import dataclass, field
from typing import Any

from litestar import Litestar

from .people import Person

HOST = "testserver.local"


def parse_events(text: str) -> list[tuple[str, dict[str, Any]]]:
    """The (event name, JSON data) of each server-sent event in `text` that carries data."""
    found = []
    for block in text.replace("\r\n", "\n").split("\n\n"):
        name, data = "message", []
        for line in block.split("\n"):
            if line.startswith("event: "):
                name = line[7:]
            elif line.startswith("data: "):
                data.append(line[6:])
        # A heartbeat is a comment with an empty data line: nothing to decode.
        if any(data):
            found.append((name, json.loads("\n".join(data))))
    return found


@dataclass
class Event:
    event: str
    data: dict[str, Any]


@dataclass
class StreamReader:
    app: Litestar
    person: Person
    path: str
    status: int | None = None
    raw: bytearray = field(default_factory=bytearray)
    finished: bool = False

    def __post_init__(self) -> None:
        self._changed = asyncio.Event()
        self._leave = asyncio.Event()
        self._started = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._requested = False

    @property
    def text(self) -> str:
        return self.raw.decode("utf-8", errors="replace")

    def events(self) -> list[Event]:
        return [Event(name, data) for name, data in parse_events(self.text)]

    def changes(self, kind: str) -> list[str]:
        return [e.data["change"] for e in self.events() if e.event == kind]

    async def wait_for(self, predicate: Any, seconds: float = 15.0) -> bool:
        """Wait until `predicate(self)` holds, or the time is up; say which.

        The deadline is generous because a busy machine delays delivery; it is never a latency check.
        """
        loop = asyncio.get_running_loop()
        deadline = loop.time() + seconds
        while not predicate(self):
            if self.finished:
                return bool(predicate(self))
            remaining = deadline - loop.time()
            if remaining <= 0:
                return False
            self._changed.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._changed.wait(), remaining)
        return True

    async def __aenter__(self) -> StreamReader:
        cookies = "; ".join(f"{name}={value}" for name, value in self.person.client.cookies.items())
        scope = {
            "type": "http",
            "asgi": {"version": "3.0"},
            "http_version": "1.1",
            "method": "GET",
            "scheme": "http",
            "path": self.path,
            "raw_path": self.path.encode(),
            "root_path": "",
            "query_string": b"",
            "headers": [
                (b"host", HOST.encode()),
                (b"accept", b"text/event-stream"),
                (b"cookie", cookies.encode()),
            ],
            "client": ("127.0.0.1", 50000),
            "server": (HOST, 80),
        }
        self._task = asyncio.create_task(self._run(scope))
        await asyncio.wait_for(self._started.wait(), 5)
        if self.status == 200:
            # The stream is subscribed once it says "ready"; only from then on can no signal be missed.
            await self.wait_for(lambda s: any(e.event == "ready" for e in s.events()))
        return self

    async def __aexit__(self, *_: object) -> None:
        self._leave.set()
        if self._task is not None:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._task, 5)
            if not self._task.done():
                self._task.cancel()

    async def _run(self, scope: dict[str, Any]) -> None:
        try:
            await self.app(scope, self._receive, self._send)  # type: ignore[arg-type]
        finally:
            self.finished = True
            self._started.set()
            self._changed.set()

    async def _receive(self) -> dict[str, Any]:
        if not self._requested:
            self._requested = True
            return {"type": "http.request", "body": b"", "more_body": False}
        await self._leave.wait()
        return {"type": "http.disconnect"}

    async def _send(self, message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            self.status = message["status"]
            self._started.set()
        elif message["type"] == "http.response.body":
            self.raw.extend(message.get("body", b""))
            if not message.get("more_body", False):
                self.finished = True
        self._changed.set()
