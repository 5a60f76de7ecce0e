from __future__ import annotations

import enum

import msgspec


class EventKind(enum.StrEnum):
    TOGETHER = "together"
    CONVERSATION = "conversation"
    BOUNDARIES = "boundaries"
    CHECKIN = "checkin"
    PATH = "path"
    SUMMARY = "summary"
    SPACE = "space"
    MATCH = "match"
    PLAN = "plan"


class SpaceEvent(msgspec.Struct, frozen=True):
    """What travels to both members' browsers: which record changed and how, never its content."""

    kind: EventKind
    change: str
    id: str | None = None
