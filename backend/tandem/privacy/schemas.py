from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import msgspec

from tandem.core.roles import Role


class ExportedAccount(msgspec.Struct):
    id: uuid.UUID
    email: str
    display_name: str
    created_at: datetime
    health_data_consent_at: datetime | None


class ExportedSession(msgspec.Struct):
    id: uuid.UUID
    device: str
    created_at: datetime
    last_seen_at: datetime
    expires_at: datetime


class ExportedMembership(msgspec.Struct):
    space_id: uuid.UUID
    space_name: str
    role: Role
    joined_at: datetime


class ExportedInvitation(msgspec.Struct):
    id: uuid.UUID
    space_id: uuid.UUID
    role: Role
    created_at: datetime
    expires_at: datetime
    used_at: datetime | None
    revoked_at: datetime | None


class Export(msgspec.Struct):
    """Everything Tandem holds about the user (GDPR Art. 15 and 20)."""

    format: str
    exported_at: datetime
    account: ExportedAccount
    sessions: list[ExportedSession]
    membership: ExportedMembership | None
    invitations_created: list[ExportedInvitation]
    # Records from later features, each under its own key, labelled "authored" or "shared_with_me".
    records: dict[str, Any]
