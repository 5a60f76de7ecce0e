"""The one rule for caps, counters and read-then-write checks: lock the parent row first.

A cap ("at most 50 goals") or a check ("is this size used by an entry?") reads rows and then writes
on what it read. Under PostgreSQL's READ COMMITTED two requests read the same count and both write,
so limits overshoot and positions repeat. Every such path first takes `lock_parent` on the row that
owns what it counts (the space for space-wide caps, the membership for a member's own), so requests
on the same parent run one after the other while everyone else is untouched. On SQLite every write
transaction already begins with BEGIN IMMEDIATE (core/db.py), which serialises writers; SQLAlchemy
renders no FOR UPDATE there, so the same call is harmless and the code path is the same.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession


async def lock_parent(db: AsyncSession, model: Any, row_id: uuid.UUID) -> None:
    """Hold the row `row_id` of `model` (a mapped class with an `id` column) until the transaction ends."""
    await db.execute(select(model.id).where(model.id == row_id).with_for_update())
