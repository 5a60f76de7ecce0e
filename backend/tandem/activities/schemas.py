from __future__ import annotations

import msgspec

from tandem.activities.models import ActivityKind


class ActivityEntry(msgspec.Struct, forbid_unknown_fields=True):
    """One entry of activities.yaml."""

    id: str
    title: str
    kind: ActivityKind
    involves_penetration: bool = False


class ActivityOut(msgspec.Struct):
    id: str
    title: str
    kind: ActivityKind
    involves_penetration: bool
