from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated

import msgspec
from msgspec import Meta

from tandem.core.text import line, paragraph
from tandem.prompts.models import PromptDepth
from tandem.reveal.models import RoundState

PromptId = Annotated[str, line(1, 40)]
AnswerText = Annotated[str, paragraph(2000)]


# --- catalog files ----------------------------------------------------------------------------


class PromptCategoryEntry(msgspec.Struct, forbid_unknown_fields=True):
    """One entry of prompt_categories.yaml."""

    id: str
    title: str
    description: str


class PromptEntry(msgspec.Struct, forbid_unknown_fields=True):
    """One entry of prompts.yaml."""

    id: Annotated[str, Meta(pattern=r"^p-[a-z0-9]+(-[a-z0-9]+)*-\d{3}$", max_length=40)]
    category: str
    depth: PromptDepth
    text: Annotated[str, Meta(min_length=10, max_length=500)]
    follow_up: Annotated[str, Meta(min_length=5, max_length=500)] | None = None
    tags: list[Annotated[str, Meta(pattern=r"^[a-z][a-z-]*$", max_length=30)]] = []


# --- browsing ---------------------------------------------------------------------------------


class PromptCategoryOut(msgspec.Struct):
    id: str
    title: str
    description: str
    prompt_count: int


class PromptOut(msgspec.Struct, frozen=True):
    id: str
    category: str
    category_title: str
    depth: PromptDepth
    text: str
    follow_up: str | None
    tags: list[str]
    favourite: bool
    talked_on: date | None


class PromptPage(msgspec.Struct):
    items: list[PromptOut]
    next_cursor: str | None


class SurprisePick(msgspec.Struct):
    """A prompt you haven't talked about yet, or none when every matching one has been."""

    prompt: PromptOut | None


class TalkedMark(msgspec.Struct, forbid_unknown_fields=True):
    """The day you talked about it (your own calendar's day)."""

    on: date


# --- conversations ----------------------------------------------------------------------------


class ConversationStart(msgspec.Struct, forbid_unknown_fields=True):
    prompt_id: PromptId


class AnswerIn(msgspec.Struct, forbid_unknown_fields=True):
    text: AnswerText


class AnswerOut(msgspec.Struct):
    text: str
    created_at: datetime


class ConversationSeat(msgspec.Struct):
    """Presence only: who has joined and who has answered, never what."""

    user_id: uuid.UUID
    is_me: bool
    answered: bool


class ConversationOut(msgspec.Struct):
    id: uuid.UUID
    prompt: PromptOut
    state: RoundState
    started_by_me: bool
    # Discarding before the reveal is for whoever started it (or the one left, if the starter has gone).
    can_call_off: bool
    created_at: datetime
    revealed_at: datetime | None
    kept_at: datetime | None
    seats: list[ConversationSeat]
    my_answer: AnswerOut | None
    # Only after both have answered (and unless its author deleted it).
    partners_answer: AnswerOut | None


class ConversationSummary(msgspec.Struct):
    id: uuid.UUID
    prompt_id: str
    prompt_text: str
    state: RoundState
    created_at: datetime
    revealed_at: datetime | None
    kept_at: datetime | None
    i_answered: bool
    partner_answered: bool


class ConversationPage(msgspec.Struct):
    items: list[ConversationSummary]
    next_cursor: str | None
