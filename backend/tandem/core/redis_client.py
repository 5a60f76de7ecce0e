"""Redis clients with timeouts, retries and health checks, so a dead or cut line fails fast and recovers."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    # redis is imported only by an instance that uses it: the import costs start-up time.
    from redis.asyncio import Redis

# A request waits at most about this long for Redis before it answers 503.
SOCKET_TIMEOUT_SECONDS = 2.0


def make_redis(url: str, *, socket_timeout: float | None = SOCKET_TIMEOUT_SECONDS) -> Redis:
    """A client that reconnects on its own: two quick retries, a ping on connections idle 10 s, TCP keepalive.

    `socket_timeout=None` is for a pub/sub connection, which waits for messages with its own timeout.
    """
    from redis.asyncio import Redis
    from redis.asyncio.retry import Retry
    from redis.backoff import ExponentialBackoff
    from redis.exceptions import ConnectionError as RedisConnectionError
    from redis.exceptions import TimeoutError as RedisTimeoutError

    return Redis.from_url(
        url,
        socket_connect_timeout=SOCKET_TIMEOUT_SECONDS,
        socket_timeout=socket_timeout,
        socket_keepalive=True,
        health_check_interval=10,
        retry=Retry(ExponentialBackoff(cap=0.5, base=0.05), retries=2),
        retry_on_error=[RedisConnectionError, RedisTimeoutError],
    )
