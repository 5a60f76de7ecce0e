"""Argon2id password hashing, off the event loop, with a bounded number of hashes at once."""

from __future__ import annotations

import gzip
import secrets
from functools import cache
from importlib import resources

import anyio
from argon2 import PasswordHasher, profiles
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from tandem.core.config import PasswordProfile

MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 256


@cache
def common_passwords() -> frozenset[str]:
    """About 20,000 of the most used passwords (the list Django ships, BSD licence)."""
    raw = resources.files("tandem.core").joinpath("data/common-passwords.txt.gz").read_bytes()
    return frozenset(gzip.decompress(raw).decode().split())


def password_problem(password: str, *, email: str = "", display_name: str = "") -> str | None:
    """Why a new password is refused, in words a person can act on, or None when it is fine."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return f"Use at least {MIN_PASSWORD_LENGTH} characters."
    if len(password) > MAX_PASSWORD_LENGTH:
        return f"Use at most {MAX_PASSWORD_LENGTH} characters."
    folded = password.casefold()
    if folded in common_passwords():
        return "This password is too common. Try a longer phrase that is yours."
    if email and folded == email.casefold():
        return "Your password can't be your email address."
    if display_name and folded == display_name.casefold():
        return "Your password can't be your name."
    return None


class PasswordService:
    """Hashing costs about 64 MiB and 100 ms each, so it runs in worker threads, a few at a time."""

    def __init__(self, profile: PasswordProfile, concurrency: int = 4) -> None:
        parameters = profiles.CHEAPEST if profile == "cheapest" else profiles.RFC_9106_LOW_MEMORY
        self._hasher = PasswordHasher.from_parameters(parameters)
        self._limiter = anyio.CapacityLimiter(concurrency)
        # Made at start-up so an unknown email costs the same verification as a wrong password.
        self._dummy_hash = self._hasher.hash(secrets.token_urlsafe(24))

    async def hash(self, password: str) -> str:
        return await anyio.to_thread.run_sync(self._hasher.hash, password, limiter=self._limiter)

    async def verify(self, stored_hash: str | None, password: str) -> bool:
        target = stored_hash or self._dummy_hash
        ok = await anyio.to_thread.run_sync(self._verify_sync, target, password, limiter=self._limiter)
        return ok and stored_hash is not None

    def needs_rehash(self, stored_hash: str) -> bool:
        return self._hasher.check_needs_rehash(stored_hash)

    def _verify_sync(self, stored_hash: str, password: str) -> bool:
        try:
            return self._hasher.verify(stored_hash, password)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return False
