from __future__ import annotations

import uuid
from datetime import datetime
from typing import ClassVar

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from tandem.core.db import Base, IdMixin, utcnow
from tandem.core.sealing import Sealed


class User(IdMixin, Base):
    __tablename__ = "users"
    # Found by the keyed hash of the email, never by the sealed email itself.
    __sealed__: ClassVar[Sealed] = Sealed(text=("email", "display_name"), owner="id", digests={"email": "email_hash"})

    email: Mapped[str] = mapped_column(Text)
    email_hash: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(Text)
    password_hash: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # When the user agreed that Tandem stores health information (GDPR Art. 9 explicit consent).
    health_data_consent_at: Mapped[datetime | None] = mapped_column(default=None)


class AuthSession(IdMixin, Base):
    """A signed-in device. Only the SHA-256 of the cookie token is stored."""

    __tablename__ = "auth_sessions"

    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    device: Mapped[str] = mapped_column(String(120))
    remembered: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(index=True)
    # The last time the person proved who they are again on this session (step-up, factors/stepup.py);
    # None: not since signing in (created_at).
    stepped_up_at: Mapped[datetime | None] = mapped_column(default=None)
