"""The kinds of things a member can share, in one list: what each lists, and how "stop everything" ends it.

Each domain exposes, for its kind, the rows it lists (`sharing/listing.py`, read with every other kind's
in one statement) and a function that stops it; this list only names them, so adding a kind is one more
line here.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from tandem.access.membership import Member
from tandem.boundaries.service import BOUNDARY_ITEMS, CUSTOM_ACTIVITY_ITEMS
from tandem.checkins.service import SHARED_CHECKINS, unshare_all_checkins
from tandem.clinician.service import LINK_ITEMS, revoke_all_links
from tandem.ideas.service import CUSTOM_IDEA_ITEMS
from tandem.plans.service import (
    CALENDAR_FEED,
    PROPOSED_PLANS,
    SHARED_REFLECTIONS,
    turn_off_calendar_feed,
    unshare_all_reflections,
)
from tandem.prompts.conversations import ANSWERED_PROMPTS
from tandem.sharing.listing import SharedRows
from tandem.summaries.service import PUBLISHED_SUMMARIES, withdraw_all

Stop = Callable[[AsyncSession, Member], Awaitable[int]]


@dataclass(frozen=True)
class SharedKind:
    kind: str
    title: str
    listed: SharedRows
    stop: Stop | None = None
    """None: the kind stays shared by design (boundaries, space content) and "stop everything" leaves it."""


KINDS: list[SharedKind] = [
    SharedKind("checkins", "Shared check-ins", SHARED_CHECKINS, unshare_all_checkins),
    SharedKind("summaries", "Published summaries", PUBLISHED_SUMMARIES, withdraw_all),
    SharedKind("reflections", "Shared reflections", SHARED_REFLECTIONS, unshare_all_reflections),
    SharedKind("answered_prompts", "Answered prompts", ANSWERED_PROMPTS),
    SharedKind("boundaries", "Boundaries", BOUNDARY_ITEMS),
    SharedKind("custom_activities", "Activities you added", CUSTOM_ACTIVITY_ITEMS),
    SharedKind("custom_ideas", "Ideas you added", CUSTOM_IDEA_ITEMS),
    SharedKind("plans", "Plans you suggested", PROPOSED_PLANS),
    SharedKind("calendar_feed", "Calendar feed", CALENDAR_FEED, turn_off_calendar_feed),
    SharedKind("clinician_links", "Clinician links", LINK_ITEMS, revoke_all_links),
]


def register(kind: SharedKind) -> None:
    """For a kind built outside this list (tests, or a domain added later by the integrator)."""
    if any(k.kind == kind.kind for k in KINDS):
        raise ValueError(f"the sharing kind {kind.kind!r} is registered already")
    KINDS.append(kind)
