from __future__ import annotations

import enum
import uuid
from datetime import date, datetime
from typing import ClassVar

from sqlalchemy import JSON, ColumnElement, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from tandem.access.policy import AuthoredRecord
from tandem.core.db import Base, IdMixin, enum_column, utcnow
from tandem.core.sealing import Sealed


class PromptDepth(enum.StrEnum):
    LIGHT = "light"
    DEEPER = "deeper"
    DEEP = "deep"


class PromptCategory(Base):
    """A category of the prompt library (prompts/data/prompt_categories.yaml)."""

    __tablename__ = "prompt_categories"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    title: Mapped[str] = mapped_column(String(120))
    description: Mapped[str] = mapped_column(String(400))
    position: Mapped[int]
    retired: Mapped[bool] = mapped_column(default=False)


class Prompt(Base):
    """A conversation prompt from the library (prompts/data/prompts.yaml)."""

    __tablename__ = "prompts"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    category_id: Mapped[str] = mapped_column(ForeignKey("prompt_categories.id"), index=True)
    depth: Mapped[PromptDepth] = mapped_column(enum_column(PromptDepth, "prompt_depth"))
    text: Mapped[str] = mapped_column(String(500))
    follow_up: Mapped[str | None] = mapped_column(String(500), default=None)
    tags: Mapped[list[str]] = mapped_column(JSON, default=list)
    position: Mapped[int]
    retired: Mapped[bool] = mapped_column(default=False)


class PromptFavourite(IdMixin, Base):
    """A prompt the couple saved. Shared by nature: it belongs to the space, not to either member."""

    __tablename__ = "prompt_favourites"
    __table_args__ = (UniqueConstraint("space_id", "prompt_id"),)

    space_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("spaces.id", ondelete="CASCADE"), index=True)
    prompt_id: Mapped[str] = mapped_column(ForeignKey("prompts.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class PromptTalked(IdMixin, Base):
    """ "We talked about this", with the day. Shared by nature, like favourites."""

    __tablename__ = "prompt_talked"
    __table_args__ = (UniqueConstraint("space_id", "prompt_id"),)

    space_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("spaces.id", ondelete="CASCADE"), index=True)
    prompt_id: Mapped[str] = mapped_column(ForeignKey("prompts.id"))
    talked_on: Mapped[date]


class Conversation(IdMixin, Base):
    """A prompt opened as a conversation: each member answers privately; both answers are revealed at once."""

    __tablename__ = "conversations"

    space_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("spaces.id", ondelete="CASCADE"), index=True)
    prompt_id: Mapped[str] = mapped_column(ForeignKey("prompts.id"), index=True)
    round_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("reveal_rounds.id", ondelete="CASCADE"), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Set when the couple chose to keep it in their shared history (else it can be discarded).
    kept_at: Mapped[datetime | None] = mapped_column(default=None)


class ConversationAnswer(IdMixin, AuthoredRecord, Base):
    """A member's answer: private to its author until the conversation is revealed; deletable by them after."""

    __tablename__ = "conversation_answers"
    __table_args__ = (UniqueConstraint("conversation_id", "author_id"),)
    __sealed__: ClassVar[Sealed] = Sealed(text=("text",))

    conversation_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("conversations.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    revealed: Mapped[bool] = mapped_column(default=False)

    @classmethod
    def partner_visibility(cls) -> ColumnElement[bool]:
        return cls.revealed.is_(True)
