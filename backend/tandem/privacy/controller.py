from __future__ import annotations

from litestar import Controller, Response, get
from litestar.di import NamedDependency
from sqlalchemy.ext.asyncio import AsyncSession

from tandem.access.identity import Caller
from tandem.core.errors import SIGNED_IN_READ, problems
from tandem.factors.stepup import STEP_UP_REQUIRED
from tandem.privacy.schemas import Export
from tandem.privacy.service import PrivacyService


class PrivacyController(Controller):
    path = "/api/v1/me"
    tags = ["me"]

    @get("/export", operation_id="exportMyData", responses=problems(*SIGNED_IN_READ, 403), opt=STEP_UP_REQUIRED)
    async def export(
        self, caller: NamedDependency[Caller], db_session: NamedDependency[AsyncSession]
    ) -> Response[Export]:
        """Everything Tandem holds about you, as one JSON document (needs a recent confirmation)."""
        body = await PrivacyService(db_session).export(caller)
        return Response(body, headers={"Content-Disposition": 'attachment; filename="tandem-export.json"'})
