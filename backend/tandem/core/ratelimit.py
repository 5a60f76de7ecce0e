"""Fixed-window attempt counters kept in a Litestar store (memory by default, Redis when configured)."""

from __future__ import annotations

import hashlib
import time

from litestar.exceptions import HTTPException
from litestar.status_codes import HTTP_429_TOO_MANY_REQUESTS
from litestar.stores.base import Store


class TooManyAttempts(HTTPException):
    status_code = HTTP_429_TOO_MANY_REQUESTS


class AttemptLimiter:
    """Counts attempts per key. Keys are hashed so the store never holds an email or address in clear."""

    def __init__(self, store: Store, window_seconds: int) -> None:
        self._store = store
        self._window = window_seconds

    def _key(self, bucket: str, subject: str) -> str:
        window_index = int(time.time()) // self._window
        digest = hashlib.sha256(f"{bucket}\0{subject}".encode()).hexdigest()[:32]
        return f"rl:{bucket}:{window_index}:{digest}"

    def _retry_after(self) -> int:
        return self._window - int(time.time()) % self._window

    async def _count(self, key: str) -> int:
        raw = await self._store.get(key)
        return int(raw) if raw else 0

    async def check(self, bucket: str, subject: str, limit: int) -> None:
        """Refuse when the subject has already used up its attempts in this window."""
        if await self._count(self._key(bucket, subject)) >= limit:
            raise TooManyAttempts(
                detail="Too many attempts. Please wait a little and try again.",
                headers={"Retry-After": str(self._retry_after())},
            )

    async def hit(self, bucket: str, subject: str) -> None:
        key = self._key(bucket, subject)
        count = await self._count(key)
        await self._store.set(key, str(count + 1), expires_in=self._window)

    async def check_and_hit(self, bucket: str, subject: str, limit: int) -> None:
        await self.check(bucket, subject, limit)
        await self.hit(bucket, subject)
