"""Conversations: a prompt answered separately and revealed together, then kept or discarded."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from litestar.channels import ChannelsPlugin
from litestar.exceptions import NotFoundException
from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from tandem.access import reader
from tandem.access.membership import Member
from tandem.core.db import utcnow
from tandem.core.errors import Conflict, bad_field
from tandem.core.paging import decode_cursor, encode_cursor, older_than
from tandem.events.channels import emit
from tandem.events.schemas import EventKind
from tandem.prompts.models import Conversation, ConversationAnswer, Prompt
from tandem.prompts.schemas import (
    AnswerOut,
    ConversationOut,
    ConversationPage,
    ConversationSeat,
    ConversationSummary,
)
from tandem.prompts.service import PromptService
from tandem.reveal.models import RevealKind, RevealRound, RevealSeat, RoundState
from tandem.reveal.service import ONLY_STARTER, RevealService
from tandem.sharing.listing import SharedRows, each
from tandem.sharing.schemas import SharedItem

KIND = RevealKind.CONVERSATION
NOT_YET_REVEALED = "You can do this once you've both answered."


class ConversationService:
    def __init__(self, db: AsyncSession, channels: ChannelsPlugin) -> None:
        self.db = db
        self.channels = channels
        self.reveal = RevealService(db)
        self.prompts = PromptService(db)

    async def start(self, member: Member, prompt_id: str) -> ConversationOut:
        """Open the prompt as a conversation, or join the one already open on it."""
        await self.prompts.find(prompt_id)
        locked = await self.reveal.start(member, KIND, subject=prompt_id)
        conversation = await self.db.scalar(select(Conversation).where(Conversation.round_id == locked.id))
        if conversation is None:
            conversation = Conversation(space_id=member.space_id, prompt_id=prompt_id, round_id=locked.id)
            self.db.add(conversation)
            await self.db.flush()
            self._signal(member, "started", conversation.id)
        return await self.view(member, conversation, locked)

    async def page(self, member: Member, cursor: str | None, limit: int) -> ConversationPage:
        after = decode_cursor(cursor)
        result = await self.db.execute(
            select(Conversation, RevealRound, Prompt.text)
            .join(RevealRound, RevealRound.id == Conversation.round_id)
            .join(Prompt, Prompt.id == Conversation.prompt_id)
            .where(
                Conversation.space_id == member.space_id,
                older_than(Conversation.created_at, Conversation.id, after),
            )
            .order_by(Conversation.created_at.desc(), Conversation.id.desc())
            .limit(limit + 1)
        )
        rows = [(conversation, found, text) for conversation, found, text in result]
        page = rows[:limit]
        answered = await self._answered_seats(member, [r.id for _, r, _ in page])
        items = [
            ConversationSummary(
                id=c.id,
                prompt_id=c.prompt_id,
                prompt_text=text,
                state=r.state,
                created_at=c.created_at,
                revealed_at=r.revealed_at,
                kept_at=c.kept_at,
                i_answered=(r.id, member.user_id) in answered,
                partner_answered=member.partner_user_id is not None and (r.id, member.partner_user_id) in answered,
            )
            for c, r, text in page
        ]
        last = page[-1][0] if page else None
        return ConversationPage(
            items=items,
            next_cursor=encode_cursor(last.created_at, last.id) if last is not None and len(rows) > limit else None,
        )

    async def get(self, member: Member, conversation_id: uuid.UUID) -> ConversationOut:
        conversation = await self._find(member, conversation_id)
        found = await self.reveal.find(member, KIND, conversation.round_id)
        return await self.view(member, conversation, found)

    async def join(self, member: Member, conversation_id: uuid.UUID) -> ConversationOut:
        conversation = await self._find(member, conversation_id)
        locked = await self.reveal.lock(member, KIND, conversation.round_id)
        if await self.reveal.join(member, locked):
            self._signal(member, "joined", conversation.id)
        return await self.view(member, conversation, locked)

    async def answer(self, member: Member, conversation_id: uuid.UUID, text: str) -> ConversationOut:
        text = text.strip()
        if not text:
            raise bad_field("text", "Please write your answer before sending it.")
        conversation = await self._find(member, conversation_id)
        locked = await self.reveal.lock(member, KIND, conversation.round_id)
        revealed = await self.reveal.record_answer(member, locked)
        self.db.add(
            ConversationAnswer(
                space_id=member.space_id, author_id=member.user_id, conversation_id=conversation.id, text=text
            )
        )
        await self.db.flush()
        if revealed:
            # Both answers become readable to the other in the very transaction that reveals them.
            await self.db.execute(
                update(ConversationAnswer)
                .where(
                    ConversationAnswer.space_id == member.space_id,
                    ConversationAnswer.conversation_id == conversation.id,
                )
                .values(revealed=True)
                .execution_options(synchronize_session="fetch")
            )
        self._signal(member, "revealed" if revealed else "answered", conversation.id)
        return await self.view(member, conversation, locked)

    async def keep(self, member: Member, conversation_id: uuid.UUID) -> ConversationOut:
        """Keep a revealed conversation in the couple's shared history; the prompt is marked as talked about."""
        conversation = await self._find(member, conversation_id)
        locked = await self.reveal.lock(member, KIND, conversation.round_id)
        if locked.state is not RoundState.REVEALED:
            raise Conflict(detail=NOT_YET_REVEALED)
        if conversation.kept_at is None:
            conversation.kept_at = utcnow()
            await self.prompts.mark_talked_if_unmarked(member, conversation.prompt_id, conversation.kept_at.date())
            await self.db.flush()
            self._signal(member, "kept", conversation.id)
        return await self.view(member, conversation, locked)

    async def discard(self, member: Member, conversation_id: uuid.UUID) -> None:
        """Let it go. Before the reveal only the one who started it may, and every answer goes with it;
        after it, only your own answer goes (the conversation with the last one)."""
        conversation = await self._find(member, conversation_id)
        locked = await self.reveal.lock(member, KIND, conversation.round_id)
        if locked.state is RoundState.OPEN and not self.reveal.may_call_off(member, locked):
            raise Conflict(detail=ONLY_STARTER)
        if locked.state is not RoundState.OPEN:
            # Once the round is over each answer is its author's: discarding removes only your own,
            # and the conversation goes once no answer is left in it.
            mine = await self._my_answer(member, conversation.id)
            if mine is not None:
                await self.db.delete(mine)
                await self.db.flush()
            if await reader.rows_remain(
                self.db, ConversationAnswer, ConversationAnswer.conversation_id == conversation.id
            ):
                self._signal(member, "answer_deleted", conversation.id)
                return
        await self.db.execute(
            delete(RevealRound).where(RevealRound.id == locked.id, RevealRound.space_id == member.space_id)
        )
        self._signal(member, "discarded", conversation.id)

    async def delete_my_answer(self, member: Member, conversation_id: uuid.UUID) -> ConversationOut:
        """An author may take back their answer once it has been revealed."""
        conversation = await self._find(member, conversation_id)
        locked = await self.reveal.lock(member, KIND, conversation.round_id)
        if locked.state is not RoundState.REVEALED:
            raise Conflict(detail=NOT_YET_REVEALED)
        mine = await self._my_answer(member, conversation.id)
        if mine is None:
            raise NotFoundException()
        await self.db.delete(mine)
        await self.db.flush()
        self._signal(member, "answer_deleted", conversation.id)
        return await self.view(member, conversation, locked)

    async def view(self, member: Member, conversation: Conversation, found: RevealRound) -> ConversationOut:
        seats = await self.reveal.seats(member, found.id)
        answers = await self.db.scalars(
            reader.readable(member, ConversationAnswer).where(ConversationAnswer.conversation_id == conversation.id)
        )
        mine = partners = None
        for answer in answers:
            out = AnswerOut(text=answer.text, created_at=answer.created_at)
            if answer.author_id == member.user_id:
                mine = out
            else:
                partners = out
        return ConversationOut(
            id=conversation.id,
            prompt=await self.prompts.get(member, conversation.prompt_id, include_retired=True),
            state=found.state,
            started_by_me=found.started_by == member.user_id,
            can_call_off=found.state is RoundState.OPEN and self.reveal.may_call_off(member, found),
            created_at=conversation.created_at,
            revealed_at=found.revealed_at,
            kept_at=conversation.kept_at,
            seats=[
                ConversationSeat(
                    user_id=s.author_id, is_me=s.author_id == member.user_id, answered=s.answered_at is not None
                )
                for s in seats
            ],
            my_answer=mine,
            partners_answer=partners,
        )

    async def _find(self, member: Member, conversation_id: uuid.UUID) -> Conversation:
        found = await self.db.scalar(
            select(Conversation).where(Conversation.id == conversation_id, Conversation.space_id == member.space_id)
        )
        if found is None:
            raise NotFoundException()
        return found

    async def _my_answer(self, member: Member, conversation_id: uuid.UUID) -> ConversationAnswer | None:
        return await self.db.scalar(
            reader.own(member, ConversationAnswer).where(ConversationAnswer.conversation_id == conversation_id)
        )

    async def _answered_seats(self, member: Member, round_ids: list[uuid.UUID]) -> set[tuple[uuid.UUID, uuid.UUID]]:
        if not round_ids:
            return set()
        rows = await self.db.execute(
            reader.readable(member, RevealSeat, RevealSeat.round_id, RevealSeat.author_id).where(
                RevealSeat.round_id.in_(round_ids), RevealSeat.answered_at.is_not(None)
            )
        )
        return {(round_id, author_id) for round_id, author_id in rows}

    def _signal(self, member: Member, change: str, conversation_id: uuid.UUID) -> None:
        emit(self.db, self.channels, member.space_id, EventKind.CONVERSATION, change, conversation_id)


# --- what the member shares (for the sharing overview) -------------------------------------------


# The member's revealed answers: each can be taken back on its own (deleteMyAnswer).
ANSWERED_PROMPTS = SharedRows(
    rows=reader.own_bound(ConversationAnswer, ConversationAnswer.conversation_id, ConversationAnswer.created_at).where(
        ConversationAnswer.revealed.is_(True)
    ),
    items=each(
        lambda r: SharedItem(
            kind="answered_prompts",
            id=str(r.id),
            label="Your answer to a conversation prompt",
            link=f"/space/conversations/{r.id}",
            can_stop=True,
            at=r.at,
        )
    ),
)


async def delete_unrevealed_answers(db: AsyncSession, member: Member, round_ids: Sequence[uuid.UUID]) -> int:
    """The member's answers in conversations called off before the reveal: gone, as if never given."""
    if not round_ids:
        return 0
    in_rounds = select(Conversation.id).where(
        Conversation.space_id == member.space_id, Conversation.round_id.in_(list(round_ids))
    )
    result = await db.execute(
        delete(ConversationAnswer)
        .where(reader.own_rows(member, ConversationAnswer), ConversationAnswer.conversation_id.in_(in_rounds))
        .execution_options(synchronize_session="fetch")
    )
    return int(getattr(result, "rowcount", 0) or 0)
