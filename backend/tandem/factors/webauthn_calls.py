"""The calls into the `webauthn` package, kept in one module that is imported only when a passkey is used.

Importing `webauthn` (and the cryptography and CBOR code it brings) costs start-up time that most
instances never need; factors/service.py imports this module inside the passkey methods.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from webauthn import (
    base64url_to_bytes,
    generate_authentication_options,
    generate_registration_options,
    verify_authentication_response,
    verify_registration_response,
)
from webauthn.helpers import bytes_to_base64url, options_to_json_dict
from webauthn.helpers.exceptions import WebAuthnException
from webauthn.helpers.structs import (
    AuthenticatorSelectionCriteria,
    PublicKeyCredentialDescriptor,
    ResidentKeyRequirement,
    UserVerificationRequirement,
)

# What a malformed or forged credential can raise inside the package, besides its own errors.
_REJECTED = (WebAuthnException, ValueError, KeyError, TypeError, AttributeError)


class PasskeyRejectedError(Exception):
    """The credential did not verify (forged, malformed, wrong challenge, origin or site)."""


@dataclass(frozen=True, slots=True)
class Options:
    challenge: str
    """The challenge, base64url, to keep with the single-use sign-in challenge."""
    json: dict[str, Any]
    """The options for the browser's navigator.credentials call."""


@dataclass(frozen=True, slots=True)
class NewPasskey:
    credential_id: str
    public_key: bytes
    sign_count: int


def _descriptors(credential_ids: list[str]) -> list[PublicKeyCredentialDescriptor]:
    return [PublicKeyCredentialDescriptor(id=base64url_to_bytes(c)) for c in credential_ids]


def registration_options(
    *, rp_id: str, rp_name: str, user_id: uuid.UUID, email: str, display_name: str, existing: list[str]
) -> Options:
    options = generate_registration_options(
        rp_id=rp_id,
        rp_name=rp_name,
        user_id=user_id.bytes,
        user_name=email,
        user_display_name=display_name,
        # Discoverable, so the passkey can sign in without an email; verified (PIN or biometrics),
        # so the passkey alone is two factors. Platform and roaming authenticators alike.
        authenticator_selection=AuthenticatorSelectionCriteria(
            resident_key=ResidentKeyRequirement.REQUIRED,
            user_verification=UserVerificationRequirement.REQUIRED,
        ),
        exclude_credentials=_descriptors(existing),
    )
    return Options(challenge=bytes_to_base64url(options.challenge), json=options_to_json_dict(options))


def verify_registration(credential: dict[str, Any], *, challenge: str, rp_id: str, origin: str) -> NewPasskey:
    try:
        verified = verify_registration_response(
            credential=credential,
            expected_challenge=base64url_to_bytes(challenge),
            expected_rp_id=rp_id,
            expected_origin=origin,
            require_user_verification=True,
        )
    except _REJECTED as exc:
        raise PasskeyRejectedError from exc
    return NewPasskey(
        credential_id=bytes_to_base64url(verified.credential_id),
        public_key=verified.credential_public_key,
        sign_count=verified.sign_count,
    )


def authentication_options(*, rp_id: str, allowed: list[str] | None) -> Options:
    """`allowed=None`: any passkey of this site (discoverable)."""
    options = generate_authentication_options(
        rp_id=rp_id,
        allow_credentials=_descriptors(allowed) if allowed is not None else None,
        user_verification=UserVerificationRequirement.REQUIRED,
    )
    return Options(challenge=bytes_to_base64url(options.challenge), json=options_to_json_dict(options))


def verify_authentication(
    credential: dict[str, Any], *, challenge: str, rp_id: str, origin: str, public_key: bytes, sign_count: int
) -> int:
    """The authenticator's new signature count, once the assertion verifies."""
    try:
        verified = verify_authentication_response(
            credential=credential,
            expected_challenge=base64url_to_bytes(challenge),
            expected_rp_id=rp_id,
            expected_origin=origin,
            credential_public_key=public_key,
            credential_current_sign_count=sign_count,
            require_user_verification=True,
        )
    except _REJECTED as exc:
        raise PasskeyRejectedError from exc
    return int(verified.new_sign_count)
