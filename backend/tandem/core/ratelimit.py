"""Fixed-window attempt counters: in memory for one instance, in Redis (atomic) when instances share them.

An attempt is counted before the work it guards (a password check takes 100 ms), so simultaneous
attempts cannot all pass a check that none of them has counted yet. In Redis, INCRBY and EXPIRE run in
one Lua script, so the documented numbers hold exactly across instances. When Redis cannot be reached
an attempt answers 503 with Retry-After: sign-in fails closed rather than unguarded.
"""

from __future__ import annotations

import hashlib
import logging
import time
from typing import TYPE_CHECKING, Protocol, cast

from litestar.exceptions import HTTPException
from litestar.status_codes import HTTP_429_TOO_MANY_REQUESTS, HTTP_503_SERVICE_UNAVAILABLE

from tandem.core.metrics import Metrics

if TYPE_CHECKING:
    # redis is imported only by an instance that uses it (core/redis_client.py): it costs start-up time.
    from redis.asyncio import Redis

logger = logging.getLogger("tandem.ratelimit")

# Seconds a client is told to wait when the shared counters are unreachable.
UNAVAILABLE_RETRY_AFTER = 5

_ADD_SCRIPT = """
local count = redis.call('INCRBY', KEYS[1], ARGV[1])
if count <= 0 then
  redis.call('DEL', KEYS[1])
  return 0
end
if redis.call('TTL', KEYS[1]) < 0 then
  redis.call('EXPIRE', KEYS[1], ARGV[2])
end
return count
"""


class TooManyAttempts(HTTPException):
    status_code = HTTP_429_TOO_MANY_REQUESTS


class CountersUnavailable(HTTPException):
    status_code = HTTP_503_SERVICE_UNAVAILABLE


class Counters(Protocol):
    async def add(self, key: str, delta: int, ttl: int) -> int: ...

    async def get(self, key: str) -> int: ...


class MemoryCounters:
    """One process's counters; nothing awaits between read and write, so each change is atomic."""

    def __init__(self) -> None:
        self._counts: dict[str, tuple[int, float]] = {}

    def _live(self, key: str) -> int:
        count, expires = self._counts.get(key, (0, 0.0))
        return count if expires > time.monotonic() else 0

    async def add(self, key: str, delta: int, ttl: int) -> int:
        count = max(0, self._live(key) + delta)
        _, expires = self._counts.get(key, (0, 0.0))
        if expires <= time.monotonic():
            expires = time.monotonic() + ttl
            # Expired keys are dropped as new windows start, so the dict does not grow without end.
            now = time.monotonic()
            for stale in [k for k, (_, e) in self._counts.items() if e <= now]:
                del self._counts[stale]
        self._counts[key] = (count, expires)
        return count

    async def get(self, key: str) -> int:
        return self._live(key)


class CountersUnreachableError(Exception):
    """The shared counters could not be asked; the cause is the store's own error."""


class RedisCounters:
    def __init__(self, redis: Redis) -> None:
        from redis.exceptions import RedisError

        self.redis = redis
        self._add = redis.register_script(_ADD_SCRIPT)
        self._failure = RedisError

    async def add(self, key: str, delta: int, ttl: int) -> int:
        try:
            return int(cast("int", await self._add(keys=[key], args=[delta, ttl])))
        except self._failure as exc:
            raise CountersUnreachableError from exc

    async def get(self, key: str) -> int:
        try:
            raw = await self.redis.get(key)
        except self._failure as exc:
            raise CountersUnreachableError from exc
        return int(raw) if raw else 0


class AttemptLimiter:
    """Counts attempts per key. Keys are hashed so the store never holds an email or address in clear."""

    def __init__(self, counters: Counters, window_seconds: int, metrics: Metrics | None = None) -> None:
        self._counters = counters
        self._window = window_seconds
        self._metrics = metrics or Metrics()

    def _key(self, bucket: str, subject: str) -> str:
        window_index = int(time.time()) // self._window
        digest = hashlib.sha256(f"{bucket}\0{subject}".encode()).hexdigest()[:32]
        return f"tandem:rl:{bucket}:{window_index}:{digest}"

    def _refusal(self, bucket: str) -> TooManyAttempts:
        self._metrics.attempt_refusals.labels(bucket).inc()
        return TooManyAttempts(
            detail="Too many attempts. Please wait a little and try again.",
            headers={"Retry-After": str(self._window - int(time.time()) % self._window)},
        )

    def _unavailable(self, exc: Exception) -> CountersUnavailable:
        self._metrics.attempt_store_failures.inc()
        logger.warning("attempt counters unreachable", extra={"error": type(exc.__cause__ or exc).__name__})
        return CountersUnavailable(
            detail="This is briefly unavailable. Please try again in a moment.",
            headers={"Retry-After": str(UNAVAILABLE_RETRY_AFTER)},
        )

    async def _add(self, key: str, delta: int) -> int:
        try:
            return await self._counters.add(key, delta, self._window)
        except (CountersUnreachableError, OSError) as exc:
            raise self._unavailable(exc) from exc

    async def check(self, bucket: str, subject: str, limit: int) -> None:
        """Refuse when the subject has already used up its attempts in this window (counts nothing)."""
        try:
            count = await self._counters.get(self._key(bucket, subject))
        except (CountersUnreachableError, OSError) as exc:
            raise self._unavailable(exc) from exc
        if count >= limit:
            raise self._refusal(bucket)

    async def check_and_hit(self, bucket: str, subject: str, limit: int) -> None:
        """Count one attempt; refuse it when it goes over the limit."""
        if await self._add(self._key(bucket, subject), 1) > limit:
            raise self._refusal(bucket)

    async def refund(self, bucket: str, subject: str) -> None:
        """Take back an attempt that succeeded: only failures should use up the allowance.

        A refund that cannot reach Redis is given up (the count then errs on the strict side): the
        attempt it belongs to has already succeeded and must not turn into an error.
        """
        try:
            await self._counters.add(self._key(bucket, subject), -1, self._window)
        except (CountersUnreachableError, OSError) as exc:
            logger.warning("attempt refund skipped", extra={"error": type(exc.__cause__ or exc).__name__})
