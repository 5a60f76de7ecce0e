"""The couple's shared space: creating it, inviting the other person, joining and leaving."""

from __future__ import annotations

import uuid
from datetime import timedelta

from litestar.channels import ChannelsPlugin
from litestar.exceptions import HTTPException
from sqlalchemy import bindparam, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from tandem.access.membership import Member
from tandem.accounts.models import User
from tandem.core.db import utcnow
from tandem.core.errors import Conflict, bad_field
from tandem.core.roles import Role
from tandem.core.snapshots import Shape, columns_of, read_snapshots
from tandem.core.tokens import hash_token, new_token
from tandem.events.channels import emit
from tandem.events.schemas import EventKind
from tandem.spaces.models import Invitation, Membership, Space
from tandem.spaces.schemas import InvitationCreated, InvitationOut, MemberOut, SpaceOut

INVITATION_UNUSABLE = (
    "This invitation can't be used. It may have expired, been used or been revoked. Ask for a new link."
)
ALREADY_IN_SPACE = "You're already in a shared space. Leave it first to join another."
SPACE_FULL = "This space already has both members."


# The space home's one statement, built once with a bound parameter (building it per request cost more
# than running it), read as snapshots (core/snapshots.py): the members' names are sealed and opened as a
# load would open them, and only the names are read of their accounts.
_SPACE = Shape.of(Space)
_MEMBER_NAME = Shape.of(User, only=("display_name",))
_SPACE_SHAPES = (_SPACE, _MEMBER_NAME)
_SPACE_WITH_MEMBERS = (
    select(*columns_of(_SPACE_SHAPES), Membership.role)
    .select_from(Space)
    .join(Membership, Membership.space_id == Space.id)
    .join(User, User.id == Membership.user_id)
    .where(Space.id == bindparam("space_id"))
    .order_by(Membership.role)
)


class SpaceService:
    def __init__(self, db: AsyncSession, channels: ChannelsPlugin | None = None) -> None:
        self.db = db
        # Without channels (maintenance jobs) nobody is told live; pages catch up when they next load.
        self.channels = channels

    def _signal(self, space_id: uuid.UUID, change: str) -> None:
        if self.channels is not None:
            emit(self.db, self.channels, space_id, EventKind.SPACE, change)

    async def membership_of(self, user_id: uuid.UUID) -> Membership | None:
        return await self.db.scalar(select(Membership).where(Membership.user_id == user_id))

    async def create(self, user: User, *, name: str, role: Role) -> SpaceOut:
        name = name.strip()
        if not name:
            raise bad_field("name", "Please give your space a name.")
        if await self.membership_of(user.id) is not None:
            raise Conflict(detail=ALREADY_IN_SPACE)
        space = Space(name=name)
        self.db.add(space)
        await self.db.flush()
        self.db.add(Membership(space_id=space.id, user_id=user.id, role=role))
        await self._flush_or_conflict(ALREADY_IN_SPACE)
        return await self.view(space.id)

    async def view(self, space_id: uuid.UUID) -> SpaceOut:
        # One statement for the space and its members (a space being viewed has at least one).
        rows = await read_snapshots(self.db, _SPACE_WITH_MEMBERS, {"space_id": space_id}, _SPACE_SHAPES)
        space = rows[0][0] if rows else await self.db.get_one(Space, space_id)
        members = [MemberOut(user_id=user.id, display_name=user.display_name, role=role) for _, user, role in rows]
        return SpaceOut(id=space.id, name=space.name, created_at=space.created_at, members=members)

    async def home(self, member: Member) -> SpaceOut:
        """The space home: from the rows read with the caller when the route asked for them
        (access/identity.py, READS_SPACE_HOME), otherwise as `view` reads it."""
        seat = member.caller.seat if member.caller is not None else None
        home = seat.home if seat is not None else None
        if home is None or member.caller is None:
            return await self.view(member.space_id)
        me = member.caller.user
        members = [MemberOut(user_id=me.id, display_name=me.display_name, role=member.membership.role)]
        if home.partner is not None and home.partner_role is not None:
            members.append(
                MemberOut(user_id=home.partner.id, display_name=home.partner.display_name, role=home.partner_role)
            )
        members.sort(key=lambda m: m.role.value)  # as `view` orders them
        return SpaceOut(id=home.space.id, name=home.space.name, created_at=home.space.created_at, members=members)

    async def rename(self, space_id: uuid.UUID, name: str) -> SpaceOut:
        space = await self.db.get_one(Space, space_id)
        space.name = name.strip() or space.name
        return await self.view(space_id)

    async def pending_invitations(self, space_id: uuid.UUID) -> list[InvitationOut]:
        result = await self.db.scalars(
            select(Invitation)
            .where(
                Invitation.space_id == space_id,
                Invitation.used_at.is_(None),
                Invitation.revoked_at.is_(None),
                Invitation.expires_at > utcnow(),
            )
            .order_by(Invitation.created_at.desc())
        )
        return [InvitationOut(id=i.id, role=i.role, created_at=i.created_at, expires_at=i.expires_at) for i in result]

    async def invite(self, membership: Membership, ttl: timedelta) -> InvitationCreated:
        member_count = await self.db.scalar(
            select(func.count()).select_from(Membership).where(Membership.space_id == membership.space_id)
        )
        if (member_count or 0) >= 2:
            raise Conflict(detail=SPACE_FULL)
        raw, digest = new_token()
        now = utcnow()
        invitation = Invitation(
            space_id=membership.space_id,
            created_by=membership.user_id,
            token_hash=digest,
            role=membership.role.other,
            created_at=now,
            expires_at=now + ttl,
        )
        self.db.add(invitation)
        await self.db.flush()
        return InvitationCreated(
            id=invitation.id,
            token=raw,
            role=invitation.role,
            created_at=invitation.created_at,
            expires_at=invitation.expires_at,
        )

    async def revoke(self, space_id: uuid.UUID, invitation_id: uuid.UUID) -> bool:
        result = await self.db.execute(
            update(Invitation)
            .where(
                Invitation.id == invitation_id,
                Invitation.space_id == space_id,
                Invitation.used_at.is_(None),
                Invitation.revoked_at.is_(None),
            )
            .values(revoked_at=utcnow())
        )
        return bool(getattr(result, "rowcount", 0))

    async def accept(self, user: User, raw_token: str) -> SpaceOut:
        if await self.membership_of(user.id) is not None:
            raise Conflict(detail=ALREADY_IN_SPACE)
        now = utcnow()
        # Claiming the invitation is one atomic update, so two people racing for one link cannot both win.
        claimed = await self.db.execute(
            update(Invitation)
            .where(
                Invitation.token_hash == hash_token(raw_token),
                Invitation.used_at.is_(None),
                Invitation.revoked_at.is_(None),
                Invitation.expires_at > now,
            )
            .values(used_at=now)
            .returning(Invitation.space_id, Invitation.role)
        )
        row = claimed.first()
        if row is None:
            raise HTTPException(status_code=400, detail=INVITATION_UNUSABLE)
        space_id, role = row
        self.db.add(Membership(space_id=space_id, user_id=user.id, role=role))
        # The role slot may have been filled since the invitation was made (a unique constraint says so).
        await self._flush_or_conflict(INVITATION_UNUSABLE, status=400)
        # A new partner joined: an unseen notice about the one before is no longer news.
        await self.db.execute(update(Membership).where(Membership.space_id == space_id).values(partner_left_at=None))
        self._signal(space_id, "joined")
        return await self.view(space_id)

    async def leave(self, membership: Membership) -> None:
        space_id = membership.space_id
        from tandem.reveal.service import RevealService  # here: reveal.service imports this module

        await RevealService(self.db).close_open_rounds(space_id)
        # The one who stays sees a calm notice once (spaces/notices.py); it never says why.
        await self.db.execute(
            update(Membership)
            .where(Membership.space_id == space_id, Membership.id != membership.id)
            .values(partner_left_at=utcnow())
        )
        await self.db.delete(membership)
        await self.db.flush()
        # The one leaving is no member any more, so their own stream ends before this reaches it.
        self._signal(space_id, "left")
        from tandem.spaces.abandoned import drop_if_abandoned  # here: it reads every domain's models

        # The last one out: invitations go; the space too once no record anyone wrote there remains.
        await drop_if_abandoned(self.db, space_id)

    async def _flush_or_conflict(self, detail: str, status: int = 409) -> None:
        try:
            async with self.db.begin_nested():
                await self.db.flush()
        except IntegrityError as exc:
            raise HTTPException(status_code=status, detail=detail) from exc
