from __future__ import annotations

import uuid
from typing import Annotated

from litestar import Controller, Response, delete, get, patch, post, put
from litestar.channels import ChannelsPlugin
from litestar.di import NamedDependency
from litestar.exceptions import NotFoundException
from litestar.params import FromPath, JSONBody, PathParameter, QueryParameter
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED, HTTP_204_NO_CONTENT
from sqlalchemy.ext.asyncio import AsyncSession

from tandem.access.membership import Member
from tandem.core.errors import MEMBER_READ, MEMBER_WRITE, problems
from tandem.core.paging import CursorText
from tandem.plans.models import PlanStatus
from tandem.plans.schemas import (
    CalendarFeedCreated,
    CalendarFeedIn,
    CalendarFeedOut,
    PauseIn,
    PlanIn,
    PlanOut,
    PlanPage,
    ReflectionIn,
    RescheduleIn,
)
from tandem.plans.service import CalendarService, PlanService, Scope

PLAN = "/plans/{plan_id:uuid}"


class PlansController(Controller):
    path = "/api/v1/spaces/{space_id:uuid}"
    tags = ["plans"]

    @get("/plans", operation_id="listPlans", responses=problems(*MEMBER_READ))
    async def list_plans(
        self,
        member: NamedDependency[Member],
        db_session: NamedDependency[AsyncSession],
        channels: NamedDependency[ChannelsPlugin],
        when: Annotated[Scope, QueryParameter()] = Scope.UPCOMING,
        limit: Annotated[int, QueryParameter(ge=1, le=100)] = 50,
        cursor: CursorText = None,
    ) -> PlanPage:
        """Your plans together: upcoming (soonest first), past, or all (latest first), a page at a time."""
        return await PlanService(db_session, channels).listing(member, when, limit, cursor)

    @post("/plans", operation_id="proposePlan", responses=problems(*MEMBER_WRITE, 409), status_code=HTTP_201_CREATED)
    async def propose(
        self,
        member: NamedDependency[Member],
        db_session: NamedDependency[AsyncSession],
        channels: NamedDependency[ChannelsPlugin],
        data: JSONBody[PlanIn],
    ) -> PlanOut:
        """Suggest a time for one of your matches; your partner can accept, suggest another time or decline."""
        return await PlanService(db_session, channels).propose(member, data)

    @get(PLAN, operation_id="getPlan", responses=problems(*MEMBER_READ))
    async def get_plan(
        self,
        member: NamedDependency[Member],
        db_session: NamedDependency[AsyncSession],
        channels: NamedDependency[ChannelsPlugin],
        plan_id: FromPath[uuid.UUID],
    ) -> PlanOut:
        return await PlanService(db_session, channels).one(member, plan_id)

    @post(PLAN + "/accept", operation_id="acceptPlan", responses=problems(*MEMBER_WRITE, 409), status_code=HTTP_200_OK)
    async def accept(
        self,
        member: NamedDependency[Member],
        db_session: NamedDependency[AsyncSession],
        channels: NamedDependency[ChannelsPlugin],
        plan_id: FromPath[uuid.UUID],
    ) -> PlanOut:
        return await PlanService(db_session, channels).accept(member, plan_id)

    @post(
        PLAN + "/decline", operation_id="declinePlan", responses=problems(*MEMBER_WRITE, 409), status_code=HTTP_200_OK
    )
    async def decline(
        self,
        member: NamedDependency[Member],
        db_session: NamedDependency[AsyncSession],
        channels: NamedDependency[ChannelsPlugin],
        plan_id: FromPath[uuid.UUID],
    ) -> PlanOut:
        """Say no, without giving a reason."""
        return await PlanService(db_session, channels).decline(member, plan_id)

    @post(
        PLAN + "/reschedule",
        operation_id="reschedulePlan",
        responses=problems(*MEMBER_WRITE, 409),
        status_code=HTTP_200_OK,
    )
    async def reschedule(
        self,
        member: NamedDependency[Member],
        db_session: NamedDependency[AsyncSession],
        channels: NamedDependency[ChannelsPlugin],
        plan_id: FromPath[uuid.UUID],
        data: JSONBody[RescheduleIn],
    ) -> PlanOut:
        """Suggest another time (also to pick a paused plan up again); your partner is asked again."""
        return await PlanService(db_session, channels).reschedule(member, plan_id, data.starts_at)

    @post(PLAN + "/pause", operation_id="pausePlan", responses=problems(*MEMBER_WRITE, 409), status_code=HTTP_200_OK)
    async def pause(
        self,
        member: NamedDependency[Member],
        db_session: NamedDependency[AsyncSession],
        channels: NamedDependency[ChannelsPlugin],
        plan_id: FromPath[uuid.UUID],
        data: JSONBody[PauseIn],
    ) -> PlanOut:
        """Leave a plan for now, at any time, with no reason. Nobody is told who paused it."""
        return await PlanService(db_session, channels).stop(member, plan_id, PlanStatus.PAUSED, data.note)

    @post(PLAN + "/cancel", operation_id="cancelPlan", responses=problems(*MEMBER_WRITE, 409), status_code=HTTP_200_OK)
    async def cancel(
        self,
        member: NamedDependency[Member],
        db_session: NamedDependency[AsyncSession],
        channels: NamedDependency[ChannelsPlugin],
        plan_id: FromPath[uuid.UUID],
        data: JSONBody[PauseIn],
    ) -> PlanOut:
        """Call a plan off, at any time, with no reason. Nobody is told who cancelled it."""
        return await PlanService(db_session, channels).stop(member, plan_id, PlanStatus.CANCELLED, data.note)

    @put(PLAN + "/reflection", operation_id="saveReflection", responses=problems(*MEMBER_WRITE, 409))
    async def save_reflection(
        self,
        member: NamedDependency[Member],
        db_session: NamedDependency[AsyncSession],
        channels: NamedDependency[ChannelsPlugin],
        plan_id: FromPath[uuid.UUID],
        data: JSONBody[ReflectionIn],
    ) -> PlanOut:
        """Your private reflection after the plan's time; shared with your partner only if you choose."""
        return await PlanService(db_session, channels).reflect(member, plan_id, data)

    @delete(
        PLAN + "/reflection",
        operation_id="deleteReflection",
        responses=problems(*MEMBER_WRITE),
        status_code=HTTP_204_NO_CONTENT,
    )
    async def delete_reflection(
        self,
        member: NamedDependency[Member],
        db_session: NamedDependency[AsyncSession],
        channels: NamedDependency[ChannelsPlugin],
        plan_id: FromPath[uuid.UUID],
    ) -> None:
        await PlanService(db_session, channels).forget_reflection(member, plan_id)


class CalendarFeedController(Controller):
    path = "/api/v1/spaces/{space_id:uuid}/calendar-feed"
    tags = ["plans"]

    @get("", operation_id="getCalendarFeed", responses=problems(*MEMBER_READ))
    async def status(
        self, member: NamedDependency[Member], db_session: NamedDependency[AsyncSession]
    ) -> CalendarFeedOut:
        """Whether your private calendar feed is on (its address is shown only when it is made)."""
        return await CalendarService(db_session).status(member)

    @post("", operation_id="issueCalendarFeed", responses=problems(*MEMBER_WRITE), status_code=HTTP_201_CREATED)
    async def issue(
        self,
        member: NamedDependency[Member],
        db_session: NamedDependency[AsyncSession],
        data: JSONBody[CalendarFeedIn],
    ) -> CalendarFeedCreated:
        """Turn your feed on, or give it a new address: the old address stops working at once."""
        return await CalendarService(db_session).issue(member, data.detailed_titles)

    @patch("", operation_id="configureCalendarFeed", responses=problems(*MEMBER_WRITE))
    async def configure(
        self,
        member: NamedDependency[Member],
        db_session: NamedDependency[AsyncSession],
        data: JSONBody[CalendarFeedIn],
    ) -> CalendarFeedOut:
        return await CalendarService(db_session).configure(member, data.detailed_titles)

    @delete("", operation_id="turnOffCalendarFeed", responses=problems(*MEMBER_WRITE), status_code=HTTP_204_NO_CONTENT)
    async def turn_off(self, member: NamedDependency[Member], db_session: NamedDependency[AsyncSession]) -> None:
        await CalendarService(db_session).turn_off(member)


@get(
    "/api/v1/calendar/{feed_token:str}/tandem.ics",
    operation_id="calendarFeed",
    tags=["plans"],
    responses=problems(400, 404),
    media_type="text/calendar",
)
async def calendar_feed(
    db_session: NamedDependency[AsyncSession],
    feed_token: Annotated[str, PathParameter(min_length=1, max_length=128, pattern=r"^[A-Za-z0-9_-]+$")],
) -> Response[str]:
    """A member's upcoming plans for a calendar app. The token in the address is the only key: no cookie."""
    body = await CalendarService(db_session).render(feed_token)
    if body is None:
        raise NotFoundException()
    return Response(
        body,
        media_type="text/calendar; charset=utf-8",
        headers={"Content-Disposition": 'inline; filename="tandem.ics"'},
    )
