"""What a member's export holds of conversations: their answers, their partner's revealed ones, the couple's marks."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from tandem.access import reader
from tandem.access.export_scope import ExportScope
from tandem.prompts.models import Conversation, ConversationAnswer, PromptFavourite, PromptTalked
from tandem.reveal.models import RevealSeat


async def export_records(db: AsyncSession, scope: ExportScope) -> dict[str, Any]:
    own = await db.execute(
        reader.own(scope.members, ConversationAnswer, ConversationAnswer, Conversation.prompt_id)
        .join(Conversation, Conversation.id == ConversationAnswer.conversation_id)
        .order_by(ConversationAnswer.created_at)
    )
    seats = await db.scalars(reader.own(scope.members, RevealSeat).order_by(RevealSeat.joined_at))
    result: dict[str, Any] = {
        "conversation_answers": {
            "authored": [
                {
                    "conversation_id": a.conversation_id,
                    "prompt_id": prompt_id,
                    "text": a.text,
                    "created_at": a.created_at,
                    "revealed": a.revealed,
                }
                for a, prompt_id in own
            ],
            "shared_with_me": [],
        },
        "answer_together_presence": [
            {"round_id": s.round_id, "joined_at": s.joined_at, "answered_at": s.answered_at} for s in seats
        ],
        "prompt_marks_of_our_space": {"favourites": [], "talked_about": []},
    }
    viewer = scope.current
    if viewer is None:
        return result
    revealed = await db.execute(
        reader.shared_with(viewer, ConversationAnswer, ConversationAnswer, Conversation.prompt_id)
        .join(Conversation, Conversation.id == ConversationAnswer.conversation_id)
        .order_by(ConversationAnswer.created_at)
    )
    result["conversation_answers"]["shared_with_me"] = [
        {"conversation_id": a.conversation_id, "prompt_id": prompt_id, "text": a.text, "created_at": a.created_at}
        for a, prompt_id in revealed
    ]
    favourites = await db.scalars(select(PromptFavourite).where(PromptFavourite.space_id == viewer.space_id))
    talked = await db.scalars(select(PromptTalked).where(PromptTalked.space_id == viewer.space_id))
    result["prompt_marks_of_our_space"] = {
        "favourites": [{"prompt_id": f.prompt_id, "created_at": f.created_at} for f in favourites],
        "talked_about": [{"prompt_id": t.prompt_id, "on": t.talked_on} for t in talked],
    }
    return result
