"""When a space may go: only once nobody is in it and nothing anyone wrote there remains.

The last member leaving used to delete the space and, through ON DELETE CASCADE, every record a
former partner wrote there, which that partner could still export. Now a space without members
keeps its records for their authors (nobody else can read them: the visibility rule only ever
shows the current partner's records) until each author deletes them or their account; then the
empty space goes.
"""

from __future__ import annotations

import uuid

from sqlalchemy import Table, delete, exists, select, union
from sqlalchemy.ext.asyncio import AsyncSession

from tandem.access.policy import authored_models
from tandem.spaces.models import Invitation, Membership, Space

# Rows that are settings or marks rather than anything a person wrote: they never keep a space.
NOT_WRITTEN = frozenset({"calendar_feeds", "boundaries_seen"})


def authored_tables() -> list[Table]:
    tables = [model.__table__ for model in authored_models()]  # type: ignore[attr-defined]
    return sorted((t for t in tables if isinstance(t, Table) and t.name not in NOT_WRITTEN), key=lambda t: t.name)


async def spaces_written_in(db: AsyncSession, user_id: uuid.UUID) -> set[uuid.UUID]:
    """Every space where the user has a record (to check them again once the user is gone)."""
    queries = [select(t.c.space_id).where(t.c.author_id == user_id) for t in authored_tables()]
    return set(await db.scalars(union(*queries)))


async def drop_if_abandoned(db: AsyncSession, space_id: uuid.UUID) -> None:
    if await db.scalar(select(exists().where(Membership.space_id == space_id))):
        return
    # Nobody can join an empty space: its pending invitations go at once.
    await db.execute(delete(Invitation).where(Invitation.space_id == space_id))
    for table in authored_tables():
        if await db.scalar(select(exists().where(table.c.space_id == space_id))):
            return
    await db.execute(delete(Space).where(Space.id == space_id))
