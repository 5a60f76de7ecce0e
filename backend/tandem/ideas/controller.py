from __future__ import annotations

from typing import Annotated

from litestar import Controller, delete, get, post, put
from litestar.channels import ChannelsPlugin
from litestar.di import NamedDependency
from litestar.params import JSONBody, PathParameter, QueryParameter
from litestar.status_codes import HTTP_201_CREATED, HTTP_204_NO_CONTENT
from sqlalchemy.ext.asyncio import AsyncSession

from tandem.access.membership import Member
from tandem.core.errors import MEMBER_READ, MEMBER_WRITE, problems
from tandem.core.paging import DEFAULT_PAGE_SIZE, CursorText, PageSize
from tandem.ideas.models import IdeaCategory
from tandem.ideas.schemas import CustomIdeaIn, IdeaOut, IdeaPage, Matches, MatchesSeen, RatingIn, RatingOut
from tandem.ideas.service import IdeaService, RatingFilter, Source, custom_key

IdeaId = Annotated[str, PathParameter(min_length=1, max_length=80)]
# The id a custom idea is returned with ("custom-<uuid>"); the bare uuid still works for older links.
CustomIdeaId = Annotated[
    str,
    PathParameter(
        pattern=r"^(custom-)?[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$",
        max_length=43,
    ),
]


class IdeasController(Controller):
    path = "/api/v1/spaces/{space_id:uuid}"
    tags = ["ideas"]

    @get("/ideas", operation_id="listIdeas", responses=problems(*MEMBER_READ))
    async def list_ideas(
        self,
        member: NamedDependency[Member],
        db_session: NamedDependency[AsyncSession],
        category: Annotated[IdeaCategory | None, QueryParameter()] = None,
        closeness: Annotated[int | None, QueryParameter(ge=1, le=4)] = None,
        max_minutes: Annotated[int | None, QueryParameter(ge=5, le=720)] = None,
        q: Annotated[str | None, QueryParameter(max_length=80)] = None,
        source: Annotated[Source, QueryParameter()] = Source.ALL,
        my_rating: Annotated[RatingFilter | None, QueryParameter()] = None,
        limit: PageSize = DEFAULT_PAGE_SIZE,
        cursor: CursorText = None,
    ) -> IdeaPage:
        """The library and your own ideas: filter by category, closeness, duration, your rating; search.

        Pages follow `next_cursor` (in the same filters and search)."""
        return await IdeaService(db_session).library(
            member,
            category=category,
            closeness=closeness,
            max_minutes=max_minutes,
            query=q,
            source=source,
            rating=my_rating,
            limit=limit,
            cursor=cursor,
        )

    @get("/ideas/{idea_id:str}", operation_id="getIdea", responses=problems(*MEMBER_READ))
    async def get_idea(
        self, member: NamedDependency[Member], db_session: NamedDependency[AsyncSession], idea_id: IdeaId
    ) -> IdeaOut:
        return await IdeaService(db_session).one(member, idea_id)

    @put("/ideas/{idea_id:str}/rating", operation_id="rateIdea", responses=problems(*MEMBER_WRITE))
    async def rate_idea(
        self,
        member: NamedDependency[Member],
        db_session: NamedDependency[AsyncSession],
        channels: NamedDependency[ChannelsPlugin],
        idea_id: IdeaId,
        data: JSONBody[RatingIn],
    ) -> RatingOut:
        """Rate an idea yes, maybe or not now. Only you ever see your rating."""
        return await IdeaService(db_session).rate(member, idea_id, data.value, channels)

    @delete(
        "/ideas/{idea_id:str}/rating",
        operation_id="clearIdeaRating",
        responses=problems(*MEMBER_WRITE),
        status_code=HTTP_204_NO_CONTENT,
    )
    async def clear_rating(
        self, member: NamedDependency[Member], db_session: NamedDependency[AsyncSession], idea_id: IdeaId
    ) -> None:
        await IdeaService(db_session).unrate(member, idea_id)

    @get("/idea-queue", operation_id="listIdeasToRate", responses=problems(*MEMBER_READ))
    async def idea_queue(
        self,
        member: NamedDependency[Member],
        db_session: NamedDependency[AsyncSession],
        limit: Annotated[int, QueryParameter(ge=1, le=100)] = 10,
    ) -> list[IdeaOut]:
        """ "Rate a few": ideas you have not rated yet, gentlest first."""
        return await IdeaService(db_session).queue(member, limit)

    @get("/matches", operation_id="listMatches", responses=problems(*MEMBER_READ))
    async def matches(self, member: NamedDependency[Member], db_session: NamedDependency[AsyncSession]) -> Matches:
        """Ideas you both said yes to, and ideas you are both open to, gentlest first."""
        return await IdeaService(db_session).matches(member)

    @post(
        "/matches/seen",
        operation_id="markMatchesSeen",
        responses=problems(*MEMBER_WRITE),
        status_code=HTTP_204_NO_CONTENT,
    )
    async def matches_seen(
        self, member: NamedDependency[Member], db_session: NamedDependency[AsyncSession], data: JSONBody[MatchesSeen]
    ) -> None:
        """You have seen these matches: they are no longer marked new for you (your partner's marks are theirs)."""
        await IdeaService(db_session).mark_seen(member, data.idea_ids)

    @post(
        "/custom-ideas",
        operation_id="createCustomIdea",
        responses=problems(*MEMBER_WRITE, 409),
        status_code=HTTP_201_CREATED,
    )
    async def create_custom_idea(
        self, member: NamedDependency[Member], db_session: NamedDependency[AsyncSession], data: JSONBody[CustomIdeaIn]
    ) -> IdeaOut:
        """Add an idea of your own. Both of you see it, in your space only."""
        return await IdeaService(db_session).create_custom(member, data)

    @put("/custom-ideas/{custom_idea_id:str}", operation_id="replaceCustomIdea", responses=problems(*MEMBER_WRITE))
    async def replace_custom_idea(
        self,
        member: NamedDependency[Member],
        db_session: NamedDependency[AsyncSession],
        custom_idea_id: CustomIdeaId,
        data: JSONBody[CustomIdeaIn],
    ) -> IdeaOut:
        """Change an idea you added."""
        return await IdeaService(db_session).replace_custom(member, custom_key(custom_idea_id), data)

    @delete(
        "/custom-ideas/{custom_idea_id:str}",
        operation_id="deleteCustomIdea",
        responses=problems(*MEMBER_WRITE),
        status_code=HTTP_204_NO_CONTENT,
    )
    async def delete_custom_idea(
        self,
        member: NamedDependency[Member],
        db_session: NamedDependency[AsyncSession],
        custom_idea_id: CustomIdeaId,
    ) -> None:
        """Delete an idea you added, with its ratings. Plans made from it stay, with its title."""
        await IdeaService(db_session).delete_custom(member, custom_key(custom_idea_id))
