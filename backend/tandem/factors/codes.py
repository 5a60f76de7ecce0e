"""Time-based one-time passwords (RFC 6238, 30-second steps, 6 digits) and recovery codes."""

from __future__ import annotations

import hmac
import re
import secrets
import time

import pyotp

TOTP_STEP_SECONDS = 30
# A code from the step before or after still counts: clocks on phones drift.
TOTP_DRIFT_STEPS = 1
TOTP_CODE = re.compile(r"^[0-9]{6}$")
RECOVERY_CODE_COUNT = 10
# 10 characters from 31 (about 50 bits; no i, l, o, 0 or 1 to misread): unguessable within any
# attempt limit, easy to type from paper.
_RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


def new_totp_secret() -> str:
    return pyotp.random_base32()


def provisioning_uri(secret: str, account: str, issuer: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=account, issuer_name=issuer)


def matching_step(secret: str, code: str, *, now: float | None = None) -> int | None:
    """The time step whose code this is (within the allowed drift), or None."""
    code = code.strip().replace(" ", "")
    if not TOTP_CODE.match(code):
        return None
    totp = pyotp.TOTP(secret)
    current = int((now if now is not None else time.time()) // TOTP_STEP_SECONDS)
    for step in range(current - TOTP_DRIFT_STEPS, current + TOTP_DRIFT_STEPS + 1):
        if hmac.compare_digest(totp.generate_otp(step), code):
            return step
    return None


def new_recovery_codes() -> list[str]:
    codes = []
    for _ in range(RECOVERY_CODE_COUNT):
        raw = "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(10))
        codes.append(f"{raw[:5]}-{raw[5:]}")
    return codes


def normalise_recovery_code(code: str) -> str:
    """Spaces, dashes and capitals as people type them do not matter."""
    raw = re.sub(r"[\s-]", "", code).casefold()
    return f"{raw[:5]}-{raw[5:]}"
