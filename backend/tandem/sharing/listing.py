"""How a domain lists its kind of shared thing for "What I share now": as rows of one statement.

A kind whose items are the member's own rows declares, once, the SELECT of those rows' id and time
(`reader.own_bound`, so the member is a bound parameter and the statement is built at import) and how its
rows become items. `sharing/service.py` reads every such kind in one UNION ALL: the overview was one
statement per kind, and on a 2-core machine each statement's own cost outweighed what it read.

Parameters every kind may use: `space_id`, `me`, `partner` (`reader.member_parameters`), `joined_at` (when
the member joined the space) and `now`.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, null

from tandem.core.db import UTCDateTime
from tandem.sharing.schemas import SharedItem


@dataclass(frozen=True, slots=True)
class ListedRow:
    id: uuid.UUID
    at: datetime
    until: datetime | None
    """When the item ends, for a kind whose label says so (a clinician link); otherwise None."""


@dataclass(frozen=True)
class SharedRows:
    rows: Select[Any]
    """The member's rows of this kind: exactly (id, time), newest first once read."""
    items: Callable[[Sequence[ListedRow]], list[SharedItem]]
    until: Any = None
    """The column of when an item ends, for a kind whose label says so."""


NO_END: ColumnElement[Any] = null().cast(UTCDateTime())


def each(make: Callable[[ListedRow], SharedItem]) -> Callable[[Sequence[ListedRow]], list[SharedItem]]:
    """One item per row (most kinds)."""
    return lambda rows: [make(row) for row in rows]
