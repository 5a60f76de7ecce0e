"""A calm notice, shown once, after the other member left the space or deleted their account.

It says only that the partner is no longer in the space: never why, never when. Reading it is a GET;
the page marks it seen with a POST, so it shows once.
"""

from __future__ import annotations

import msgspec
from litestar import Controller, get, post
from litestar.di import NamedDependency
from litestar.status_codes import HTTP_204_NO_CONTENT
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from tandem.access.membership import Member
from tandem.core.errors import MEMBER_READ, MEMBER_WRITE, problems
from tandem.spaces.models import Membership


class PartnerLeftOut(msgspec.Struct):
    """True once after the other member left or deleted their account, until marked seen."""

    partner_left: bool


class NoticesController(Controller):
    path = "/api/v1/spaces/{space_id:uuid}/notices"
    tags = ["spaces"]

    @get("/partner-left", operation_id="getPartnerLeftNotice", responses=problems(*MEMBER_READ))
    async def partner_left(self, member: NamedDependency[Member]) -> PartnerLeftOut:
        return PartnerLeftOut(partner_left=member.membership.partner_left_at is not None)

    @post(
        "/partner-left/seen",
        operation_id="markPartnerLeftNoticeSeen",
        responses=problems(*MEMBER_WRITE),
        status_code=HTTP_204_NO_CONTENT,
    )
    async def seen(self, member: NamedDependency[Member], db_session: NamedDependency[AsyncSession]) -> None:
        await db_session.execute(
            update(Membership).where(Membership.id == member.membership.id).values(partner_left_at=None)
        )
