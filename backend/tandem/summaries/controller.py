"""Summary routes. Composing them is the patient's alone (404 for anyone else); reading published ones
and reacting to them happens in the space."""

from __future__ import annotations

import uuid

from litestar import Controller, delete, get, post, put
from litestar.channels import ChannelsPlugin
from litestar.di import NamedDependency, Provide
from litestar.params import FromPath, JSONBody
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED, HTTP_204_NO_CONTENT
from sqlalchemy.ext.asyncio import AsyncSession

from tandem.access.identity import Caller
from tandem.access.membership import Member, require_patient
from tandem.core.errors import MEMBER_READ, MEMBER_WRITE, SIGNED_IN_READ, problems
from tandem.core.paging import DEFAULT_PAGE_SIZE, CursorText, PageSize
from tandem.summaries.schemas import (
    ReactionIn,
    ReactionKindOut,
    SharedSummaryOut,
    SharedSummaryPage,
    SummaryCreate,
    SummaryOut,
    SummaryPage,
    SummaryUpdate,
)
from tandem.summaries.service import SummaryService, list_reaction_kinds


def provide_authoring(
    member: NamedDependency[Member],
    db_session: NamedDependency[AsyncSession],
    channels: NamedDependency[ChannelsPlugin],
) -> SummaryService:
    require_patient(member)
    return SummaryService(db_session, member, channels)


def provide_summaries(
    member: NamedDependency[Member],
    db_session: NamedDependency[AsyncSession],
    channels: NamedDependency[ChannelsPlugin],
) -> SummaryService:
    return SummaryService(db_session, member, channels)


class SummaryAuthoringController(Controller):
    path = "/api/v1/spaces/{space_id:uuid}/practice/summaries"
    tags = ["summaries"]
    dependencies = {"authoring": Provide(provide_authoring, sync_to_thread=False)}

    @get("", operation_id="listMySummaries", responses=problems(*MEMBER_READ))
    async def list_summaries(
        self,
        authoring: NamedDependency[SummaryService],
        cursor: CursorText = None,
        limit: PageSize = DEFAULT_PAGE_SIZE,
    ) -> SummaryPage:
        """The patient's summaries in every state (draft, published, withdrawn), newest first."""
        return await authoring.list_own(cursor, limit)

    @post("", operation_id="draftSummary", responses=problems(*MEMBER_WRITE), status_code=HTTP_201_CREATED)
    async def draft(self, authoring: NamedDependency[SummaryService], data: JSONBody[SummaryCreate]) -> SummaryOut:
        """Draft a summary of a period from the journal: separate lines, each with its checkbox. Private."""
        return await authoring.draft(data.period_start, data.period_end, data.tz)

    @get("/{summary_id:uuid}", operation_id="getMySummary", responses=problems(*MEMBER_READ))
    async def get_summary(
        self, authoring: NamedDependency[SummaryService], summary_id: FromPath[uuid.UUID]
    ) -> SummaryOut:
        return await authoring.get_own(summary_id)

    @put("/{summary_id:uuid}", operation_id="updateSummary", responses=problems(*MEMBER_WRITE))
    async def update(
        self,
        authoring: NamedDependency[SummaryService],
        summary_id: FromPath[uuid.UUID],
        data: JSONBody[SummaryUpdate],
    ) -> SummaryOut:
        """Save the ticked lines and the message. On a published summary this is a new version."""
        return await authoring.update(summary_id, data)

    @delete(
        "/{summary_id:uuid}",
        operation_id="deleteSummary",
        responses=problems(*MEMBER_WRITE),
        status_code=HTTP_204_NO_CONTENT,
    )
    async def delete_summary(self, authoring: NamedDependency[SummaryService], summary_id: FromPath[uuid.UUID]) -> None:
        await authoring.delete(summary_id)

    @post(
        "/{summary_id:uuid}/preview",
        operation_id="previewSummary",
        responses=problems(*MEMBER_WRITE),
        status_code=HTTP_200_OK,
    )
    async def preview(
        self,
        authoring: NamedDependency[SummaryService],
        summary_id: FromPath[uuid.UUID],
        data: JSONBody[SummaryUpdate],
    ) -> SharedSummaryOut:
        """Exactly what the partner would see with these choices. Nothing is saved or shared."""
        return await authoring.preview(summary_id, data)

    @post(
        "/{summary_id:uuid}/publish",
        operation_id="publishSummary",
        responses=problems(*MEMBER_WRITE),
        status_code=HTTP_200_OK,
    )
    async def publish(self, authoring: NamedDependency[SummaryService], summary_id: FromPath[uuid.UUID]) -> SummaryOut:
        """Share the ticked lines and the message with the partner."""
        return await authoring.publish(summary_id)

    @post(
        "/{summary_id:uuid}/withdraw",
        operation_id="withdrawSummary",
        responses=problems(*MEMBER_WRITE, 409),
        status_code=HTTP_200_OK,
    )
    async def withdraw(self, authoring: NamedDependency[SummaryService], summary_id: FromPath[uuid.UUID]) -> SummaryOut:
        """Stop sharing it. From the next request the partner gets 404 and it is in none of their lists."""
        return await authoring.withdraw(summary_id)


class SharedSummaryController(Controller):
    path = "/api/v1/spaces/{space_id:uuid}/summaries"
    tags = ["summaries"]
    dependencies = {"summaries": Provide(provide_summaries, sync_to_thread=False)}

    @get("", operation_id="listSharedSummaries", responses=problems(*MEMBER_READ))
    async def list_shared(
        self,
        summaries: NamedDependency[SummaryService],
        cursor: CursorText = None,
        limit: PageSize = DEFAULT_PAGE_SIZE,
    ) -> SharedSummaryPage:
        """Published summaries of the space, newest first."""
        return await summaries.list_shared(cursor, limit)

    @get("/{summary_id:uuid}", operation_id="getSharedSummary", responses=problems(*MEMBER_READ))
    async def get_shared(
        self, summaries: NamedDependency[SummaryService], summary_id: FromPath[uuid.UUID]
    ) -> SharedSummaryOut:
        return await summaries.get_shared(summary_id)

    @put("/{summary_id:uuid}/reaction", operation_id="reactToSummary", responses=problems(*MEMBER_WRITE))
    async def react(
        self,
        summary_id: FromPath[uuid.UUID],
        data: JSONBody[ReactionIn],
        summaries: NamedDependency[SummaryService],
    ) -> SharedSummaryOut:
        """The partner's acknowledgement, from the fixed set. Choosing again replaces it."""
        return await summaries.react(summary_id, data.kind)

    @delete(
        "/{summary_id:uuid}/reaction",
        operation_id="removeSummaryReaction",
        responses=problems(*MEMBER_WRITE),
        status_code=HTTP_204_NO_CONTENT,
    )
    async def unreact(self, summaries: NamedDependency[SummaryService], summary_id: FromPath[uuid.UUID]) -> None:
        await summaries.unreact(summary_id)


@get(
    "/api/v1/summary-reactions",
    operation_id="listReactionKinds",
    tags=["summaries"],
    responses=problems(*SIGNED_IN_READ),
)
async def reaction_kinds(
    caller: NamedDependency[Caller], db_session: NamedDependency[AsyncSession]
) -> list[ReactionKindOut]:
    """The fixed set of supportive reactions a partner can give to a summary."""
    return await list_reaction_kinds(db_session)
