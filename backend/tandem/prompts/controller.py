from __future__ import annotations

import uuid
from typing import Annotated

from litestar import Controller, delete, get, post, put
from litestar.channels import ChannelsPlugin
from litestar.di import NamedDependency, Provide
from litestar.params import FromPath, FromQuery, JSONBody, QueryParameter
from litestar.status_codes import HTTP_201_CREATED, HTTP_204_NO_CONTENT
from sqlalchemy.ext.asyncio import AsyncSession

from tandem.access.identity import Caller
from tandem.access.membership import Member
from tandem.core.errors import MEMBER_READ, MEMBER_WRITE, SIGNED_IN_READ, problems
from tandem.core.paging import DEFAULT_PAGE_SIZE, CursorText, PageSize
from tandem.core.text import NO_CONTROL_LINE
from tandem.prompts.conversations import ConversationService
from tandem.prompts.models import PromptDepth
from tandem.prompts.schemas import (
    AnswerIn,
    ConversationOut,
    ConversationPage,
    ConversationStart,
    PromptCategoryOut,
    PromptOut,
    PromptPage,
    SurprisePick,
    TalkedMark,
)
from tandem.prompts.service import Filters, PromptService

# One line of text without control characters (as tandem.core.text.line() allows).
# Query parameters carry their limits on the parameter itself (Litestar applies those, not msgspec's Meta).
CategoryIds = Annotated[list[str] | None, QueryParameter(max_items=20, description="Category ids.")]
Depths = Annotated[list[PromptDepth] | None, QueryParameter(max_items=3)]
PromptIds = Annotated[list[str] | None, QueryParameter(max_items=200, description="Prompts shown already.")]
SearchText = Annotated[
    str | None, QueryParameter(max_length=200, pattern=NO_CONTROL_LINE, description="Words to search for.")
]


def provide_prompts(db_session: NamedDependency[AsyncSession]) -> PromptService:
    return PromptService(db_session)


def provide_conversations(
    db_session: NamedDependency[AsyncSession], channels: NamedDependency[ChannelsPlugin]
) -> ConversationService:
    return ConversationService(db_session, channels)


@get(
    "/api/v1/prompt-categories",
    operation_id="listPromptCategories",
    tags=["prompts"],
    responses=problems(*SIGNED_IN_READ),
)
async def prompt_categories(
    caller: NamedDependency[Caller], db_session: NamedDependency[AsyncSession]
) -> list[PromptCategoryOut]:
    """The categories of the conversation prompt library, with how many prompts each holds."""
    return await PromptService(db_session).categories()


class PromptController(Controller):
    path = "/api/v1/spaces/{space_id:uuid}/prompts"
    tags = ["prompts"]
    dependencies = {"prompts": Provide(provide_prompts, sync_to_thread=False)}

    @get("", operation_id="browsePrompts", responses=problems(*MEMBER_READ))
    async def browse(
        self,
        member: NamedDependency[Member],
        prompts: NamedDependency[PromptService],
        category: CategoryIds = None,
        depth: Depths = None,
        q: SearchText = None,
        favourites: FromQuery[bool] = False,
        talked: FromQuery[bool | None] = None,
        limit: PageSize = DEFAULT_PAGE_SIZE,
        cursor: CursorText = None,
    ) -> PromptPage:
        """Browse by category and depth, search the text, or list your favourites and what you've talked about.

        Pages follow `next_cursor` (in the same filters and search)."""
        filters = Filters(
            categories=category or (),
            depths=depth or (),
            query=q.strip() if q and q.strip() else None,
            favourites_only=favourites,
            talked=talked,
        )
        return await prompts.browse(member, filters, limit, cursor)

    @get("/surprise", operation_id="surprisePrompt", responses=problems(*MEMBER_READ))
    async def surprise(
        self,
        member: NamedDependency[Member],
        prompts: NamedDependency[PromptService],
        category: CategoryIds = None,
        depth: Depths = None,
        skip: PromptIds = None,
    ) -> SurprisePick:
        """Surprise us: a prompt from the chosen categories that you haven't talked about yet.

        Pass the prompts already shown in `skip` to get another one.
        """
        return await prompts.surprise(member, category or (), depth or (), skip or ())

    @get("/{prompt_id:str}", operation_id="getPrompt", responses=problems(*MEMBER_READ))
    async def get_prompt(
        self, member: NamedDependency[Member], prompt_id: FromPath[str], prompts: NamedDependency[PromptService]
    ) -> PromptOut:
        return await prompts.get(member, prompt_id)

    @put("/{prompt_id:str}/favourite", operation_id="favouritePrompt", responses=problems(*MEMBER_WRITE))
    async def favourite(
        self, member: NamedDependency[Member], prompt_id: FromPath[str], prompts: NamedDependency[PromptService]
    ) -> PromptOut:
        """Save it to your shared favourites."""
        return await prompts.set_favourite(member, prompt_id, favourite=True)

    @delete(
        "/{prompt_id:str}/favourite",
        operation_id="unfavouritePrompt",
        status_code=HTTP_204_NO_CONTENT,
        responses=problems(*MEMBER_WRITE),
    )
    async def unfavourite(
        self, member: NamedDependency[Member], prompt_id: FromPath[str], prompts: NamedDependency[PromptService]
    ) -> None:
        await prompts.set_favourite(member, prompt_id, favourite=False)

    @put("/{prompt_id:str}/talked", operation_id="markPromptTalked", responses=problems(*MEMBER_WRITE))
    async def talked(
        self,
        member: NamedDependency[Member],
        prompt_id: FromPath[str],
        data: JSONBody[TalkedMark],
        prompts: NamedDependency[PromptService],
    ) -> PromptOut:
        """Mark "we talked about this", with the day."""
        return await prompts.set_talked(member, prompt_id, data.on)

    @delete(
        "/{prompt_id:str}/talked",
        operation_id="unmarkPromptTalked",
        status_code=HTTP_204_NO_CONTENT,
        responses=problems(*MEMBER_WRITE),
    )
    async def untalked(
        self, member: NamedDependency[Member], prompt_id: FromPath[str], prompts: NamedDependency[PromptService]
    ) -> None:
        await prompts.set_talked(member, prompt_id, None)


class ConversationController(Controller):
    path = "/api/v1/spaces/{space_id:uuid}/conversations"
    tags = ["conversations"]
    dependencies = {"conversations": Provide(provide_conversations, sync_to_thread=False)}

    @post("", operation_id="startConversation", status_code=HTTP_201_CREATED, responses=problems(*MEMBER_WRITE, 409))
    async def start(
        self,
        member: NamedDependency[Member],
        data: JSONBody[ConversationStart],
        conversations: NamedDependency[ConversationService],
    ) -> ConversationOut:
        """Open a prompt as a conversation (or join the one open on it): each answers, both are revealed at once."""
        return await conversations.start(member, data.prompt_id)

    @get("", operation_id="listConversations", responses=problems(*MEMBER_READ))
    async def list_conversations(
        self,
        member: NamedDependency[Member],
        conversations: NamedDependency[ConversationService],
        cursor: CursorText = None,
        limit: PageSize = DEFAULT_PAGE_SIZE,
    ) -> ConversationPage:
        """Your conversations, newest first: open, revealed, and kept in your shared history."""
        return await conversations.page(member, cursor, limit)

    @get("/{conversation_id:uuid}", operation_id="getConversation", responses=problems(*MEMBER_READ))
    async def get_conversation(
        self,
        member: NamedDependency[Member],
        conversation_id: FromPath[uuid.UUID],
        conversations: NamedDependency[ConversationService],
    ) -> ConversationOut:
        return await conversations.get(member, conversation_id)

    @post(
        "/{conversation_id:uuid}/join",
        operation_id="joinConversation",
        status_code=200,
        responses=problems(*MEMBER_WRITE, 409),
    )
    async def join(
        self,
        member: NamedDependency[Member],
        conversation_id: FromPath[uuid.UUID],
        conversations: NamedDependency[ConversationService],
    ) -> ConversationOut:
        return await conversations.join(member, conversation_id)

    @post(
        "/{conversation_id:uuid}/answer",
        operation_id="answerConversation",
        status_code=200,
        responses=problems(*MEMBER_WRITE, 409),
    )
    async def answer(
        self,
        member: NamedDependency[Member],
        conversation_id: FromPath[uuid.UUID],
        data: JSONBody[AnswerIn],
        conversations: NamedDependency[ConversationService],
    ) -> ConversationOut:
        """Send your answer; it stays hidden until your partner has answered too."""
        return await conversations.answer(member, conversation_id, data.text)

    @post(
        "/{conversation_id:uuid}/keep",
        operation_id="keepConversation",
        status_code=200,
        responses=problems(*MEMBER_WRITE, 409),
    )
    async def keep(
        self,
        member: NamedDependency[Member],
        conversation_id: FromPath[uuid.UUID],
        conversations: NamedDependency[ConversationService],
    ) -> ConversationOut:
        """Keep it in your shared history (the prompt is marked as talked about)."""
        return await conversations.keep(member, conversation_id)

    @delete(
        "/{conversation_id:uuid}",
        operation_id="discardConversation",
        status_code=HTTP_204_NO_CONTENT,
        responses=problems(*MEMBER_WRITE, 409),
    )
    async def discard(
        self,
        member: NamedDependency[Member],
        conversation_id: FromPath[uuid.UUID],
        conversations: NamedDependency[ConversationService],
    ) -> None:
        """Discard it: before the reveal whoever started it calls it off; after it, only your answer goes."""
        await conversations.discard(member, conversation_id)

    @delete(
        "/{conversation_id:uuid}/answer",
        operation_id="deleteMyAnswer",
        status_code=HTTP_204_NO_CONTENT,
        responses=problems(*MEMBER_WRITE, 409),
    )
    async def delete_answer(
        self,
        member: NamedDependency[Member],
        conversation_id: FromPath[uuid.UUID],
        conversations: NamedDependency[ConversationService],
    ) -> None:
        """Take back your own answer, once it has been revealed."""
        await conversations.delete_my_answer(member, conversation_id)
