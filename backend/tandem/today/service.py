"""A question for today: one prompt a day, picked from the space and the date alone.

The couple's day is the UTC date, so both members see the same question however their phones are
set; it changes at midnight UTC. The pick is a hash of the space id and the day over the prompts they
have not discussed before today, so it is stable all day (also after they answer or mark it talked
about) and needs nothing stored. Skipping a day leaves no trace: nothing counts days.
"""

from __future__ import annotations

import hashlib
import uuid
from datetime import UTC, date, datetime, time

from litestar.channels import ChannelsPlugin
from sqlalchemy import bindparam, or_, select, union
from sqlalchemy.ext.asyncio import AsyncSession

from tandem.access.membership import Member
from tandem.core.db import utcnow
from tandem.events.channels import emit
from tandem.events.schemas import EventKind
from tandem.prompts.conversations import ConversationService
from tandem.prompts.models import Conversation, PromptDepth, PromptTalked
from tandem.prompts.service import PromptService
from tandem.reveal.models import RevealRound
from tandem.today.models import TodaySetting
from tandem.today.schemas import TodayOut

# Which depths to try, in order, for each choice: the chosen depth first, then deeper, then gentler.
DEPTH_ORDER: dict[PromptDepth, tuple[PromptDepth, ...]] = {
    PromptDepth.LIGHT: (PromptDepth.LIGHT, PromptDepth.DEEPER, PromptDepth.DEEP),
    PromptDepth.DEEPER: (PromptDepth.DEEPER, PromptDepth.DEEP, PromptDepth.LIGHT),
    PromptDepth.DEEP: (PromptDepth.DEEP, PromptDepth.DEEPER, PromptDepth.LIGHT),
}


def couples_day(now: datetime | None = None) -> date:
    return (now or utcnow()).astimezone(UTC).date()


def pick(space_id: uuid.UUID, day: date, prompt_ids: list[str]) -> str | None:
    """The same prompt for the same space, day and candidates, on every server and every run."""
    if not prompt_ids:
        return None
    digest = hashlib.sha256(f"{space_id}:{day.isoformat()}".encode()).digest()
    ordered = sorted(prompt_ids)
    return ordered[int.from_bytes(digest[:8], "big") % len(ordered)]


# Built once, with bound parameters (one statement, not two, and no building per request).
_DISCUSSED_BEFORE = union(
    select(Conversation.prompt_id)
    .join(RevealRound, RevealRound.id == Conversation.round_id)
    .where(
        Conversation.space_id == bindparam("space_id"),
        Conversation.created_at < bindparam("start_of_day"),
        or_(RevealRound.cancelled_at.is_(None), RevealRound.revealed_at.is_not(None)),
    ),
    select(PromptTalked.prompt_id).where(
        PromptTalked.space_id == bindparam("space_id"), PromptTalked.talked_on < bindparam("day")
    ),
)


class TodayService:
    def __init__(self, db: AsyncSession, channels: ChannelsPlugin) -> None:
        self.db = db
        self.channels = channels
        self.prompts = PromptService(db)
        self.conversations = ConversationService(db, channels)

    async def depth(self, member: Member) -> PromptDepth:
        setting = await self.db.get(TodaySetting, member.space_id)
        return setting.depth if setting is not None else PromptDepth.LIGHT

    async def set_depth(self, member: Member, depth: PromptDepth) -> TodayOut:
        setting = await self.db.get(TodaySetting, member.space_id, with_for_update=True)
        if setting is None:
            self.db.add(TodaySetting(space_id=member.space_id, depth=depth))
        elif setting.depth is not depth:
            setting.depth, setting.updated_at = depth, utcnow()
        await self.db.flush()
        # Today's question may change for both: the partner's open page refetches it.
        emit(self.db, self.channels, member.space_id, EventKind.CONVERSATION, "today")
        return await self.today(member)

    async def _discussed_before(self, member: Member, day: date) -> set[str]:
        """Prompts opened as a conversation, or marked talked about, before today."""
        start_of_day = datetime.combine(day, time.min, tzinfo=UTC)
        found = await self.db.scalars(
            _DISCUSSED_BEFORE, {"space_id": member.space_id, "start_of_day": start_of_day, "day": day}
        )
        return set(found)

    async def todays_prompt_id(self, member: Member, day: date, depth: PromptDepth) -> str | None:
        avoided = await self._discussed_before(member, day)
        by_depth: dict[PromptDepth, list[str]] = {}
        for prompt_id, prompt_depth in await self.prompts.offered_depths():
            if prompt_id not in avoided:
                by_depth.setdefault(prompt_depth, []).append(prompt_id)
        for tried in DEPTH_ORDER[depth]:
            if by_depth.get(tried):
                return pick(member.space_id, day, by_depth[tried])
        return None

    async def today(self, member: Member) -> TodayOut:
        day = couples_day()
        depth = await self.depth(member)
        prompt_id = await self.todays_prompt_id(member, day, depth)
        if prompt_id is None:
            return TodayOut(day=day, depth=depth, prompt=None, conversation=None)
        conversation_id = await self.db.scalar(
            select(Conversation.id)
            .where(
                Conversation.space_id == member.space_id,
                Conversation.prompt_id == prompt_id,
                Conversation.created_at >= datetime.combine(day, time.min, tzinfo=UTC),
            )
            .order_by(Conversation.created_at.desc(), Conversation.id.desc())
            .limit(1)
        )
        return TodayOut(
            day=day,
            depth=depth,
            prompt=await self.prompts.get(member, prompt_id),
            conversation=None if conversation_id is None else await self.conversations.get(member, conversation_id),
        )
