from __future__ import annotations

import uuid
from datetime import datetime

import msgspec

from tandem.core.roles import Role
from tandem.core.text import DisplayName, Email, NewPassword, Password


class SignUp(msgspec.Struct, forbid_unknown_fields=True):
    email: Email
    password: NewPassword
    display_name: DisplayName
    consent_health_data: bool = False


class LogIn(msgspec.Struct, forbid_unknown_fields=True):
    email: Email
    password: Password
    remember_me: bool = False


class PasswordChange(msgspec.Struct, forbid_unknown_fields=True):
    current_password: Password
    new_password: NewPassword


class AccountDeletion(msgspec.Struct, forbid_unknown_fields=True):
    password: Password


class ProfileUpdate(msgspec.Struct, forbid_unknown_fields=True):
    display_name: DisplayName


class MembershipOut(msgspec.Struct):
    space_id: uuid.UUID
    role: Role


class UserOut(msgspec.Struct):
    """The signed-in user's own view of their account. Never sent to the partner."""

    id: uuid.UUID
    email: str
    display_name: str
    created_at: datetime
    membership: MembershipOut | None


class SessionState(msgspec.Struct):
    """Who this browser is signed in as, if anyone. Nobody signed in is an ordinary answer here, not an
    error: the app asks this on every start, and a signed-out start is not a failure."""

    user: UserOut | None


class SessionOut(msgspec.Struct):
    id: uuid.UUID
    device: str
    created_at: datetime
    last_seen_at: datetime
    expires_at: datetime
    current: bool
