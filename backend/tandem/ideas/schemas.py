from __future__ import annotations

from typing import Annotated

import msgspec
from msgspec import Meta

from tandem.core.text import line, paragraph
from tandem.ideas.models import IdeaCategory, RatingValue

Closeness = Annotated[int, Meta(ge=1, le=4)]
DurationMinutes = Annotated[int, Meta(ge=5, le=720)]
Need = Annotated[str, line(1, 60)]
ActivityId = Annotated[str, line(1, 80)]


class IdeaEntry(msgspec.Struct, forbid_unknown_fields=True):
    """One entry of ideas.yaml."""

    id: Annotated[str, Meta(pattern=r"^idea-[a-z0-9]+(-[a-z0-9]+)*$", max_length=64)]
    title: Annotated[str, Meta(min_length=1, max_length=120)]
    description: Annotated[str, Meta(min_length=1, max_length=1000)]
    category: IdeaCategory
    closeness: Closeness
    duration_minutes: DurationMinutes
    needs: Annotated[list[Need], Meta(max_length=10)] = []
    activities: Annotated[list[ActivityId], Meta(max_length=20)] = []


class CustomIdeaIn(msgspec.Struct, forbid_unknown_fields=True):
    """An idea of your own, with the same fields as the library's (writing and replacing it)."""

    title: Annotated[str, line(1, 120)]
    category: IdeaCategory
    closeness: Closeness
    duration_minutes: DurationMinutes
    description: Annotated[str, paragraph(1000)] = ""
    needs: Annotated[list[Need], Meta(max_length=10)] = []
    activities: Annotated[list[ActivityId], Meta(max_length=20)] = []


class RatingIn(msgspec.Struct, forbid_unknown_fields=True):
    value: RatingValue


class RatingOut(msgspec.Struct):
    """Your own rating. Your partner never sees it."""

    idea_id: str
    value: RatingValue


class IdeaOut(msgspec.Struct, frozen=True):
    """An idea as the caller sees it: `my_rating` is the caller's own and never the partner's.

    `set_aside` says the idea involves an activity that one of you has set to "not right now"
    (never whose); such ideas are left out of matches and suggestions.
    """

    id: str
    title: str
    description: str
    category: IdeaCategory
    closeness: int
    duration_minutes: int
    needs: list[str]
    activities: list[str]
    custom: bool
    added_by_me: bool
    set_aside: bool
    my_rating: RatingValue | None


class IdeaPage(msgspec.Struct):
    items: list[IdeaOut]
    next_cursor: str | None


class Matches(msgspec.Struct):
    """Ideas you both rated yes ("both said yes") or yes/maybe ("open to it"), gentlest first."""

    both_yes: list[IdeaOut]
    open_to_it: list[IdeaOut]
    # Matches this member has not marked as seen yet ("new match", shown once).
    new_ids: list[str]


class MatchesSeen(msgspec.Struct, forbid_unknown_fields=True):
    idea_ids: Annotated[list[Annotated[str, Meta(min_length=1, max_length=80)]], Meta(max_length=200)]
