"""Live events that survive Redis trouble: a supervised channels plugin and a pub/sub backend that reconnects.

Litestar's channels plugin runs one publishing and one receiving task without error handling: the first
Redis error ends the task silently, after which no event arrives anywhere and shutdown waits forever for
the publishing queue. Here both tasks run under a supervisor that logs, backs off, reconnects and
subscribes again to every channel that still has a listener. While Redis is away, events are dropped
(writes still succeed) and readiness says so; the browser refetches when its stream reopens.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import AsyncGenerator, Iterable
from typing import TYPE_CHECKING, Any

from litestar.channels import ChannelsPlugin
from litestar.channels.backends.base import ChannelsBackend

from tandem.core.drain import DrainState
from tandem.core.metrics import Metrics

if TYPE_CHECKING:
    # redis is imported only by an instance that uses it (core/redis_client.py): it costs start-up time.
    from redis.asyncio import Redis
    from redis.asyncio.client import PubSub

logger = logging.getLogger("tandem.events")

PUBLISH_TIMEOUT_SECONDS = 3.0
FIRST_RETRY_SECONDS = 0.2
LONGEST_RETRY_SECONDS = 3.0
CLOSE_TIMEOUT_SECONDS = 2.0
READ_TIMEOUT_SECONDS = 1.0
MAX_EARLY_RETURNS = 50


class EventsHealth:
    """What readiness and metrics read: whether the receiving side is connected, and since when it is not."""

    def __init__(self, metrics: Metrics) -> None:
        self.metrics = metrics
        self.connected = True
        self.down_since: float | None = None
        self.tasks_alive = False
        self.metrics.event_backend_up.set(1)

    def up(self) -> None:
        if not self.connected:
            logger.info("live events reconnected", extra={"event": "events_up"})
            self.metrics.event_backend_reconnects.inc()
        self.connected = True
        self.down_since = None
        self.metrics.event_backend_up.set(1)

    def down(self, exc: BaseException) -> None:
        if self.connected:
            logger.warning(
                "live events paused: backend unreachable", extra={"event": "events_down", "error": type(exc).__name__}
            )
        self.connected = False
        self.down_since = self.down_since or time.monotonic()
        self.metrics.event_backend_up.set(0)


class ReconnectingRedisPubSubBackend(ChannelsBackend):
    """Redis pub/sub whose subscriptions are remembered, so a new connection can take them all up again."""

    def __init__(self, redis: Redis, key_prefix: str = "tandem_channels") -> None:
        self.redis = redis
        self._prefix = key_prefix
        self._wanted: set[str] = set()
        self._pubsub: PubSub | None = None
        self._has_channels = asyncio.Event()

    async def on_startup(self) -> None:
        return None

    async def on_shutdown(self) -> None:
        await self._close()
        with contextlib.suppress(Exception):
            await asyncio.wait_for(self.redis.aclose(), CLOSE_TIMEOUT_SECONDS)

    async def _close(self) -> None:
        pubsub, self._pubsub = self._pubsub, None
        if pubsub is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(pubsub.aclose(), CLOSE_TIMEOUT_SECONDS)  # type: ignore[no-untyped-call]

    async def reconnect(self) -> None:
        """A fresh pub/sub connection subscribed to every wanted channel; raises while Redis is away."""
        await self._close()
        pubsub = self.redis.pubsub(ignore_subscribe_messages=True)
        try:
            await pubsub.ping()
            if self._wanted:
                await pubsub.subscribe(*self._wanted)
        except BaseException:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(pubsub.aclose(), CLOSE_TIMEOUT_SECONDS)  # type: ignore[no-untyped-call]
            raise
        self._pubsub = pubsub

    async def subscribe(self, channels: Iterable[str]) -> None:
        new = set(channels) - self._wanted
        self._wanted |= new
        if self._wanted:
            self._has_channels.set()
        if new and self._pubsub is not None:
            try:
                # Bounded: a connection Redis has just dropped can leave a command waiting for an answer
                # that never comes, and a stream must open (and end, below) whatever Redis does.
                await asyncio.wait_for(self._pubsub.subscribe(*new), CLOSE_TIMEOUT_SECONDS)
            except Exception as exc:  # the receiving loop notices the broken line and resubscribes
                logger.info("subscribe deferred until reconnect", extra={"error": type(exc).__name__})

    async def unsubscribe(self, channels: Iterable[str]) -> None:
        gone = set(channels) & self._wanted
        self._wanted -= gone
        if not self._wanted:
            self._has_channels.clear()
        if gone and self._pubsub is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self._pubsub.unsubscribe(*gone), CLOSE_TIMEOUT_SECONDS)

    async def publish(self, data: bytes, channels: Iterable[str]) -> None:
        async with self.redis.pipeline(transaction=False) as pipe:
            for channel in set(channels):
                pipe.publish(channel, data)
            await pipe.execute()

    async def stream_events(self) -> AsyncGenerator[tuple[str, Any], None]:
        """Messages of wanted channels until the connection breaks (then raises)."""
        early_returns = 0
        while True:
            # Every turn yields to the event loop, whatever the branch below does: a read or subscribe
            # that completes without waiting must never starve requests or SIGTERM's drain.
            await asyncio.sleep(0)
            pubsub = self._pubsub
            if pubsub is None:
                raise ConnectionError("not connected")
            if not pubsub.subscribed:
                # Nothing subscribed on this connection yet: wait for a first listener, pinging now and then
                # so a dead line is still noticed (health_check_interval works only on reads).
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._has_channels.wait(), timeout=5)
                if self._wanted and not pubsub.subscribed:
                    await pubsub.subscribe(*self._wanted)
                elif not self._wanted:
                    await pubsub.ping()
                continue
            asked_at = time.monotonic()
            message = await pubsub.get_message(ignore_subscribe_messages=True, timeout=READ_TIMEOUT_SECONDS)
            if message is None or message.get("type") != "message":
                if time.monotonic() - asked_at < READ_TIMEOUT_SECONDS / 2:
                    # "Nothing" at once, again and again, means a broken line: reconnect with back-off
                    # instead of spinning.
                    early_returns += 1
                    if early_returns > MAX_EARLY_RETURNS:
                        raise ConnectionError("pub/sub reads return at once: reconnecting")
                else:
                    early_returns = 0
                continue
            early_returns = 0
            channel = message["channel"].decode()
            if channel in self._wanted:
                yield channel, message["data"]

    async def get_history(self, channel: str, limit: int | None = None) -> list[bytes]:
        raise NotImplementedError


class SupervisedChannelsPlugin(ChannelsPlugin):
    """Litestar's channels plugin with its two background tasks kept alive through backend failures."""

    def __init__(self, *, events_health: EventsHealth, drain: DrainState, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.events_health = events_health
        # Open streams end when the instance starts draining (see `tandem.events.service.member_stream`).
        self.drain = drain

    async def _pub_worker(self) -> None:
        queue = self._pub_queue
        while queue is not None:
            data, channels = await queue.get()
            try:
                if not self.events_health.connected:
                    # Known to be down: drop at once rather than let a backlog of stale events build up.
                    raise ConnectionError("live events are paused")
                await asyncio.wait_for(self._backend.publish(data, channels), PUBLISH_TIMEOUT_SECONDS)
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                # The write that caused the event has committed; its event is lost, the browser refetches later.
                self.events_health.metrics.event_publish_failures.inc()
                logger.warning("live event dropped", extra={"event": "publish_failed", "error": type(exc).__name__})
            finally:
                queue.task_done()

    async def _sub_worker(self) -> None:
        backend = self._backend
        delay = FIRST_RETRY_SECONDS
        while True:
            try:
                if isinstance(backend, ReconnectingRedisPubSubBackend):
                    await backend.reconnect()
                self.events_health.up()
                delay = FIRST_RETRY_SECONDS
                async for channel, payload in backend.stream_events():
                    for subscriber in list(self._channels.get(channel, ())):
                        subscriber.put_nowait(payload)
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                self.events_health.down(exc)
                await asyncio.sleep(delay)
                delay = min(delay * 2, LONGEST_RETRY_SECONDS)

    async def _on_startup(self) -> None:
        await super()._on_startup()
        self.events_health.tasks_alive = True

    async def _on_shutdown(self) -> None:
        self.events_health.tasks_alive = False
        queue = self._pub_queue
        if queue is not None:
            # Events still queued get a moment to go out; with Redis away they are given up, never waited on.
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(queue.join(), PUBLISH_TIMEOUT_SECONDS)
            while not queue.empty():
                queue.get_nowait()
                queue.task_done()
        await super()._on_shutdown()

    def tasks_running(self) -> bool:
        tasks = (self._pub_task, self._sub_task)
        return self.events_health.tasks_alive and all(task is not None and not task.done() for task in tasks)
