from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

import msgspec
from msgspec import Meta

from tandem.boundaries.schemas import BoundaryChangeIn, BoundaryChangeOut
from tandem.checkins.models import AcknowledgementKind, Closeness, Visibility
from tandem.core.text import line, paragraph
from tandem.reveal.models import RoundState

Mood = Annotated[int, Meta(ge=1, le=5, description="1 really low, 2 low, 3 okay, 4 good, 5 really good")]
FeelingId = Annotated[str, line(1, 40)]
OwnWord = Annotated[str, line(1, 48)]
Feelings = Annotated[list[FeelingId], Meta(max_length=12)]
OwnWords = Annotated[list[OwnWord], Meta(max_length=3)]
HelpFromYou = Annotated[str, paragraph(280)]
Note = Annotated[str, paragraph(2000)]
Reply = Annotated[str, paragraph(280)]


# --- the feelings vocabulary ------------------------------------------------------------------


class FeelingWordEntry(msgspec.Struct, forbid_unknown_fields=True):
    id: str
    word: str


class FeelingFamilyEntry(msgspec.Struct, forbid_unknown_fields=True):
    """One family of feelings.yaml, with its words."""

    id: str
    title: str
    words: list[FeelingWordEntry]


class FeelingOut(msgspec.Struct):
    id: str
    word: str
    family: str


class FeelingFamilyOut(msgspec.Struct):
    id: str
    title: str
    words: list[FeelingOut]


# --- writing a check-in -----------------------------------------------------------------------


class CheckinCreate(msgspec.Struct, forbid_unknown_fields=True):
    mood: Mood
    closeness: Closeness
    feelings: Feelings = []
    own_words: OwnWords = []
    help_from_you: HelpFromYou = ""
    note: Note = ""
    # Chosen on the form; a check-in is the author's private journal unless they share it.
    visibility: Visibility = Visibility.PRIVATE
    # "My boundaries for now": changes applied with the check-in (boundaries are always visible to the partner).
    boundaries: Annotated[list[BoundaryChangeIn], Meta(max_length=100)] = []


class TogetherAnswer(msgspec.Struct, forbid_unknown_fields=True):
    """The same short check-in, answered separately and revealed together."""

    mood: Mood
    closeness: Closeness
    feelings: Feelings = []
    own_words: OwnWords = []
    help_from_you: HelpFromYou = ""
    note: Note = ""


class VisibilityChange(msgspec.Struct, forbid_unknown_fields=True):
    visibility: Visibility


class AcknowledgementIn(msgspec.Struct, forbid_unknown_fields=True):
    kind: AcknowledgementKind
    reply: Reply = ""


# --- reading check-ins ------------------------------------------------------------------------


class AcknowledgementOut(msgspec.Struct):
    kind: AcknowledgementKind
    reply: str
    created_at: datetime
    updated_at: datetime


class MyCheckin(msgspec.Struct, tag="mine", tag_field="view"):
    """The author's view of their own check-in."""

    id: uuid.UUID
    created_at: datetime
    mood: int
    feelings: list[FeelingOut]
    own_words: list[str]
    closeness: Closeness
    help_from_you: str
    note: str
    visibility: Visibility
    together: bool
    # Waiting to be revealed with the partner's answer (a check-in made together).
    awaiting_reveal: bool
    acknowledgement: AcknowledgementOut | None
    boundary_changes: list[BoundaryChangeOut]


class PartnersCheckin(msgspec.Struct, tag="partners", tag_field="view"):
    """The partner's view of a check-in its author shared."""

    id: uuid.UUID
    created_at: datetime
    mood: int
    feelings: list[FeelingOut]
    own_words: list[str]
    closeness: Closeness
    help_from_you: str
    note: str
    together: bool
    my_acknowledgement: AcknowledgementOut | None


CheckinView = MyCheckin | PartnersCheckin


class CheckinPage(msgspec.Struct):
    items: list[CheckinView]
    next_cursor: str | None


class MoodPoint(msgspec.Struct):
    at: datetime
    mood: int


# --- checking in together ---------------------------------------------------------------------


class SeatOut(msgspec.Struct):
    """Presence only: who has joined and who has finished, never what they wrote."""

    user_id: uuid.UUID
    is_me: bool
    joined_at: datetime
    answered: bool


class TogetherOut(msgspec.Struct):
    id: uuid.UUID
    state: RoundState
    started_by_me: bool
    # Whoever started it may call it off while it is open (or the one left, if the starter has gone).
    can_call_off: bool
    created_at: datetime
    revealed_at: datetime | None
    seats: list[SeatOut]
    mine: MyCheckin | None
    # Only once revealed (and while its author keeps it shared).
    partners: PartnersCheckin | None
