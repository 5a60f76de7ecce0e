"""Who is calling: the signed-in user behind the session cookie, or a 401.

One query reads the caller: the session and its user, the member's app-lock settings and this
session's lock row, the caller's membership (a user is in one space at most), and, when the path
names a space, the other member there. Every request pays for this read, so it is one statement,
not five.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from litestar import Request
from litestar.exceptions import NotAuthorizedException
from sqlalchemy import Select, and_, bindparam, select
from sqlalchemy.orm import aliased

from tandem.accounts.models import AuthSession, User
from tandem.accounts.service import AccountService, touch_due
from tandem.accounts.touch import touch_after_response
from tandem.core.db import SAFE_METHODS, utcnow
from tandem.core.roles import Role
from tandem.core.snapshots import Shape, columns_of, read_snapshots
from tandem.core.tokens import hash_token
from tandem.factors.stepup import guard as step_up_guard
from tandem.safety.lock import guard as app_lock_guard
from tandem.safety.models import SafetySettings, SessionLock
from tandem.spaces.models import Membership, Space

NOT_SIGNED_IN = "Please log in to continue."


READS_SPACE_HOME = "tandem_reads_space_home"
"""Route option: the space home, whose space and other member are read with the caller, in one statement."""


@dataclass(frozen=True, slots=True)
class Home:
    """The space home's rows, read with the caller (routes with READS_SPACE_HOME), as read-only snapshots."""

    space: Space
    partner: User | None
    """The other member's account with their name only (None when the caller is alone in the space)."""
    partner_role: Role | None


@dataclass(frozen=True, slots=True)
class Seat:
    """The caller's place in the space the path names, read together with the caller."""

    space_id: uuid.UUID
    membership: Membership | None
    """None when the caller is not a member of that space (access/membership.py answers 404)."""
    partner_user_id: uuid.UUID | None
    home: Home | None = None
    """Only on a route that READS_SPACE_HOME, and only in the caller's own space."""


@dataclass(frozen=True, slots=True)
class Caller:
    user: User
    session: AuthSession
    seat: Seat | None = None
    membership: Membership | None = None
    """The caller's membership, in whichever space (None when in none), as it was read with the caller."""


# Built once, with bound parameters: constructing this statement per request cost more than running it.
_MY_SEAT = aliased(Membership, name="my_seat")
_OTHER_SEAT = aliased(Membership, name="other_seat")
_CALLER: Select[Any] = (
    select(User, AuthSession, SafetySettings, SessionLock, _MY_SEAT)  # type: ignore[assignment]
    .join(AuthSession, AuthSession.user_id == User.id)
    .outerjoin(SafetySettings, SafetySettings.user_id == User.id)
    .outerjoin(SessionLock, SessionLock.session_id == AuthSession.id)
    # memberships.user_id is unique: at most one row.
    .outerjoin(_MY_SEAT, _MY_SEAT.user_id == User.id)
    .where(AuthSession.token_hash == bindparam("token_hash"))
)
# With the other member of the space the path names; a space has at most two members, so one row.
_CALLER_IN_SPACE = _CALLER.add_columns(_OTHER_SEAT.user_id).outerjoin(
    _OTHER_SEAT, and_(_OTHER_SEAT.space_id == bindparam("space_id"), _OTHER_SEAT.user_id != User.id)
)


# A read request takes the same rows as read-only snapshots (core/snapshots.py): the same statement
# with plain columns, without the ORM load's per-entity cost. A write loads them through the ORM, to change them.
_SHAPES = (Shape.of(User), Shape.of(AuthSession), Shape.of(SafetySettings), Shape.of(SessionLock), Shape.of(_MY_SEAT))
_CALLER_SNAPSHOT = _CALLER.with_only_columns(*columns_of(_SHAPES))
_CALLER_IN_SPACE_SNAPSHOT = _CALLER_IN_SPACE.with_only_columns(*columns_of(_SHAPES), _OTHER_SEAT.user_id)
# The space home's read: also the space and the other member's name and role, joined only when the caller's
# own seat is in the path's space, so nothing of a space the caller is not in is read.
_PARTNER = aliased(User, name="partner")
_HOME_SHAPES = (*_SHAPES, Shape.of(Space), Shape.of(_PARTNER, only=("display_name",)))
_IN_MY_SPACE = _MY_SEAT.space_id == bindparam("space_id")
_CALLER_AT_HOME_SNAPSHOT = (
    _CALLER_IN_SPACE.outerjoin(Space, and_(Space.id == _MY_SEAT.space_id, _IN_MY_SPACE))
    .outerjoin(_PARTNER, and_(_PARTNER.id == _OTHER_SEAT.user_id, _IN_MY_SPACE))
    .with_only_columns(*columns_of(_HOME_SHAPES), _OTHER_SEAT.user_id, _OTHER_SEAT.role)
)


def _space_in_path(request: Request[Any, Any, Any]) -> uuid.UUID | None:
    space_id = request.path_params.get("space_id")
    return space_id if isinstance(space_id, uuid.UUID) else None


async def resolve_caller(request: Request[Any, Any, Any], accounts: AccountService, *, touch: bool = True) -> Caller:
    raw = request.cookies.get(accounts.settings.session_cookie_name)
    if not raw or len(raw) > 128:
        raise NotAuthorizedException(NOT_SIGNED_IN)
    # A read request does not write: its session is marked used after the response (accounts/touch.py).
    safe = request.method in SAFE_METHODS
    space_id = _space_in_path(request)
    parameters: dict[str, Any] = {"token_hash": hash_token(raw)}
    if space_id is not None:
        parameters["space_id"] = space_id
    row: Any
    home: Home | None = None
    if safe and space_id is not None and request.route_handler.opt.get(READS_SPACE_HOME):
        found = next(iter(await read_snapshots(accounts.db, _CALLER_AT_HOME_SNAPSHOT, parameters, _HOME_SHAPES)), None)
        if found is not None:
            space, partner, partner_id, partner_role = found[5:]
            row = (*found[:5], partner_id)
            home = Home(space, partner, partner_role) if space is not None else None
        else:
            row = None
    elif safe:
        statement = _CALLER_SNAPSHOT if space_id is None else _CALLER_IN_SPACE_SNAPSHOT
        row = next(iter(await read_snapshots(accounts.db, statement, parameters, _SHAPES)), None)
    else:
        row = (await accounts.db.execute(_CALLER if space_id is None else _CALLER_IN_SPACE, parameters)).first()
    if row is None:
        raise NotAuthorizedException(NOT_SIGNED_IN)
    user, session, lock_settings, lock_row = row[:4]
    if not await accounts.still_valid(session, touch=touch and not safe):
        raise NotAuthorizedException(NOT_SIGNED_IN)
    # The lock comes first: a request answered 423 does not count as activity.
    await app_lock_guard(
        request, accounts.db, user, session, touch=touch, read_only=safe, loaded=(lock_settings, lock_row)
    )
    step_up_guard(request, session)
    if touch and safe and touch_due(session, utcnow()):
        touch_after_response(request, session.id)
    membership: Membership | None = row[4]
    seat = None
    if space_id is not None:
        here = membership if membership is not None and membership.space_id == space_id else None
        seat = Seat(space_id, here, row[5] if here is not None else None, home if here is not None else None)
    return Caller(user=user, session=session, seat=seat, membership=membership)
