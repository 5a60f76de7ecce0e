"""The overview's item and the answers of the two routes. A leaf module: domains build `SharedItem`s."""

from __future__ import annotations

from datetime import datetime

import msgspec


class SharedItem(msgspec.Struct, frozen=True):
    """One thing the member shares now. The label is neutral on purpose: the page may be seen by others."""

    kind: str
    id: str
    label: str
    link: str
    can_stop: bool
    """Whether the item has a stop control of its own (an unshare, withdraw or turn-off route)."""
    at: datetime | None = None


class SharedGroup(msgspec.Struct, frozen=True):
    kind: str
    title: str
    stops_with_everything: bool
    """Whether "stop sharing everything" ends this kind (boundaries only when asked; plans never)."""
    items: list[SharedItem]


class SharedByMe(msgspec.Struct, frozen=True):
    groups: list[SharedGroup]


class StopSharingIn(msgspec.Struct, forbid_unknown_fields=True):
    leave_space: bool = False
    clear_boundaries: bool = False


class StopSharingOut(msgspec.Struct, frozen=True):
    stopped: dict[str, int]
    """How many of each kind stopped; zero everywhere when nothing was shared (a second call)."""
    left_space: bool
