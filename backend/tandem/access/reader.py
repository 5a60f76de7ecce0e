"""The scoped reader: the only way any domain selects members' records (`AuthoredRecord` models).

Every function takes the `Member` the request resolved (or the members an export built) and
returns a query already filtered by the visibility rule of `policy.py`; a domain adds its own
conditions and ordering on top. `tests/structure/test_scoped_reads.py` fails when a module
outside `access/` builds such a SELECT itself.

- `readable`: what the member may read (their own rows, and what the partner made visible now).
- `own`: only the member's own rows (to change or delete them, or to show "mine").
- `shared_with`: only what the current partner made visible to the member.
- `get_readable` / `get_own`: one record by id, or None, which the caller answers as a 404.
- `mutual_choices`: the one read of a partner's private choices, limited to choices both made.
"""

from __future__ import annotations

import functools
import uuid
from collections.abc import Iterable, Sequence
from typing import Any, TypeVar, overload

from sqlalchemy import ColumnElement, Select, and_, bindparam, exists, false, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute, aliased
from sqlalchemy.sql.elements import BindParameter

from tandem.access.membership import Member, member_by_seat
from tandem.access.policy import AuthoredRecord, own_by_bound, own_filter, readable_by, readable_by_bound

R = TypeVar("R", bound=AuthoredRecord)


def own_rows(members: Member | Sequence[Member], model: type[AuthoredRecord]) -> ColumnElement[bool]:
    """The member's own rows of `model`; for an export, the rows of every space the person was in."""
    if isinstance(members, Member):
        return own_filter(model, members.space_id, members.user_id)  # type: ignore[arg-type]  # a class is hashable
    seats = list(members)
    if not seats:
        return false()
    return or_(*(own_filter(model, m.space_id, m.user_id) for m in seats))  # type: ignore[arg-type]


def partner_rows(member: Member | None, model: type[AuthoredRecord]) -> ColumnElement[bool]:
    """Rows the current partner has, right now, made visible to the member."""
    if member is None or member.partner_user_id is None:
        return false()
    return and_(
        model.space_id == member.space_id,
        model.author_id == member.partner_user_id,
        model.partner_visibility(),
    )


def readable_rows(member: Member, model: type[AuthoredRecord]) -> ColumnElement[bool]:
    """The condition of `readable`, for an UPDATE or DELETE that must touch only readable rows."""
    return readable_by(member, model)


def _select(model: type[Any], columns: tuple[Any, ...]) -> Select[Any]:
    return select(*columns).select_from(model) if columns else select(model)


@overload
def readable(member: Member, model: type[R]) -> Select[R]: ...
@overload
def readable(member: Member, model: type[R], column: Any, /, *columns: Any) -> Select[Any]: ...
def readable(member: Member, model: type[R], *columns: Any) -> Select[Any]:
    """`SELECT model` (or the given columns of it) limited to what `member` may read."""
    return _select(model, columns).where(readable_by(member, model))


@overload
def own(members: Member | Sequence[Member], model: type[R]) -> Select[R]: ...
@overload
def own(members: Member | Sequence[Member], model: type[R], column: Any, /, *columns: Any) -> Select[Any]: ...
def own(members: Member | Sequence[Member], model: type[R], *columns: Any) -> Select[Any]:
    """`SELECT model` (or columns) limited to the member's own rows."""
    return _select(model, columns).where(own_rows(members, model))


def own_bound(model: type[R], *columns: Any) -> Select[Any]:
    """`own` with the member as bound parameters, for a statement built once: execute it with
    `member_parameters(member)` (`space_id`, `me` and `partner`, the current partner or NULL)."""
    return _select(model, columns).where(own_by_bound(model))


def readable_bound(model: type[R], *columns: Any) -> Select[Any]:
    """`readable` with the member as bound parameters (as `own_bound`)."""
    return _select(model, columns).where(readable_by_bound(model))


def member_parameters(member: Member) -> dict[str, Any]:
    return {"space_id": member.space_id, "me": member.user_id, "partner": member.partner_user_id}


@overload
def shared_with(member: Member | None, model: type[R]) -> Select[R]: ...
@overload
def shared_with(member: Member | None, model: type[R], column: Any, /, *columns: Any) -> Select[Any]: ...
def shared_with(member: Member | None, model: type[R], *columns: Any) -> Select[Any]:
    """`SELECT model` (or columns) limited to what the partner shared with the member."""
    return _select(model, columns).where(partner_rows(member, model))


def _id_of(model: type[AuthoredRecord]) -> InstrumentedAttribute[uuid.UUID]:
    column: InstrumentedAttribute[uuid.UUID] = model.id  # type: ignore[attr-defined]  # every model has IdMixin
    return column


async def get_readable(db: AsyncSession, member: Member, model: type[R], record_id: uuid.UUID) -> R | None:
    row: R | None = await db.scalar(readable(member, model).where(_id_of(model) == record_id))
    return row


async def get_own(
    db: AsyncSession, member: Member, model: type[R], record_id: uuid.UUID, *, for_update: bool = False
) -> R | None:
    query = own(member, model).where(_id_of(model) == record_id)
    row: R | None = await db.scalar(query.with_for_update() if for_update else query)
    return row


async def mutual_choices(
    db: AsyncSession,
    member: Member,
    model: type[R],
    key: InstrumentedAttribute[Any],
    value: InstrumentedAttribute[Any],
    choices: Iterable[Any],
) -> dict[Any, tuple[Any, Any]]:
    """{key: (my value, their value)} where both current members chose one of `choices`.

    The only read of a partner's private choices (idea ratings, readiness): anything outside
    `choices`, or no choice at all, falls out in the same WHERE clause, so a "no" and a
    "not answered" can never be told apart.
    """
    if member.partner_user_id is None:
        return {}
    statement = _mutual_choices_statement(model, key.key, value.key)  # type: ignore[arg-type]  # a class is hashable
    rows = await db.execute(statement, member_parameters(member) | {"allowed": list(choices)})
    return {k: (a, b) for k, a, b in rows}


@functools.cache
def _mutual_choices_statement(model: type[AuthoredRecord], key: str, value: str) -> Select[Any]:
    # Built once per model with bound parameters: two aliases and a join cost more to build (and to key
    # for the compiled cache) on every call than the query takes to run.
    mine, theirs = aliased(model), aliased(model)
    mine_key, theirs_key = getattr(mine, key), getattr(theirs, key)
    mine_value, theirs_value = getattr(mine, value), getattr(theirs, value)
    allowed: BindParameter[Any] = bindparam("allowed", expanding=True)
    return (
        select(mine_key, mine_value, theirs_value)
        .join(theirs, and_(theirs.space_id == mine.space_id, theirs_key == mine_key))
        .where(
            mine.space_id == bindparam("space_id"),
            mine.author_id == bindparam("me"),
            mine_value.in_(allowed),
            theirs.author_id == bindparam("partner"),
            theirs_value.in_(allowed),
        )
    )


async def holder_of(db: AsyncSession, model: type[R], secret: ColumnElement[bool]) -> tuple[Member, R] | None:
    """The row a secret link names (for example a calendar feed's token hash), read as its author.

    A secret link stands for its author, and only while the author is still a member of the
    row's space; then the caller reads exactly what the author would (None otherwise).
    """
    row: R | None = await db.scalar(select(model).where(secret))
    if row is None:
        return None
    member = await member_by_seat(db, row.author_id, row.space_id)
    return (member, row) if member is not None else None


def written_by(user_id: uuid.UUID, model: type[R], by_column: InstrumentedAttribute[Any]) -> Select[Any]:
    """Rows of others' records that hold the person's own words in `by_column` (a pause note).

    Those words are theirs: the export includes them in every space, also after they left it.
    """
    return select(model).where(by_column == user_id)


async def rows_remain(db: AsyncSession, model: type[R], *conditions: ColumnElement[bool]) -> bool:
    """Whether any row of `model`, whoever wrote it, matches: to decide whether a container (a
    conversation) may go once its last record is gone. The answer never reaches a response."""
    return bool(await db.scalar(select(exists().where(*conditions)).select_from(model)))


async def both_chose(db: AsyncSession, member: Member, model: type[R], *conditions: ColumnElement[bool]) -> bool:
    """Whether both current members have a row of `model` (one each) matching `conditions`.

    One yes/no about both members at once: the other way to read a partner's private choice (the
    path's "turned on" and "ready"). A "no", a "not yet" and no row at all fall out identically.
    """
    if member.partner_user_id is None:
        return False
    count = await db.scalar(
        select(func.count())
        .select_from(model)
        .where(
            model.space_id == member.space_id,
            model.author_id.in_([member.user_id, member.partner_user_id]),
            *conditions,
        )
    )
    return count == 2
