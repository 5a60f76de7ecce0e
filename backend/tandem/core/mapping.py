"""Responses declared once: a response struct is filled from a row's attributes of the same names.

Only what is computed (a label looked up elsewhere, a flag that depends on the viewer) is passed
by hand; every other field comes from the attribute the struct names, so a new column reaches a
response by adding it to the struct, and a field the row lacks fails loudly at the first call.
"""

from __future__ import annotations

from functools import cache
from typing import Any, TypeVar

import msgspec

S = TypeVar("S", bound=msgspec.Struct)


@cache
def _fields(schema: type[msgspec.Struct]) -> tuple[str, ...]:
    return schema.__struct_fields__


def from_row(schema: type[S], row: object, /, **computed: Any) -> S:
    """`schema` built from `row`'s attributes, with the `computed` fields given explicitly."""
    values = {name: getattr(row, name) for name in _fields(schema) if name not in computed}
    return schema(**values, **computed)


def from_rows(schema: type[S], rows: Any, /) -> list[S]:
    return [from_row(schema, row) for row in rows]


def as_record(row: object, fields: tuple[str, ...], /, **computed: Any) -> dict[str, Any]:
    """An export record: the named attributes of `row` (in that order), then the computed ones."""
    return {name: getattr(row, name) for name in fields} | computed
