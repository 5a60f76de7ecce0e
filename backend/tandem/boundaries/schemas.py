from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

import msgspec
from msgspec import Meta

from tandem.activities.models import ActivityKind
from tandem.boundaries.models import BoundaryLevel
from tandem.core.text import line, paragraph

ActivityId = Annotated[str, line(1, 80)]
ActivityTitle = Annotated[str, line(1, 80)]
ActivityNote = Annotated[str, paragraph(500)]


class BoundaryChangeIn(msgspec.Struct, forbid_unknown_fields=True):
    activity_id: ActivityId
    level: BoundaryLevel


class BoundariesUpdate(msgspec.Struct, forbid_unknown_fields=True):
    changes: Annotated[list[BoundaryChangeIn], Meta(min_length=1, max_length=100)]


class ActivityRef(msgspec.Struct):
    """An activity boundaries can be set on: from the project's catalog, or one the couple added."""

    id: str
    title: str
    custom: bool
    kind: ActivityKind | None = None


class BoundaryOut(msgspec.Struct):
    activity_id: str
    level: BoundaryLevel
    updated_at: datetime
    # The partner's boundary changed after the viewer last looked (never set on the viewer's own).
    changed_since_seen: bool


class MemberBoundaries(msgspec.Struct):
    user_id: uuid.UUID
    display_name: str
    is_me: bool
    boundaries: list[BoundaryOut]


class BoundariesOut(msgspec.Struct):
    activities: list[ActivityRef]
    members: list[MemberBoundaries]
    last_seen_at: datetime | None
    changed_count: int


class BoundaryChangeOut(msgspec.Struct):
    """One entry of the author's own history."""

    id: uuid.UUID
    activity_id: str
    activity_title: str
    level: BoundaryLevel
    previous_level: BoundaryLevel | None
    changed_at: datetime
    checkin_id: uuid.UUID | None


class BoundaryHistoryPage(msgspec.Struct):
    items: list[BoundaryChangeOut]
    next_cursor: str | None


class CustomActivityCreate(msgspec.Struct, forbid_unknown_fields=True):
    title: ActivityTitle
    note: ActivityNote = ""


class CustomActivityUpdate(msgspec.Struct, forbid_unknown_fields=True):
    title: ActivityTitle | None = None
    note: ActivityNote | None = None


class MyCustomActivity(msgspec.Struct, tag="mine", tag_field="view"):
    """The author's view: with the note only they can read."""

    id: uuid.UUID
    title: str
    note: str
    created_at: datetime


class PartnersCustomActivity(msgspec.Struct, tag="partners", tag_field="view"):
    """The partner's view: the title only."""

    id: uuid.UUID
    title: str
    created_at: datetime


CustomActivityView = MyCustomActivity | PartnersCustomActivity
