"""Liveness and readiness, for load balancers and orchestrators. No version numbers, no personal data.

- `/api/v1/health/live`: the process answers (restart it when this fails).
- `/api/v1/health/ready`: the database answers, Redis answers when configured, the live event tasks
  run and are connected, and the instance is not draining (send it no traffic while this fails).
- `/api/v1/health`: the same checks as readiness, kept for existing probes.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

import msgspec
from litestar import get
from litestar.channels import ChannelsPlugin
from litestar.datastructures import State
from litestar.di import NamedDependency
from litestar.exceptions import ServiceUnavailableException
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from tandem.core.drain import DrainState
from tandem.core.errors import problems
from tandem.events.resilient import SupervisedChannelsPlugin

if TYPE_CHECKING:
    from redis.asyncio import Redis

CHECK_TIMEOUT_SECONDS = 2.0


class Health(msgspec.Struct):
    status: str


async def _database_ok(db_session: AsyncSession) -> bool:
    try:
        await asyncio.wait_for(db_session.execute(text("SELECT 1")), CHECK_TIMEOUT_SECONDS)
    except Exception:
        return False
    return True


async def _redis_ok(redis: Redis | None) -> bool:
    if redis is None:
        return True
    try:
        return bool(await asyncio.wait_for(redis.ping(), CHECK_TIMEOUT_SECONDS))
    except Exception:
        return False


def _events_ok(channels: ChannelsPlugin) -> bool:
    if not isinstance(channels, SupervisedChannelsPlugin):
        return True
    return channels.tasks_running() and channels.events_health.connected


async def _not_ready_because(state: State, db_session: AsyncSession, channels: ChannelsPlugin) -> list[str]:
    drain: DrainState = state.drain
    failing: list[str] = []
    if drain.draining:
        failing.append("This instance is shutting down.")
    database, redis = await asyncio.gather(_database_ok(db_session), _redis_ok(state.redis))
    if not database:
        failing.append("The database is not reachable.")
    if not redis:
        failing.append("Redis is not reachable.")
    if not _events_ok(channels):
        failing.append("Live events are paused.")
    return failing


async def _ready(state: State, db_session: AsyncSession, channels: ChannelsPlugin) -> Health:
    failing = await _not_ready_because(state, db_session, channels)
    if failing:
        raise ServiceUnavailableException(" ".join(failing), headers={"Retry-After": "5"})
    return Health(status="ok")


@get(
    "/api/v1/health",
    operation_id="getHealth",
    responses=problems(503),
    tags=["health"],
    exclude_from_csrf=True,
    raises=[ServiceUnavailableException],
)
async def health(
    state: State, db_session: NamedDependency[AsyncSession], channels: NamedDependency[ChannelsPlugin]
) -> Health:
    """Ready to serve (the same checks as `/api/v1/health/ready`), 503 otherwise. Carries no version numbers."""
    return await _ready(state, db_session, channels)


@get(
    "/api/v1/health/ready",
    operation_id="getReadiness",
    responses=problems(503),
    tags=["health"],
    exclude_from_csrf=True,
    raises=[ServiceUnavailableException],
)
async def readiness(
    state: State, db_session: NamedDependency[AsyncSession], channels: NamedDependency[ChannelsPlugin]
) -> Health:
    """Database and Redis reachable, live events running, not draining; 503 naming what is not."""
    return await _ready(state, db_session, channels)


@get(
    "/api/v1/health/live",
    operation_id="getLiveness",
    # Only a host name that is not served is refused (400), as on every route.
    responses=problems(400),
    tags=["health"],
    exclude_from_csrf=True,
)
async def liveness() -> Health:
    """The process is up and answering."""
    return Health(status="ok")


HEALTH_ROUTE_HANDLERS = [health, readiness, liveness]
