from __future__ import annotations

from litestar import get
from litestar.channels import ChannelsPlugin
from litestar.di import NamedDependency, Provide
from litestar.response import ServerSentEvent
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from tandem.access.membership import Member
from tandem.core.config import Settings
from tandem.core.errors import MEMBER_READ, problems
from tandem.dependencies import provide_caller_without_touch
from tandem.events.service import StreamGrant, member_stream

RECONNECT_MILLISECONDS = 1000


@get(
    "/api/v1/spaces/{space_id:uuid}/events",
    operation_id="streamSpaceEvents",
    tags=["events"],
    media_type="text/event-stream",
    responses=problems(*MEMBER_READ),
    # Opening (and every automatic reconnect of) the stream is not the person being active: the caller
    # is found without touching the session's last_seen_at, so the idle timeout still ends a session
    # left unattended with the page open.
    dependencies={"caller": Provide(provide_caller_without_touch)},
)
async def space_events(
    member: NamedDependency[Member],
    channels: NamedDependency[ChannelsPlugin],
    db_session: NamedDependency[AsyncSession],
    settings: NamedDependency[Settings],
) -> ServerSentEvent:
    """Server-sent events for this space: which kind of record changed, never its content; refetch on each."""
    engine = db_session.bind
    if not isinstance(engine, AsyncEngine):
        raise TypeError("the request's session is bound to an engine")
    grant = StreamGrant.of(member, engine)
    return ServerSentEvent(
        member_stream(channels, grant, settings.event_stream_seconds), retry_duration=RECONNECT_MILLISECONDS
    )
