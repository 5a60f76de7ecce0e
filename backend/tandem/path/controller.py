"""Path routes: every member reads the path; each member's own choices are theirs alone."""

from __future__ import annotations

from typing import Annotated

from litestar import Controller, delete, get, post, put
from litestar.channels import ChannelsPlugin
from litestar.di import NamedDependency, Provide
from litestar.params import JSONBody, PathParameter
from litestar.status_codes import HTTP_200_OK, HTTP_204_NO_CONTENT
from sqlalchemy.ext.asyncio import AsyncSession

from tandem.access.membership import Member
from tandem.core.errors import MEMBER_READ, MEMBER_WRITE, problems
from tandem.path.schemas import ChoiceIn, PathOut, ReadinessIn, StageOut
from tandem.path.service import PathService

StagePathId = Annotated[str, PathParameter(min_length=1, max_length=64)]


def provide_path(db_session: NamedDependency[AsyncSession], channels: NamedDependency[ChannelsPlugin]) -> PathService:
    return PathService(db_session, channels)


class PathController(Controller):
    path = "/api/v1/spaces/{space_id:uuid}/path"
    tags = ["path"]
    dependencies = {"path_service": Provide(provide_path, sync_to_thread=False)}

    @get("", operation_id="getPath", responses=problems(*MEMBER_READ))
    async def overview(self, member: NamedDependency[Member], path_service: NamedDependency[PathService]) -> PathOut:
        """The path: off until you have both turned it on; then the stage you are in, together."""
        return await path_service.view(member)

    @get("/stages/{stage_id:str}", operation_id="getPathStage", responses=problems(*MEMBER_READ))
    async def stage(
        self, member: NamedDependency[Member], path_service: NamedDependency[PathService], stage_id: StagePathId
    ) -> StageOut:
        """Read about any stage, whether or not the path is on."""
        return await path_service.one_stage(member, stage_id)

    @put("/choice", operation_id="setPathChoice", responses=problems(*MEMBER_WRITE))
    async def choose(
        self, member: NamedDependency[Member], path_service: NamedDependency[PathService], data: JSONBody[ChoiceIn]
    ) -> PathOut:
        """Turn the path on or off for yourself. Your partner never learns your choice unless you both turn it on."""
        return await path_service.set_turned_on(member, data.turned_on)

    @put("/readiness", operation_id="setPathReadiness", responses=problems(*MEMBER_WRITE, 409))
    async def readiness(
        self, member: NamedDependency[Member], path_service: NamedDependency[PathService], data: JSONBody[ReadinessIn]
    ) -> PathOut:
        """Say privately whether you feel ready for the next stage. You move on when you are both ready."""
        return await path_service.set_readiness(member, data.answer)

    @delete(
        "/readiness",
        operation_id="clearPathReadiness",
        responses=problems(*MEMBER_WRITE),
        status_code=HTTP_204_NO_CONTENT,
    )
    async def clear_readiness(
        self, member: NamedDependency[Member], path_service: NamedDependency[PathService]
    ) -> None:
        """Take back your answer; it was never shown to anyone."""
        await path_service.clear_readiness(member)

    @post("/step-back", operation_id="stepBackOnPath", responses=problems(*MEMBER_WRITE, 409), status_code=HTTP_200_OK)
    async def step_back(self, member: NamedDependency[Member], path_service: NamedDependency[PathService]) -> PathOut:
        """Go back to the previous stage, for both of you. No reason is asked."""
        return await path_service.step_back(member)
