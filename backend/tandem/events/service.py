"""The live stream of one member: signals of their space for a bounded time, while they may still read it."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass

import anyio
from litestar.channels import ChannelsPlugin
from litestar.response.sse import ServerSentEventMessage
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from tandem.access.membership import Member
from tandem.accounts.models import AuthSession
from tandem.core.db import utcnow
from tandem.events.channels import decode, space_channel
from tandem.events.resilient import SupervisedChannelsPlugin
from tandem.spaces.models import Membership

HEARTBEAT_SECONDS = 15.0


@dataclass(frozen=True, slots=True)
class StreamGrant:
    """Who the stream was opened for; checked again before every signal is passed on."""

    engine: AsyncEngine
    user_id: uuid.UUID
    space_id: uuid.UUID
    session_id: uuid.UUID

    @classmethod
    def of(cls, member: Member, engine: AsyncEngine) -> StreamGrant:
        return cls(engine, member.user_id, member.space_id, member.session_id)

    async def still_valid(self) -> bool:
        """Still a member of the space, on a session that has not ended: leaving or logging out stops the stream."""
        async with self.engine.connect() as connection:
            reader = await connection.execution_options(isolation_level="AUTOCOMMIT")
            member = await reader.scalar(
                select(Membership.id).where(Membership.user_id == self.user_id, Membership.space_id == self.space_id)
            )
            session = await reader.scalar(
                select(AuthSession.id).where(AuthSession.id == self.session_id, AuthSession.expires_at > utcnow())
            )
        return member is not None and session is not None


async def member_stream(
    channels: ChannelsPlugin, grant: StreamGrant, lifetime: float
) -> AsyncIterator[ServerSentEventMessage]:
    """Signals for the member's space until `lifetime` seconds have passed; the browser then reconnects.

    A draining instance ends its streams at once (cleanly, so the browser reconnects to another instance).
    """
    inbox: asyncio.Queue[bytes] = asyncio.Queue(maxsize=100)
    supervised = channels if isinstance(channels, SupervisedChannelsPlugin) else None
    draining = asyncio.Event()
    stop_listening = supervised.drain.on_drain(asyncio.get_running_loop(), draining) if supervised else None
    if supervised is not None:
        supervised.events_health.metrics.event_streams.inc()

    async def receive(payload: bytes) -> None:
        if inbox.full():
            inbox.get_nowait()
        inbox.put_nowait(payload)

    async def next_payload(wait_seconds: float) -> bytes | None:
        """The next signal, or None when the heartbeat is due or draining has begun."""
        getter = asyncio.ensure_future(inbox.get())
        drained = asyncio.ensure_future(draining.wait())
        try:
            done, _ = await asyncio.wait({getter, drained}, timeout=wait_seconds, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for waiter in (getter, drained):
                if not waiter.done():
                    waiter.cancel()
        return getter.result() if getter in done else None

    channel = space_channel(grant.space_id)
    subscriber = await channels.subscribe(channel)
    try:
        async with subscriber.run_in_background(receive, join=False):
            # Tells the browser the stream is open, so it refetches what it may have missed meanwhile.
            yield ServerSentEventMessage(event="ready", data="{}")
            deadline = asyncio.get_running_loop().time() + lifetime
            while (remaining := deadline - asyncio.get_running_loop().time()) > 0 and not draining.is_set():
                payload = await next_payload(min(remaining, HEARTBEAT_SECONDS))
                if draining.is_set():
                    return
                if payload is None:
                    yield ServerSentEventMessage(comment="still here")
                    continue
                if not await grant.still_valid():
                    return
                event = decode(payload)
                yield ServerSentEventMessage(event=event.kind.value, data=payload.decode())
    finally:
        if stop_listening is not None:
            stop_listening()
        if supervised is not None:
            supervised.events_health.metrics.event_streams.dec()
        # Unsubscribing must finish even when the stream ends because the browser went away.
        with anyio.CancelScope(shield=True):
            await channels.unsubscribe(subscriber, channel)
