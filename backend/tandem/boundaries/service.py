"""Reading boundaries, for every feature that must respect them (ideas, plans, suggestions)."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from tandem.boundaries.models import Boundary, BoundaryLevel
from tandem.spaces.models import Membership


async def activities_off_limits(db: AsyncSession, space_id: uuid.UUID) -> set[str]:
    """Activities that either current member has set to "not right now".

    Callers leave them out silently: whose boundary it was is never said.
    """
    rows = await db.scalars(
        select(Boundary.activity_id)
        .join(Membership, (Membership.user_id == Boundary.author_id) & (Membership.space_id == Boundary.space_id))
        .where(Boundary.space_id == space_id, Boundary.level == BoundaryLevel.NOT_NOW)
    )
    return set(rows)
