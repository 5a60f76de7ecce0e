"""The app lock and quick-exit settings of a member, and the lock state of each signed-in session.

Kept in tables of their own, apart from the password and the session token: the PIN hashes never
sit beside the password hash, and a session's lock state never changes how the session is found.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import ClassVar

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from tandem.core.db import Base, utcnow
from tandem.core.sealing import Sealed


class SafetySettings(Base):
    """One row per member who set an app lock or chose how quick exit behaves."""

    __tablename__ = "safety_settings"
    __sealed__: ClassVar[Sealed] = Sealed(text=("quick_exit_url",), owner="user_id", row_key="user_id")

    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    # argon2id of the PIN (4-8 digits); None when no app lock is set.
    pin_hash: Mapped[str | None] = mapped_column(String(255), default=None)
    # argon2id of the optional decoy PIN: entering it ends the session silently.
    decoy_pin_hash: Mapped[str | None] = mapped_column(String(255), default=None)
    idle_minutes: Mapped[int] = mapped_column(default=5)
    # Where quick exit goes; None means the instance's default (TANDEM_QUICK_EXIT_URL or the neutral page).
    quick_exit_url: Mapped[str | None] = mapped_column(Text, default=None)
    # Without an app lock quick exit signs out, unless the member turned that off.
    quick_exit_signs_out: Mapped[bool] = mapped_column(default=True)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class SessionLock(Base):
    """The lock state of one session of a member who has an app lock."""

    __tablename__ = "session_locks"

    session_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("auth_sessions.id", ondelete="CASCADE"), primary_key=True)
    locked: Mapped[bool] = mapped_column(default=False)
    # Wrong PINs since the last right one; the fifth ends the session.
    failures: Mapped[int] = mapped_column(default=0)
    # The last request made by the person (not by the browser on its own), for the idle lock.
    active_at: Mapped[datetime] = mapped_column(default=utcnow)
