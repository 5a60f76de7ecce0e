from __future__ import annotations

import enum

import msgspec


class EventKind(enum.StrEnum):
    TOGETHER = "together"
    CONVERSATION = "conversation"
    BOUNDARIES = "boundaries"
    CHECKIN = "checkin"
    PATH = "path"
    # Sent only as content-free "refetch" signals when a member stops sharing everything.
    SUMMARY = "summary"
    PLAN = "plan"


class SpaceEvent(msgspec.Struct, frozen=True):
    """What travels to both members' browsers: which record changed and how, never its content."""

    kind: EventKind
    change: str
    id: str | None = None
