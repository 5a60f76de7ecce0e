"""The visibility rule, written once (see shared/design/privacy-model.md).

A member may read a record when they wrote it, or when its author is, right now, the other member
of the same space and the record is, right now, in a state its author made visible to the partner.
Every query of members' records goes through `access.reader`, which filters with `readable_by`
(one record too: it is selected with the same filter). A record the member may not read answers
exactly like one that does not exist.
"""

from __future__ import annotations

import functools
import uuid
from typing import Any

from sqlalchemy import ColumnElement, ForeignKey, and_, bindparam, false, or_
from sqlalchemy.orm import Mapped, declared_attr, mapped_column

from tandem.access.membership import Member
from tandem.core.db import Base


class AuthoredRecord:
    """Mixin for every personal record: it has an author and lives in a space.

    Each model says when its author has made it visible to the partner, once, in SQL
    (`partner_visibility`).
    """

    @declared_attr
    def author_id(cls) -> Mapped[uuid.UUID]:  # noqa: N805
        return mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)

    @declared_attr
    def space_id(cls) -> Mapped[uuid.UUID]:  # noqa: N805
        return mapped_column(ForeignKey("spaces.id", ondelete="CASCADE"), index=True)

    @classmethod
    def partner_visibility(cls) -> ColumnElement[bool]:
        """Private unless the model says otherwise."""
        return false()


def readable_by(member: Member, model: type[AuthoredRecord]) -> ColumnElement[bool]:
    """The SQL filter of the rows of `model` that `member` may read."""
    return _readable_filter(model, member.space_id, member.user_id, member.partner_user_id)  # type: ignore[arg-type]  # a class is hashable


# The filter depends on these four values alone and a SQL expression never changes once built, so one
# built for them is used again (building it and its cache key was half the cost of building a list's
# statement: 134 -> 65 us). A new partner, or none, is another key: nothing stale is ever reused.
@functools.lru_cache(maxsize=2048)
def _readable_filter(
    model: type[AuthoredRecord], space_id: uuid.UUID, user_id: uuid.UUID, partner_user_id: uuid.UUID | None
) -> ColumnElement[bool]:
    own = own_filter(model, space_id, user_id)  # type: ignore[arg-type]  # a class is hashable
    if partner_user_id is None:
        return own
    partners = and_(model.space_id == space_id, model.author_id == partner_user_id, model.partner_visibility())
    return or_(own, partners)


@functools.lru_cache(maxsize=2048)
def own_filter(model: type[AuthoredRecord], space_id: uuid.UUID, user_id: uuid.UUID) -> ColumnElement[bool]:
    """The SQL filter of the member's own rows of `model` (kept like the visibility filter above)."""
    return and_(model.space_id == space_id, model.author_id == user_id)


# The same filters with the member as bound parameters (`space_id`, `me`, `partner`), for statements built
# once (`reader.own_bound`, `reader.readable_bound`). A member without a partner binds `partner` to NULL,
# and `author_id = NULL` holds for no row: only their own rows remain, as `readable_by` then gives.
_BOUND_MEMBER: tuple[Any, Any, Any] = (bindparam("space_id"), bindparam("me"), bindparam("partner"))


def readable_by_bound(model: type[AuthoredRecord]) -> ColumnElement[bool]:
    return _readable_filter(model, *_BOUND_MEMBER)  # type: ignore[arg-type]  # a class is hashable


def own_by_bound(model: type[AuthoredRecord]) -> ColumnElement[bool]:
    return own_filter(model, _BOUND_MEMBER[0], _BOUND_MEMBER[1])  # type: ignore[arg-type]  # a class is hashable


def is_author(member: Member, record: AuthoredRecord) -> bool:
    """Only the author may change or delete a record; everyone else gets the same 404 as for a stranger."""
    return record.space_id == member.space_id and record.author_id == member.user_id


def authored_models() -> list[type[AuthoredRecord]]:
    """Every mapped model of a personal record (the models must have been imported)."""
    return [m.class_ for m in Base.registry.mappers if issubclass(m.class_, AuthoredRecord)]
