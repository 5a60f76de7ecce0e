from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from tandem.core.db import Base, IdMixin, enum_column, utcnow
from tandem.core.roles import Role

ROLE_TYPE = enum_column(Role, "member_role")


class Space(IdMixin, Base):
    __tablename__ = "spaces"

    name: Mapped[str] = mapped_column(String(80))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Membership(IdMixin, Base):
    """A user's place in a space. A user has at most one; a space at most one of each role."""

    __tablename__ = "memberships"
    __table_args__ = (UniqueConstraint("space_id", "role"),)

    space_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("spaces.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), unique=True)
    role: Mapped[Role] = mapped_column(ROLE_TYPE)
    joined_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Set when the other member left or deleted their account, until this member has seen the notice once.
    partner_left_at: Mapped[datetime | None] = mapped_column(default=None)


class Invitation(IdMixin, Base):
    """A single-use link for the other role. Only the SHA-256 of the token is stored."""

    __tablename__ = "invitations"

    space_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("spaces.id", ondelete="CASCADE"), index=True)
    created_by: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[Role] = mapped_column(ROLE_TYPE)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None] = mapped_column(default=None)
    revoked_at: Mapped[datetime | None] = mapped_column(default=None)
