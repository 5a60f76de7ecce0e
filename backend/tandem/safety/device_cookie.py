"""OWASP's device cookies against lockout abuse.

A browser that signed in successfully gets a signed cookie naming the account and a random nonce:
`<nonce>.<HMAC(secret, account|nonce)>`. Failed logins from a browser with a valid cookie for that
account count against that device's own, smaller allowance, not the account's: a stranger guessing
passwords locks out unknown devices only, never the owner's own browser.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from typing import Any

from litestar import Request, Response

from tandem.core.config import Settings

DEVICE_COOKIE = "tandem_device"
DEVICE_BUCKET = "login-device"
_MAX_AGE = 365 * 24 * 3600


def _signature(secret: str, account: str, nonce: str) -> str:
    return hmac.new(secret.encode(), f"device|{account}|{nonce}".encode(), hashlib.sha256).hexdigest()


def known_device(request: Request[Any, Any, Any], settings: Settings, account: str) -> str | None:
    """The device's nonce when its cookie is valid for this account, else None (an unknown device)."""
    raw = request.cookies.get(DEVICE_COOKIE, "")
    if len(raw) > 200 or raw.count(".") != 1:
        return None
    nonce, signature = raw.split(".")
    if not nonce or not hmac.compare_digest(signature, _signature(settings.secret_key, account, nonce)):
        return None
    return nonce


def device_subject(account: str, nonce: str) -> str:
    return f"{account}|{nonce}"


def set_device_cookie(response: Response[Any], settings: Settings, account: str, nonce: str | None) -> None:
    nonce = nonce or secrets.token_urlsafe(16)
    response.set_cookie(
        key=DEVICE_COOKIE,
        value=f"{nonce}.{_signature(settings.secret_key, account, nonce)}",
        path="/api/v1/auth",
        max_age=_MAX_AGE,
        secure=settings.https,
        httponly=True,
        samesite="strict",
    )
