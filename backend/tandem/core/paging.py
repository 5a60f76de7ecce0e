"""Keyset paging, newest first: an opaque cursor names the last row of the previous page.

A cursor holds only the timestamp and id of a row the caller could read, so it reveals nothing else.
"""

from __future__ import annotations

import base64
import binascii
import json
import math
import uuid
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Annotated, Any, NamedTuple, TypeVar

from litestar.params import QueryParameter
from sqlalchemy import ColumnElement, and_, bindparam, or_, true
from sqlalchemy.sql.elements import BindParameter

from tandem.core.errors import bad_field

DEFAULT_PAGE_SIZE = 20
# Query parameters carry their limits on the parameter itself (Litestar applies those, not msgspec's Meta).
PageSize = Annotated[int, QueryParameter(ge=1, le=100, description="How many to return, at most 100.")]
CursorText = Annotated[
    str | None,
    QueryParameter(max_length=200, pattern=r"^[A-Za-z0-9_-]*$", description="The `next_cursor` of the previous page."),
]


class Cursor(NamedTuple):
    at: datetime
    id: uuid.UUID


def encode_cursor(at: datetime, row_id: uuid.UUID) -> str:
    return base64.urlsafe_b64encode(f"{at.isoformat()}|{row_id}".encode()).decode().rstrip("=")


def decode_cursor(raw: str | None) -> Cursor | None:
    if not raw:
        return None
    try:
        text = base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4)).decode()
        at_text, _, id_text = text.partition("|")
        at = datetime.fromisoformat(at_text)
        if at.tzinfo is None:
            raise ValueError("naive")
        # In UTC here, so a time at the edge of the calendar fails now rather than in the database.
        return Cursor(at.astimezone(UTC), uuid.UUID(id_text))
    except (ValueError, OverflowError, binascii.Error, UnicodeDecodeError):
        raise bad_field("cursor", "This page link is not valid. Please start from the first page.") from None


def _before(at_column: Any, id_column: Any, at: Any, row_id: Any) -> ColumnElement[bool]:
    return or_(at_column < at, and_(at_column == at, id_column < row_id))


def older_than(at_column: Any, id_column: Any, cursor: Cursor | None) -> ColumnElement[bool]:
    """Rows after the cursor in (timestamp, id) descending order."""
    if cursor is None:
        return true()
    return _before(at_column, id_column, cursor.at, cursor.id)


def older_than_bound(at_column: Any, id_column: Any) -> ColumnElement[bool]:
    """`older_than` with the cursor as bound parameters, for a statement built once (`cursor_parameters`)."""
    at: BindParameter[Any] = bindparam("after_at", type_=at_column.type)
    row_id: BindParameter[Any] = bindparam("after_id", type_=id_column.type)
    return _before(at_column, id_column, at, row_id)


def cursor_parameters(cursor: Cursor) -> dict[str, Any]:
    return {"after_at": cursor.at, "after_id": cursor.id}


T = TypeVar("T")


def keyset_page(
    rows: Sequence[T], limit: int, key: Callable[[T], tuple[datetime, uuid.UUID]]
) -> tuple[list[T], str | None]:
    """The first `limit` of `rows` (fetched with `limit + 1`) and the cursor of the next page, if any.

    Every list answers this way: a page of items and a `next_cursor`, never an unbounded array.
    """
    page = list(rows[:limit])
    if len(rows) <= limit or not page:
        return page, None
    return page, encode_cursor(*key(page[-1]))


def newer_than(at_column: Any, id_column: Any, cursor: Cursor | None) -> ColumnElement[bool]:
    """Rows after the cursor in (timestamp, id) ascending order (soonest first)."""
    if cursor is None:
        return true()
    return or_(at_column > cursor.at, and_(at_column == cursor.at, id_column > cursor.id))


# --- catalog lists: a place in a fixed order ---------------------------------------------------------

# A catalog list (prompts, ideas) is ordered by a sort key of small values rather than a timestamp;
# its cursor names the key of the last item shown, and the next page starts after it.
SortKey = tuple[int | float | str, ...]


def encode_key_cursor(key: SortKey) -> str:
    return base64.urlsafe_b64encode(json.dumps(key, separators=(",", ":")).encode()).decode().rstrip("=")


def decode_key_cursor(raw: str | None, shape: tuple[type, ...]) -> SortKey | None:
    """The sort key a cursor names, checked against `shape` (one type per part); anything else is a 400."""
    if not raw:
        return None
    try:
        parts = json.loads(base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4)).decode())
        if not isinstance(parts, list) or len(parts) != len(shape):
            raise ValueError("shape")
        for part, kind in zip(parts, shape, strict=True):
            if isinstance(part, bool) or not isinstance(part, (int, float) if kind is float else kind):
                raise ValueError("type")
            if isinstance(part, float) and not math.isfinite(part):
                raise ValueError("number")
        return tuple(parts)
    except (ValueError, binascii.Error, UnicodeDecodeError, RecursionError):
        raise bad_field("cursor", "This page link is not valid. Please start from the first page.") from None


def key_page(
    items: Sequence[T], limit: int, key: Callable[[T], SortKey], after: SortKey | None
) -> tuple[list[T], str | None]:
    """The page of `items` (already in `key` order) after the cursor's key, and the next page's cursor."""
    rest = [item for item in items if key(item) > after] if after is not None else items
    page = list(rest[:limit])
    if len(rest) <= limit or not page:
        return page, None
    return page, encode_key_cursor(key(page[-1]))
