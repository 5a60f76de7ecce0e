"""Which space the caller acts in: a member of the space in the path, or a 404 like an unknown id."""

from __future__ import annotations

import dataclasses
import uuid
from dataclasses import dataclass

from litestar.di import NamedDependency
from litestar.exceptions import NotFoundException
from litestar.params import FromPath
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from tandem.access.identity import Caller
from tandem.core.roles import Role
from tandem.spaces.models import Membership


@dataclass(frozen=True, slots=True)
class Member:
    """The caller as a member of one space, with the other member (if any) at this moment."""

    caller: Caller | None
    """The request's caller; None when a secret link (a calendar feed) stands for the member."""
    membership: Membership
    partner_user_id: uuid.UUID | None

    @property
    def user_id(self) -> uuid.UUID:
        return self.membership.user_id

    @property
    def space_id(self) -> uuid.UUID:
        return self.membership.space_id

    @property
    def role(self) -> Role:
        return self.membership.role

    @property
    def session_id(self) -> uuid.UUID:
        if self.caller is None:
            raise RuntimeError("no session: this member was resolved from a secret link")
        return self.caller.session.id


def require_patient(member: Member) -> None:
    """Records that are the patient's alone (the journal, summaries): for anyone else the routes do not exist."""
    if member.role is not Role.PATIENT:
        raise NotFoundException()


async def member_of(db: AsyncSession, caller: Caller, membership: Membership) -> Member:
    """The `Member` for a membership already loaded (the export's current space)."""
    partner = await db.scalar(
        select(Membership.user_id).where(
            Membership.space_id == membership.space_id, Membership.user_id != membership.user_id
        )
    )
    return Member(caller=caller, membership=membership, partner_user_id=partner)


async def member_by_seat(db: AsyncSession, user_id: uuid.UUID, space_id: uuid.UUID) -> Member | None:
    """The `Member` a user is in a space right now, or None once they left it (for secret links)."""
    rows = list(await db.scalars(select(Membership).where(Membership.space_id == space_id)))
    mine = next((m for m in rows if m.user_id == user_id), None)
    if mine is None:
        return None
    partner = next((m.user_id for m in rows if m.user_id != user_id), None)
    return Member(caller=None, membership=mine, partner_user_id=partner)


async def resolve_member(
    space_id: FromPath[uuid.UUID], caller: NamedDependency[Caller], db_session: NamedDependency[AsyncSession]
) -> Member:
    seat = caller.seat
    if seat is not None and seat.space_id == space_id:
        # Read with the caller, in the same statement (access/identity.py).
        if seat.membership is not None:
            return Member(caller=caller, membership=seat.membership, partner_user_id=seat.partner_user_id)
    else:
        found = await member_by_seat(db_session, caller.user.id, space_id)
        if found is not None:
            return dataclasses.replace(found, caller=caller)
    # Same answer as a space that does not exist: another couple's ids reveal nothing.
    raise NotFoundException()
