from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

from litestar import Controller, Request, delete, get, patch, post
from litestar.di import NamedDependency
from litestar.exceptions import NotFoundException
from litestar.params import FromPath, JSONBody
from litestar.status_codes import HTTP_201_CREATED, HTTP_204_NO_CONTENT

from tandem.access.identity import READS_SPACE_HOME, Caller
from tandem.access.membership import Member
from tandem.core.config import Settings
from tandem.core.errors import MEMBER_READ, MEMBER_WRITE, SIGNED_IN_WRITE, problems
from tandem.core.ratelimit import AttemptLimiter
from tandem.core.web_security import client_address
from tandem.spaces.schemas import (
    InvitationAccept,
    InvitationCreated,
    InvitationOut,
    SpaceCreate,
    SpaceOut,
    SpaceRename,
)
from tandem.spaces.service import SpaceService


class SpaceController(Controller):
    path = "/api/v1/spaces"
    tags = ["spaces"]

    @post("", operation_id="createSpace", responses=problems(*SIGNED_IN_WRITE, 409), status_code=HTTP_201_CREATED)
    async def create_space(
        self,
        caller: NamedDependency[Caller],
        data: JSONBody[SpaceCreate],
        spaces: NamedDependency[SpaceService],
    ) -> SpaceOut:
        """Create the couple's space; the creator picks their own role."""
        return await spaces.create(caller.user, name=data.name, role=data.role)

    @get("/{space_id:uuid}", operation_id="getSpace", responses=problems(*MEMBER_READ), opt={READS_SPACE_HOME: True})
    async def get_space(self, member: NamedDependency[Member], spaces: NamedDependency[SpaceService]) -> SpaceOut:
        """The space with both members' names and roles."""
        return await spaces.home(member)

    @patch("/{space_id:uuid}", operation_id="renameSpace", responses=problems(*MEMBER_WRITE))
    async def rename_space(
        self,
        member: NamedDependency[Member],
        data: JSONBody[SpaceRename],
        spaces: NamedDependency[SpaceService],
    ) -> SpaceOut:
        return await spaces.rename(member.space_id, data.name)

    @get("/{space_id:uuid}/invitations", operation_id="listInvitations", responses=problems(*MEMBER_READ))
    async def list_invitations(
        self, member: NamedDependency[Member], spaces: NamedDependency[SpaceService]
    ) -> list[InvitationOut]:
        """Invitations that can still be used."""
        return await spaces.pending_invitations(member.space_id)

    @post(
        "/{space_id:uuid}/invitations",
        operation_id="createInvitation",
        responses=problems(*MEMBER_WRITE, 409),
        status_code=HTTP_201_CREATED,
    )
    async def create_invitation(
        self,
        member: NamedDependency[Member],
        spaces: NamedDependency[SpaceService],
        settings: NamedDependency[Settings],
    ) -> InvitationCreated:
        """A single-use link for the other role. The token is shown once and only its hash is kept."""
        return await spaces.invite(member.membership, timedelta(days=settings.invitation_ttl_days))

    @delete(
        "/{space_id:uuid}/invitations/{invitation_id:uuid}",
        operation_id="revokeInvitation",
        responses=problems(*MEMBER_WRITE),
        status_code=HTTP_204_NO_CONTENT,
    )
    async def revoke_invitation(
        self,
        member: NamedDependency[Member],
        invitation_id: FromPath[uuid.UUID],
        spaces: NamedDependency[SpaceService],
    ) -> None:
        if not await spaces.revoke(member.space_id, invitation_id):
            raise NotFoundException()

    @post(
        "/{space_id:uuid}/leave",
        operation_id="leaveSpace",
        responses=problems(*MEMBER_WRITE),
        status_code=HTTP_204_NO_CONTENT,
    )
    async def leave_space(self, member: NamedDependency[Member], spaces: NamedDependency[SpaceService]) -> None:
        """Leave the space. What you wrote stays yours and is no longer shown to the other member."""
        await spaces.leave(member.membership)


class InvitationController(Controller):
    path = "/api/v1/invitations"
    tags = ["spaces"]

    @post(
        "/accept", operation_id="acceptInvitation", responses=problems(*SIGNED_IN_WRITE, 409, 429, 503), status_code=200
    )
    async def accept(
        self,
        request: Request[Any, Any, Any],
        caller: NamedDependency[Caller],
        data: JSONBody[InvitationAccept],
        spaces: NamedDependency[SpaceService],
        limiter: NamedDependency[AttemptLimiter],
        settings: NamedDependency[Settings],
    ) -> SpaceOut:
        """Join a space with an invitation token. Every unusable token gets the same answer."""
        limits = settings.rate_limits
        address = client_address(request, settings.trusted_proxies)
        await limiter.check_and_hit("accept-address", address, limits.limit(limits.accept_per_address))
        await limiter.check_and_hit("accept-account", str(caller.user.id), limits.limit(limits.accept_per_account))
        return await spaces.accept(caller.user, data.token)
