from __future__ import annotations

from typing import Annotated, Literal

import msgspec
from msgspec import Meta

from tandem.core.text import Password

# 4 to 8 digits. Validation messages never echo the value.
Pin = Annotated[str, Meta(pattern=r"^[0-9]{4,8}$")]
IdleMinutes = Annotated[int, Meta(ge=1, le=240)]
# Where quick exit goes: an ordinary web address only (never javascript: or data:).
ExitUrl = Annotated[str, Meta(max_length=500, pattern=r"^https?://[^\s\x00-\x1f<>\"']+$")]


class AppLockOut(msgspec.Struct):
    """Whether an app lock is set, its idle minutes and whether this session is locked.

    Readable while locked, so it says nothing about a decoy PIN."""

    set: bool
    idle_minutes: int
    locked: bool


class AppLockSet(msgspec.Struct, forbid_unknown_fields=True):
    pin: Pin
    password: Password
    idle_minutes: IdleMinutes = 5
    decoy_pin: Pin | None = None


class AppLockRemoval(msgspec.Struct, forbid_unknown_fields=True):
    password: Password


class PinEntry(msgspec.Struct, forbid_unknown_fields=True):
    pin: Pin


class UnlockOut(msgspec.Struct):
    # "exit": a decoy PIN ended the session; the app leaves for `destination` as quick exit does.
    outcome: Literal["unlocked", "exit"]
    destination: str | None = None


class QuickExitSettingsOut(msgspec.Struct):
    url: str | None
    signs_out: bool
    # Where quick exit goes when no address of your own is set.
    default_destination: str


class QuickExitSettingsIn(msgspec.Struct, forbid_unknown_fields=True):
    url: ExitUrl | None = None
    signs_out: bool = True


class QuickExitOut(msgspec.Struct):
    # What happened to this browser's session: locked (app lock set), ended (signed out) or kept.
    session: Literal["locked", "ended", "kept"]
    destination: str
