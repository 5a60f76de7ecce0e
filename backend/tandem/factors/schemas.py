from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any, Literal

import msgspec
from msgspec import Meta

from tandem.core.text import NO_CONTROL_LINE, Password, Token, line

FactorName = Annotated[str, line(1, 60)]
# An app's six digits or a recovery code (ten characters, dashes and spaces allowed).
Code = Annotated[str, Meta(min_length=1, max_length=40, pattern=NO_CONTROL_LINE)]
# A WebAuthn credential as the browser's PublicKeyCredential.toJSON() gives it; checked by `webauthn`.
Credential = Annotated[dict[str, Any], Meta(description="PublicKeyCredential JSON from the browser")]


class FactorOut(msgspec.Struct):
    id: uuid.UUID
    kind: Literal["passkey", "totp"]
    name: str
    created_at: datetime
    last_used_at: datetime | None


class FactorsOut(msgspec.Struct):
    """The member's sign-in factors. `two_step` is on while any factor is."""

    factors: list[FactorOut]
    two_step: bool
    recovery_codes_left: int


class FactorAdded(msgspec.Struct):
    factor: FactorOut
    # The recovery codes, when this is the first factor: shown this once, never again.
    recovery_codes: list[str] | None


class RecoveryCodesOut(msgspec.Struct):
    recovery_codes: list[str]


class PasskeyOptionsOut(msgspec.Struct):
    """Options for navigator.credentials.create() or .get(), and the single-use id to send back."""

    challenge_id: str
    options: dict[str, Any]


class PasskeyRegistration(msgspec.Struct, forbid_unknown_fields=True):
    challenge_id: Token
    credential: Credential
    name: FactorName = "Passkey"


class PasskeyAssertion(msgspec.Struct, forbid_unknown_fields=True):
    challenge_id: Token
    credential: Credential


class PasskeySignIn(msgspec.Struct, forbid_unknown_fields=True):
    challenge_id: Token
    credential: Credential
    remember_me: bool = False


class TotpStart(msgspec.Struct, forbid_unknown_fields=True):
    name: FactorName = "Authenticator app"


class TotpEnrollment(msgspec.Struct):
    """The secret to type into an authenticator app, or its otpauth:// address (for a QR code)."""

    id: uuid.UUID
    secret: str
    otpauth_uri: str


class CodeEntry(msgspec.Struct, forbid_unknown_fields=True):
    code: Code


class FactorRename(msgspec.Struct, forbid_unknown_fields=True):
    name: FactorName


class StepUpIn(msgspec.Struct, forbid_unknown_fields=True):
    """The password, or a code (from the authenticator app, or a recovery code): one of the two."""

    password: Password | None = None
    code: Code | None = None


class StepUpOut(msgspec.Struct):
    # Sensitive actions need no confirmation again until then.
    fresh_until: datetime


class SecondStepNeeded(msgspec.Struct):
    """The password was right; the sign-in completes with a second step (POST /auth/second-step or
    a passkey). No session exists yet."""

    second_step: Literal["required"]
    methods: list[Literal["passkey", "totp", "recovery_code"]]
