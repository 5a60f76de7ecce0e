"""The visibility rule, written once (see shared/design/privacy-model.md).

A member may read a record when they wrote it, or when its author is, right now, the other member
of the same space and the record is, right now, in a state its author made visible to the partner.
"""

from __future__ import annotations

import uuid
from typing import Any, ClassVar, Protocol

from sqlalchemy import ColumnElement, ForeignKey, and_, false, or_
from sqlalchemy.orm import Mapped, declared_attr, mapped_column

from tandem.access.membership import Member


class AuthoredRecord:
    """Mixin for every personal record: it has an author and lives in a space."""

    @declared_attr
    def author_id(cls) -> Mapped[uuid.UUID]:  # noqa: N805
        return mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)

    @declared_attr
    def space_id(cls) -> Mapped[uuid.UUID]:  # noqa: N805
        return mapped_column(ForeignKey("spaces.id", ondelete="CASCADE"), index=True)

    # Set by each model: the SQL condition, and the matching Python check, for "made visible by its author".
    partner_visible_when: ClassVar[Any]

    def is_partner_visible(self) -> bool:
        raise NotImplementedError


class _Authored(Protocol):
    author_id: Any
    space_id: Any

    def is_partner_visible(self) -> bool: ...


def readable_by(member: Member, model: type[AuthoredRecord]) -> ColumnElement[bool]:
    """The SQL filter of what `member` may read of `model`. Every query of members' data uses it."""
    own = model.author_id == member.user_id
    if member.partner_user_id is None:
        return and_(own, model.space_id == member.space_id)
    partners = and_(
        model.space_id == member.space_id,
        model.author_id == member.partner_user_id,
        model.partner_visible_when,
    )
    return or_(and_(own, model.space_id == member.space_id), partners)


def can_read(member: Member, record: _Authored) -> bool:
    """The same rule for one loaded record."""
    if record.space_id != member.space_id:
        return False
    if record.author_id == member.user_id:
        return True
    return record.author_id == member.partner_user_id and record.is_partner_visible()


def nothing() -> ColumnElement[bool]:
    return false()
