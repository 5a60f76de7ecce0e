"""Which space the caller acts in: a member of the space in the path, or a 404 like an unknown id."""

from __future__ import annotations

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

    caller: NamedDependency[Caller]
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


async def resolve_member(
    space_id: FromPath[uuid.UUID], caller: NamedDependency[Caller], db_session: NamedDependency[AsyncSession]
) -> Member:
    rows = list(await db_session.scalars(select(Membership).where(Membership.space_id == space_id)))
    mine = next((m for m in rows if m.user_id == caller.user.id), None)
    if mine is None:
        # Same answer as a space that does not exist: another couple's ids reveal nothing.
        raise NotFoundException()
    partner = next((m.user_id for m in rows if m.user_id != caller.user.id), None)
    return Member(caller=caller, membership=mine, partner_user_id=partner)
