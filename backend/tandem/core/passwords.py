"""Argon2id password hashing, off the event loop, with a bounded number of hashes at once."""

from __future__ import annotations

import base64
import dataclasses
import gzip
import os
import secrets
from functools import cache
from importlib import resources

import anyio
from argon2 import Parameters, PasswordHasher, profiles
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


# argon2id with one lane (p=1): a hash keeps one core busy, not four, so a burst of sign-ins cannot take
# every core from the requests being served. Memory stays at RFC 9106's low-memory 64 MiB and t=2, above
# OWASP's current minimum for argon2id (m=19 MiB, t=2, p=1). Older hashes (t=3, p=4) verify as before and
# are re-hashed with these at the next sign-in.
PRODUCTION_PARAMETERS = dataclasses.replace(profiles.RFC_9106_LOW_MEMORY, time_cost=2, parallelism=1)


def unmatchable_hash(parameters: Parameters) -> str:
    """A well-formed argon2id hash with these parameters that no password matches (random salt and
    digest): verifying against it does all the work of a real verification. Written out rather than
    computed, so start-up does not spend a whole hash on it."""

    def b64(n: int) -> str:
        return base64.b64encode(secrets.token_bytes(n)).decode().rstrip("=")

    p = parameters
    return (
        f"$argon2id$v={p.version}$m={p.memory_cost},t={p.time_cost},p={p.parallelism}"
        f"${b64(p.salt_len)}${b64(p.hash_len)}"
    )


def hashing_slots() -> int:
    """Hashes at once: one per core, less one core left for the event loop (at least one)."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, cores - 1)


class PasswordService:
    """Hashing costs 64 MiB and a core for about 100 ms each, so it runs in worker threads, at most one
    per core at a time (the others wait their turn, off the event loop)."""

    def __init__(self, profile: PasswordProfile, concurrency: int | None = None) -> None:
        parameters = profiles.CHEAPEST if profile == "cheapest" else PRODUCTION_PARAMETERS
        self._hasher = PasswordHasher.from_parameters(parameters)
        self._limiter = anyio.CapacityLimiter(concurrency or hashing_slots())
        # An unknown email is verified against this, so it costs the same as a wrong password.
        self._dummy_hash = unmatchable_hash(parameters)

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
