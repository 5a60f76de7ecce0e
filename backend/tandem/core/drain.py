"""Draining: once SIGTERM arrives the instance reports not ready and ends its open event streams.

The server (see `tandem.ops.server`) calls `begin()` on its event loop once SIGTERM arrives; readiness reads `draining`,
and every live event stream registers a wake-up so it can end cleanly instead of being cancelled.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable


class DrainState:
    def __init__(self) -> None:
        self._draining = False
        self._listeners: set[Callable[[], None]] = set()

    @property
    def draining(self) -> bool:
        return self._draining

    def begin(self) -> None:
        """Safe to call from another thread: listeners run on their own loops."""
        if self._draining:
            return
        self._draining = True
        for listener in list(self._listeners):
            listener()

    def on_drain(self, loop: asyncio.AbstractEventLoop, event: asyncio.Event) -> Callable[[], None]:
        """Set `event` (on `loop`) when draining begins; returns the function that stops listening."""

        def wake() -> None:
            loop.call_soon_threadsafe(event.set)

        self._listeners.add(wake)
        if self._draining:
            wake()
        return lambda: self._listeners.discard(wake)
