"""The kinds of things a member can share, in one list: what each lists, and how "stop everything" ends it.

Each domain exposes two public functions for its kind; this list only names them, so adding a kind
is one more line here.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from tandem.access.membership import Member
from tandem.boundaries.service import boundary_items, custom_activity_items
from tandem.checkins.service import shared_checkins, unshare_all_checkins
from tandem.clinician.service import link_items, revoke_all_links
from tandem.ideas.service import custom_idea_items
from tandem.plans.service import (
    calendar_feed_items,
    proposed_plans,
    shared_reflections,
    turn_off_calendar_feed,
    unshare_all_reflections,
)
from tandem.prompts.conversations import answered_prompts
from tandem.sharing.schemas import SharedItem
from tandem.summaries.service import published_summaries, withdraw_all

Listed = Callable[[AsyncSession, Member], Awaitable[list[SharedItem]]]
Stop = Callable[[AsyncSession, Member], Awaitable[int]]


@dataclass(frozen=True)
class SharedKind:
    kind: str
    title: str
    listed: Listed
    stop: Stop | None = None
    """None: the kind stays shared by design (boundaries, space content) and "stop everything" leaves it."""


KINDS: list[SharedKind] = [
    SharedKind("checkins", "Shared check-ins", shared_checkins, unshare_all_checkins),
    SharedKind("summaries", "Published summaries", published_summaries, withdraw_all),
    SharedKind("reflections", "Shared reflections", shared_reflections, unshare_all_reflections),
    SharedKind("answered_prompts", "Answered prompts", answered_prompts),
    SharedKind("boundaries", "Boundaries", boundary_items),
    SharedKind("custom_activities", "Activities you added", custom_activity_items),
    SharedKind("custom_ideas", "Ideas you added", custom_idea_items),
    SharedKind("plans", "Plans you suggested", proposed_plans),
    SharedKind("calendar_feed", "Calendar feed", calendar_feed_items, turn_off_calendar_feed),
    SharedKind("clinician_links", "Clinician links", link_items, revoke_all_links),
]


def register(kind: SharedKind) -> None:
    """For a kind built outside this list (tests, or a domain added later by the integrator)."""
    if any(k.kind == kind.kind for k in KINDS):
        raise ValueError(f"the sharing kind {kind.kind!r} is registered already")
    KINDS.append(kind)
