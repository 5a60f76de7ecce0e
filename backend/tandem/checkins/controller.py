from __future__ import annotations

import uuid
from typing import Annotated

from litestar import Controller, delete, get, patch, post, put
from litestar.channels import ChannelsPlugin
from litestar.di import NamedDependency, Provide
from litestar.params import FromPath, JSONBody, QueryParameter
from litestar.status_codes import HTTP_201_CREATED, HTTP_204_NO_CONTENT
from sqlalchemy.ext.asyncio import AsyncSession

from tandem.access.identity import Caller
from tandem.access.membership import Member
from tandem.checkins.schemas import (
    AcknowledgementIn,
    CheckinCreate,
    CheckinPage,
    CheckinView,
    FeelingFamilyOut,
    MoodPoint,
    MyCheckin,
    PartnersCheckin,
    TogetherAnswer,
    TogetherOut,
    VisibilityChange,
)
from tandem.checkins.service import CheckinService, list_feelings
from tandem.checkins.together import TogetherService
from tandem.core.errors import MEMBER_READ, MEMBER_WRITE, SIGNED_IN_READ, problems
from tandem.core.paging import DEFAULT_PAGE_SIZE, CursorText, PageSize

MoodDays = Annotated[int, QueryParameter(ge=7, le=366, description="How many days back, 7 to 366.")]


def provide_checkins(
    db_session: NamedDependency[AsyncSession], channels: NamedDependency[ChannelsPlugin]
) -> CheckinService:
    return CheckinService(db_session, channels)


def provide_together(
    db_session: NamedDependency[AsyncSession], channels: NamedDependency[ChannelsPlugin]
) -> TogetherService:
    return TogetherService(db_session, channels)


@get("/api/v1/feelings", operation_id="listFeelings", tags=["checkins"], responses=problems(*SIGNED_IN_READ))
async def feelings(
    caller: NamedDependency[Caller], db_session: NamedDependency[AsyncSession]
) -> list[FeelingFamilyOut]:
    """The feelings vocabulary check-ins pick from, grouped by family."""
    return await list_feelings(db_session)


class CheckinController(Controller):
    path = "/api/v1/spaces/{space_id:uuid}/checkins"
    tags = ["checkins"]
    dependencies = {"checkins": Provide(provide_checkins, sync_to_thread=False)}

    @post("", operation_id="createCheckin", status_code=HTTP_201_CREATED, responses=problems(*MEMBER_WRITE))
    async def create(
        self, member: NamedDependency[Member], data: JSONBody[CheckinCreate], checkins: NamedDependency[CheckinService]
    ) -> MyCheckin:
        """Write a check-in: private (your journal) unless you choose to share it. May update your boundaries."""
        return await checkins.create(member, data)

    @get("", operation_id="listCheckins", responses=problems(*MEMBER_READ))
    async def list_checkins(
        self,
        member: NamedDependency[Member],
        checkins: NamedDependency[CheckinService],
        cursor: CursorText = None,
        limit: PageSize = DEFAULT_PAGE_SIZE,
    ) -> CheckinPage:
        """Your check-ins (all of them) and your partner's shared ones, newest first."""
        return await checkins.page(member, cursor, limit)

    @get("/mood", operation_id="listMyMoods", responses=problems(*MEMBER_READ))
    async def moods(
        self,
        member: NamedDependency[Member],
        checkins: NamedDependency[CheckinService],
        days: MoodDays = 90,
    ) -> list[MoodPoint]:
        """Your own mood over time, oldest first, for your chart. Only ever yours."""
        return await checkins.moods(member, days)

    @get("/{checkin_id:uuid}", operation_id="getCheckin", responses=problems(*MEMBER_READ))
    async def get_checkin(
        self,
        member: NamedDependency[Member],
        checkin_id: FromPath[uuid.UUID],
        checkins: NamedDependency[CheckinService],
    ) -> CheckinView:
        return await checkins.get(member, checkin_id)

    @patch("/{checkin_id:uuid}", operation_id="changeCheckinVisibility", responses=problems(*MEMBER_WRITE, 409))
    async def change_visibility(
        self,
        member: NamedDependency[Member],
        checkin_id: FromPath[uuid.UUID],
        data: JSONBody[VisibilityChange],
        checkins: NamedDependency[CheckinService],
    ) -> MyCheckin:
        """Share a check-in, or make it just for you again: unsharing hides it from your partner at once."""
        return await checkins.change_visibility(member, checkin_id, data.visibility)

    @delete(
        "/{checkin_id:uuid}",
        operation_id="deleteCheckin",
        status_code=HTTP_204_NO_CONTENT,
        responses=problems(*MEMBER_WRITE, 409),
    )
    async def delete_checkin(
        self,
        member: NamedDependency[Member],
        checkin_id: FromPath[uuid.UUID],
        checkins: NamedDependency[CheckinService],
    ) -> None:
        await checkins.delete(member, checkin_id)

    @put(
        "/{checkin_id:uuid}/acknowledgement",
        operation_id="acknowledgeCheckin",
        responses=problems(*MEMBER_WRITE, 409),
    )
    async def acknowledge(
        self,
        member: NamedDependency[Member],
        checkin_id: FromPath[uuid.UUID],
        data: JSONBody[AcknowledgementIn],
        checkins: NamedDependency[CheckinService],
    ) -> PartnersCheckin:
        """Answer your partner's shared check-in with a supportive word and, if you like, a short reply."""
        return await checkins.acknowledge(member, checkin_id, data)


class TogetherController(Controller):
    path = "/api/v1/spaces/{space_id:uuid}/together"
    tags = ["together"]
    dependencies = {"together": Provide(provide_together, sync_to_thread=False)}

    @post("", operation_id="startTogether", status_code=HTTP_201_CREATED, responses=problems(*MEMBER_WRITE, 409))
    async def start(self, member: NamedDependency[Member], together: NamedDependency[TogetherService]) -> TogetherOut:
        """Start checking in together (or join the one your partner already started)."""
        return await together.start(member)

    @get("/current", operation_id="currentTogether", responses=problems(*MEMBER_READ))
    async def current(
        self, member: NamedDependency[Member], together: NamedDependency[TogetherService]
    ) -> TogetherOut | None:
        """The check-in together that is open right now, if any."""
        return await together.current(member)

    @get("/{round_id:uuid}", operation_id="getTogether", responses=problems(*MEMBER_READ))
    async def get_round(
        self, member: NamedDependency[Member], round_id: FromPath[uuid.UUID], together: NamedDependency[TogetherService]
    ) -> TogetherOut:
        return await together.get(member, round_id)

    @post("/{round_id:uuid}/join", operation_id="joinTogether", status_code=200, responses=problems(*MEMBER_WRITE, 409))
    async def join(
        self, member: NamedDependency[Member], round_id: FromPath[uuid.UUID], together: NamedDependency[TogetherService]
    ) -> TogetherOut:
        """Say you're here: your partner sees you've joined."""
        return await together.join(member, round_id)

    @post(
        "/{round_id:uuid}/answer",
        operation_id="answerTogether",
        status_code=200,
        responses=problems(*MEMBER_WRITE, 409),
    )
    async def answer(
        self,
        member: NamedDependency[Member],
        round_id: FromPath[uuid.UUID],
        data: JSONBody[TogetherAnswer],
        together: NamedDependency[TogetherService],
    ) -> TogetherOut:
        """Send your answer. It stays hidden until your partner has answered too; then both are revealed."""
        return await together.answer(member, round_id, data)

    @post(
        "/{round_id:uuid}/cancel",
        operation_id="cancelTogether",
        status_code=200,
        responses=problems(*MEMBER_WRITE, 409),
    )
    async def cancel(
        self, member: NamedDependency[Member], round_id: FromPath[uuid.UUID], together: NamedDependency[TogetherService]
    ) -> TogetherOut:
        """Call it off (whoever started it). Nothing is revealed; answers stay private to their authors."""
        return await together.cancel(member, round_id)
