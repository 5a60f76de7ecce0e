"""Reserve an idempotency key, wait for a running twin, store and replay the first answer."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from tandem.accounts.models import AuthSession
from tandem.core.db import read_transactions, utcnow, write_transactions
from tandem.core.sealing import open_for, seal_for
from tandem.core.tokens import hash_token
from tandem.idempotency.models import IdempotentRequest

# A device may resend a write for at least a day (a phone offline overnight).
RETENTION = timedelta(hours=25)
# How long a repeated request waits for the first one to finish before it is told to try again.
WAIT_FOR_FIRST = timedelta(seconds=10)
POLL_SECONDS = 0.05


@dataclass(frozen=True, slots=True)
class StoredAnswer:
    status_code: int
    content_type: str | None
    body: bytes


@dataclass(frozen=True, slots=True)
class Reserved:
    """This request is the first with its key: it runs, and its answer is stored under `row_id`."""

    row_id: uuid.UUID
    user_id: uuid.UUID


@dataclass(frozen=True, slots=True)
class Mismatch:
    """The key was used for a different request."""


@dataclass(frozen=True, slots=True)
class StillRunning:
    """The first request with this key has not answered within `WAIT_FOR_FIRST`."""


Outcome = Reserved | StoredAnswer | Mismatch | StillRunning


def fingerprint(method: str, path: str, query: bytes, body: bytes) -> str:
    digest = hashlib.sha256()
    for part in (method.encode(), path.encode(), query, body):
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.hexdigest()


def key_digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


class IdempotencyStore:
    def __init__(self, engine: AsyncEngine) -> None:
        self._sessions = async_sessionmaker(engine, expire_on_commit=False)

    async def user_of(self, raw_token: str, now: datetime | None = None) -> uuid.UUID | None:
        """The user behind a session cookie (the route itself still checks the session fully)."""
        now = now or utcnow()
        with read_transactions():
            async with self._sessions() as db:
                return await db.scalar(
                    select(AuthSession.user_id).where(
                        AuthSession.token_hash == hash_token(raw_token), AuthSession.expires_at > now
                    )
                )

    async def reserve(self, user_id: uuid.UUID, key_hash: str, request_hash: str, *, again: bool = True) -> Outcome:
        row_id = uuid.uuid4()
        try:
            with write_transactions():
                async with self._sessions() as db, db.begin():
                    db.add(IdempotentRequest(id=row_id, user_id=user_id, key_hash=key_hash, request_hash=request_hash))
        except IntegrityError:
            return await self._wait_for_first(user_id, key_hash, request_hash, again=again)
        return Reserved(row_id, user_id)

    async def _wait_for_first(self, user_id: uuid.UUID, key_hash: str, request_hash: str, *, again: bool) -> Outcome:
        deadline = asyncio.get_running_loop().time() + WAIT_FOR_FIRST.total_seconds()
        while True:
            row = await self._read(user_id, key_hash)
            if row is None:
                # The first request failed and gave its reservation back: this one may run (once; a
                # reservation refused for another reason, such as a user deleted meanwhile, ends here).
                if not again:
                    return StillRunning()
                return await self.reserve(user_id, key_hash, request_hash, again=False)
            if row.request_hash != request_hash:
                return Mismatch()
            if row.status_code is not None:
                return StoredAnswer(row.status_code, row.content_type, row.body or b"")
            if asyncio.get_running_loop().time() >= deadline:
                return StillRunning()
            await asyncio.sleep(POLL_SECONDS)

    async def _read(self, user_id: uuid.UUID, key_hash: str) -> IdempotentRequest | None:
        with read_transactions():
            async with self._sessions() as db:
                row = await db.scalar(
                    select(IdempotentRequest).where(
                        IdempotentRequest.user_id == user_id, IdempotentRequest.key_hash == key_hash
                    )
                )
                if row is not None:
                    db.expunge(row)  # the opened body is for this answer only, never written back
                    if row.body:
                        row.body = await _open_body(db, row.id, user_id, row.body)
                return row

    async def complete(self, reserved: Reserved, answer: StoredAnswer) -> None:
        with write_transactions():
            async with self._sessions() as db, db.begin():
                body = await _sealed_body(db, reserved.row_id, reserved.user_id, answer.body)
                await db.execute(
                    update(IdempotentRequest)
                    .where(IdempotentRequest.id == reserved.row_id)
                    .values(status_code=answer.status_code, content_type=answer.content_type, body=body)
                )

    async def release(self, reserved: Reserved) -> None:
        with write_transactions():
            async with self._sessions() as db, db.begin():
                await db.execute(delete(IdempotentRequest).where(IdempotentRequest.id == reserved.row_id))


# The first answer holds what the member wrote (a created entry's note): it is kept sealed under their
# own data key like the record itself (core/sealing.py), so it never sits readable in the database.
async def _sealed_body(db: AsyncSession, row_id: uuid.UUID, user_id: uuid.UUID, body: bytes) -> bytes:
    if not body:
        return body
    plain = base64.b64encode(body).decode("ascii")
    sealed = await seal_for(db, IdempotentRequest, "body", row_id=row_id, owner=user_id, value=plain)
    return sealed.encode("ascii")


async def _open_body(db: AsyncSession, row_id: uuid.UUID, user_id: uuid.UUID, body: bytes) -> bytes:
    plain = await open_for(db, IdempotentRequest, "body", row_id=row_id, owner=user_id, value=body.decode("ascii"))
    return base64.b64decode(plain)


async def purge_old(db: AsyncSession, now: datetime) -> int:
    result = await db.execute(delete(IdempotentRequest).where(IdempotentRequest.created_at <= now - RETENTION))
    return int(getattr(result, "rowcount", 0) or 0)
