from __future__ import annotations

from litestar import get
from litestar.di import NamedDependency
from sqlalchemy.ext.asyncio import AsyncSession

from tandem.access.identity import Caller
from tandem.activities.schemas import ActivityOut
from tandem.activities.service import list_activities
from tandem.core.errors import SIGNED_IN_READ, problems


@get("/api/v1/activities", operation_id="listActivities", tags=["activities"], responses=problems(*SIGNED_IN_READ))
async def activities(caller: NamedDependency[Caller], db_session: NamedDependency[AsyncSession]) -> list[ActivityOut]:
    """The catalog of activities that boundaries are set on and ideas refer to."""
    return await list_activities(db_session)
