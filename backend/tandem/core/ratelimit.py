"""Fixed-window attempt counters kept in a Litestar store (memory by default, Redis when configured)."""

from __future__ import annotations

import asyncio
import hashlib
import time

from litestar.exceptions import HTTPException
from litestar.status_codes import HTTP_429_TOO_MANY_REQUESTS
from litestar.stores.base import Store


class TooManyAttempts(HTTPException):
    status_code = HTTP_429_TOO_MANY_REQUESTS


class AttemptLimiter:
    """Counts attempts per key. Keys are hashed so the store never holds an email or address in clear.

    An attempt is counted before the work it guards (a password check takes 100 ms), so simultaneous
    attempts cannot all pass a check that none of them has counted yet. Counting is serialised within
    a process; several instances sharing a Redis store can overshoot by at most one per instance.
    """

    def __init__(self, store: Store, window_seconds: int) -> None:
        self._store = store
        self._window = window_seconds
        self._lock = asyncio.Lock()

    def _key(self, bucket: str, subject: str) -> str:
        window_index = int(time.time()) // self._window
        digest = hashlib.sha256(f"{bucket}\0{subject}".encode()).hexdigest()[:32]
        return f"rl:{bucket}:{window_index}:{digest}"

    def _refusal(self) -> TooManyAttempts:
        return TooManyAttempts(
            detail="Too many attempts. Please wait a little and try again.",
            headers={"Retry-After": str(self._window - int(time.time()) % self._window)},
        )

    async def _add(self, key: str, delta: int) -> int:
        async with self._lock:
            raw = await self._store.get(key)
            count = max(0, (int(raw) if raw else 0) + delta)
            await self._store.set(key, str(count), expires_in=self._window)
            return count

    async def check(self, bucket: str, subject: str, limit: int) -> None:
        """Refuse when the subject has already used up its attempts in this window (counts nothing)."""
        raw = await self._store.get(self._key(bucket, subject))
        if raw and int(raw) >= limit:
            raise self._refusal()

    async def check_and_hit(self, bucket: str, subject: str, limit: int) -> None:
        """Count one attempt; refuse it when it goes over the limit."""
        if await self._add(self._key(bucket, subject), 1) > limit:
            raise self._refusal()

    async def refund(self, bucket: str, subject: str) -> None:
        """Take back an attempt that succeeded: only failures should use up the allowance."""
        await self._add(self._key(bucket, subject), -1)
