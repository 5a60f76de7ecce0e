"""Sign-in factors beyond the password: passkeys, an authenticator app, recovery codes, and the
short-lived challenges of a sign-in in progress.

Kept apart from `users`: nothing here changes how an account or a session is found.
"""

from __future__ import annotations

import enum
import uuid
from datetime import datetime
from typing import ClassVar

from sqlalchemy import ForeignKey, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from tandem.core.db import Base, IdMixin, enum_column, utcnow
from tandem.core.sealing import Sealed


class FactorKind(enum.StrEnum):
    PASSKEY = "passkey"
    TOTP = "totp"


FACTOR_KIND = enum_column(FactorKind, "factor_kind")


class AuthFactor(IdMixin, Base):
    """One passkey or authenticator app of a member. A TOTP row counts only once it is confirmed."""

    __tablename__ = "auth_factors"
    # The name is the member's words and the TOTP secret opens their account: both sealed at rest.
    __sealed__: ClassVar[Sealed] = Sealed(text=("name", "totp_secret"), owner="user_id")

    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    kind: Mapped[FactorKind] = mapped_column(FACTOR_KIND)
    name: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(default=None)
    confirmed: Mapped[bool] = mapped_column(default=True)
    # Passkeys: the credential id (base64url), its COSE public key and the authenticator's counter.
    credential_id: Mapped[str | None] = mapped_column(String(1400), unique=True, default=None)
    public_key: Mapped[bytes | None] = mapped_column(LargeBinary, default=None)
    sign_count: Mapped[int] = mapped_column(default=0)
    # TOTP: the shared secret (base32) and the last time step accepted, so a code is never used twice.
    totp_secret: Mapped[str | None] = mapped_column(Text, default=None)
    totp_last_step: Mapped[int | None] = mapped_column(default=None)


class RecoveryCode(IdMixin, Base):
    """One single-use recovery code, stored only as an argon2id hash (like a password)."""

    __tablename__ = "recovery_codes"

    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    code_hash: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    used_at: Mapped[datetime | None] = mapped_column(default=None)


class SignInChallenge(IdMixin, Base):
    """A short-lived, single-use step of a sign-in: a password-checked login waiting for its second
    step ("pending"), or a WebAuthn challenge ("register", "assert", "step-up"). Only the SHA-256 of the
    token the client holds is stored; a row is deleted when used."""

    __tablename__ = "sign_in_challenges"

    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    purpose: Mapped[str] = mapped_column(String(16))
    user_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    # The WebAuthn challenge (base64url); None for a pending login.
    challenge: Mapped[str | None] = mapped_column(String(128), default=None)
    remembered: Mapped[bool] = mapped_column(default=False)
    expires_at: Mapped[datetime] = mapped_column(index=True)
