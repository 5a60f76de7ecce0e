from __future__ import annotations

import uuid

from litestar import Controller, delete, get, patch, post
from litestar.channels import ChannelsPlugin
from litestar.di import NamedDependency, Provide
from litestar.params import FromPath, JSONBody
from litestar.status_codes import HTTP_201_CREATED, HTTP_204_NO_CONTENT
from sqlalchemy.ext.asyncio import AsyncSession

from tandem.access.membership import Member
from tandem.boundaries.schemas import (
    BoundariesOut,
    BoundariesUpdate,
    BoundaryHistoryPage,
    CustomActivityCreate,
    CustomActivityUpdate,
    CustomActivityView,
    MyCustomActivity,
)
from tandem.boundaries.service import BoundaryService
from tandem.core.errors import MEMBER_READ, MEMBER_WRITE, problems
from tandem.core.paging import DEFAULT_PAGE_SIZE, CursorText, PageSize


def provide_boundaries(
    db_session: NamedDependency[AsyncSession], channels: NamedDependency[ChannelsPlugin]
) -> BoundaryService:
    return BoundaryService(db_session, channels)


class BoundaryController(Controller):
    path = "/api/v1/spaces/{space_id:uuid}/boundaries"
    tags = ["boundaries"]
    dependencies = {"boundaries": Provide(provide_boundaries, sync_to_thread=False)}

    @get("", operation_id="listBoundaries", responses=problems(*MEMBER_READ))
    async def overview(
        self, member: NamedDependency[Member], boundaries: NamedDependency[BoundaryService]
    ) -> BoundariesOut:
        """Both members' boundaries for now, with your partner's changes since you last looked marked."""
        return await boundaries.overview(member)

    @patch("", operation_id="setBoundaries", responses=problems(*MEMBER_WRITE))
    async def set_levels(
        self,
        member: NamedDependency[Member],
        data: JSONBody[BoundariesUpdate],
        boundaries: NamedDependency[BoundaryService],
    ) -> BoundariesOut:
        """Change your boundaries for now. No reason is ever needed."""
        await boundaries.set_levels(member, data.changes)
        return await boundaries.overview(member)

    @post(
        "/seen", operation_id="markBoundariesSeen", status_code=HTTP_204_NO_CONTENT, responses=problems(*MEMBER_WRITE)
    )
    async def mark_seen(self, member: NamedDependency[Member], boundaries: NamedDependency[BoundaryService]) -> None:
        """You've looked: your partner's current boundaries are no longer marked as changed."""
        await boundaries.mark_seen(member)

    @get("/history", operation_id="myBoundaryHistory", responses=problems(*MEMBER_READ))
    async def history(
        self,
        member: NamedDependency[Member],
        boundaries: NamedDependency[BoundaryService],
        cursor: CursorText = None,
        limit: PageSize = DEFAULT_PAGE_SIZE,
    ) -> BoundaryHistoryPage:
        """How your own boundaries changed, newest first. Only ever yours."""
        return await boundaries.history(member, cursor, limit)


class CustomActivityController(Controller):
    path = "/api/v1/spaces/{space_id:uuid}/custom-activities"
    tags = ["boundaries"]
    dependencies = {"boundaries": Provide(provide_boundaries, sync_to_thread=False)}

    @get("", operation_id="listCustomActivities", responses=problems(*MEMBER_READ))
    async def list_custom(
        self, member: NamedDependency[Member], boundaries: NamedDependency[BoundaryService]
    ) -> list[CustomActivityView]:
        """Activities your space added. Notes are shown to their author only."""
        return await boundaries.custom_activities(member)

    @post("", operation_id="createCustomActivity", status_code=HTTP_201_CREATED, responses=problems(*MEMBER_WRITE, 409))
    async def create(
        self,
        member: NamedDependency[Member],
        data: JSONBody[CustomActivityCreate],
        boundaries: NamedDependency[BoundaryService],
    ) -> MyCustomActivity:
        """Add an activity of your own; its name is shared with your partner, its note stays yours."""
        return await boundaries.add_custom(member, data)

    @patch("/{custom_activity_id:uuid}", operation_id="changeCustomActivity", responses=problems(*MEMBER_WRITE))
    async def change(
        self,
        member: NamedDependency[Member],
        custom_activity_id: FromPath[uuid.UUID],
        data: JSONBody[CustomActivityUpdate],
        boundaries: NamedDependency[BoundaryService],
    ) -> MyCustomActivity:
        return await boundaries.change_custom(member, custom_activity_id, data)

    @delete(
        "/{custom_activity_id:uuid}",
        operation_id="deleteCustomActivity",
        status_code=HTTP_204_NO_CONTENT,
        responses=problems(*MEMBER_WRITE),
    )
    async def remove(
        self,
        member: NamedDependency[Member],
        custom_activity_id: FromPath[uuid.UUID],
        boundaries: NamedDependency[BoundaryService],
    ) -> None:
        """Remove an activity you added, with both members' boundaries on it."""
        await boundaries.remove_custom(member, custom_activity_id)
