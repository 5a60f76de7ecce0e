"""The channels plugin and publishing after commit.

Events are published only once the transaction that caused them has committed, so a browser that
refetches on an event always finds the change; a rolled-back request publishes nothing.
"""

from __future__ import annotations

import uuid
from typing import Any

import msgspec
from litestar.channels import ChannelsPlugin
from litestar.channels.backends.base import ChannelsBackend
from litestar.channels.backends.memory import MemoryChannelsBackend
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from tandem.core.config import Settings
from tandem.core.drain import DrainState
from tandem.core.metrics import Metrics
from tandem.core.redis_client import make_redis
from tandem.events.resilient import EventsHealth, ReconnectingRedisPubSubBackend, SupervisedChannelsPlugin
from tandem.events.schemas import EventKind, SpaceEvent

_PENDING = "tandem.pending_events"


def make_channels_plugin(
    settings: Settings, metrics: Metrics | None = None, drain: DrainState | None = None
) -> SupervisedChannelsPlugin:
    """In memory by default; through Redis when TANDEM_REDIS_URL is set, so several instances share events.

    Either way the plugin's tasks run supervised (see `tandem.events.resilient`).
    """
    backend: ChannelsBackend
    if settings.redis_url:
        backend = ReconnectingRedisPubSubBackend(make_redis(settings.redis_url), key_prefix="tandem_channels")
    else:
        backend = MemoryChannelsBackend()
    # A browser that stops reading loses its oldest signals first; it refetches on reconnect anyway.
    return SupervisedChannelsPlugin(
        events_health=EventsHealth(metrics or Metrics()),
        drain=drain or DrainState(),
        backend=backend,
        arbitrary_channels_allowed=True,
        subscriber_max_backlog=100,
        subscriber_backlog_strategy="dropleft",
    )


def space_channel(space_id: uuid.UUID) -> str:
    return f"space:{space_id}"


def emit(
    db: AsyncSession,
    channels: ChannelsPlugin,
    space_id: uuid.UUID,
    kind: EventKind,
    change: str,
    record_id: uuid.UUID | str | None = None,
) -> None:
    """Queue an event for both members of the space, sent when (and only if) the transaction commits."""
    payload = msgspec.json.encode(
        SpaceEvent(kind=kind, change=change, id=None if record_id is None else str(record_id))
    )
    pending: list[tuple[ChannelsPlugin, bytes, str]] = db.sync_session.info.setdefault(_PENDING, [])
    pending.append((channels, payload, space_channel(space_id)))


# A savepoint's commit or rollback also fires these hooks; only the outermost transaction counts.
@event.listens_for(Session, "after_commit")
def _publish_after_commit(session: Session) -> None:
    if session.get_nested_transaction() is not None:
        return
    for channels, payload, channel in session.info.pop(_PENDING, []):
        channels.publish(payload, channel)


@event.listens_for(Session, "after_rollback")
def _drop_after_rollback(session: Session) -> None:
    if session.get_nested_transaction() is not None:
        return
    session.info.pop(_PENDING, None)


def decode(payload: Any) -> SpaceEvent:
    return msgspec.json.decode(payload, type=SpaceEvent)
