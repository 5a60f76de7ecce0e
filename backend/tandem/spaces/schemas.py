from __future__ import annotations

import uuid
from datetime import datetime

import msgspec

from tandem.core.roles import Role
from tandem.core.text import SpaceName, Token


class SpaceCreate(msgspec.Struct, forbid_unknown_fields=True):
    name: SpaceName
    role: Role


class SpaceRename(msgspec.Struct, forbid_unknown_fields=True):
    name: SpaceName


class InvitationAccept(msgspec.Struct, forbid_unknown_fields=True):
    token: Token


class MemberOut(msgspec.Struct):
    """What each member sees of the other: name and role only, never the email."""

    user_id: uuid.UUID
    display_name: str
    role: Role


class SpaceOut(msgspec.Struct):
    id: uuid.UUID
    name: str
    created_at: datetime
    members: list[MemberOut]


class InvitationOut(msgspec.Struct):
    id: uuid.UUID
    role: Role
    created_at: datetime
    expires_at: datetime


class InvitationCreated(msgspec.Struct):
    """The only time the raw token is shown: it is not stored and cannot be shown again."""

    id: uuid.UUID
    token: str
    role: Role
    created_at: datetime
    expires_at: datetime
