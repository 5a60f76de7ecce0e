from __future__ import annotations

import msgspec
from litestar import get
from litestar.di import NamedDependency
from litestar.exceptions import ServiceUnavailableException
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from tandem.core.errors import problems


class Health(msgspec.Struct):
    status: str


@get(
    "/api/v1/health",
    operation_id="getHealth",
    responses=problems(503),
    tags=["health"],
    exclude_from_csrf=True,
    raises=[ServiceUnavailableException],
)
async def health(db_session: NamedDependency[AsyncSession]) -> Health:
    """Ready when the database answers, 503 otherwise. Carries no version numbers."""
    try:
        await db_session.execute(text("SELECT 1"))
    except Exception as exc:
        raise ServiceUnavailableException("The database is not reachable.") from exc
    return Health(status="ok")
