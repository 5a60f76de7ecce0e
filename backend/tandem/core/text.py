"""Constrained string types for request bodies: every text has a maximum and no control characters."""

from __future__ import annotations

from typing import Annotated

from msgspec import Meta

# Tab, newline and carriage return are fine in free text; NUL and other control characters are not
# (PostgreSQL refuses NUL, and none of them belong in anything a person types).
_NO_CONTROL_MULTILINE = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$"
NO_CONTROL_LINE = r"^[^\x00-\x1f\x7f]*$"


def line(min_length: int, max_length: int) -> Meta:
    return Meta(min_length=min_length, max_length=max_length, pattern=NO_CONTROL_LINE)


def paragraph(max_length: int) -> Meta:
    return Meta(max_length=max_length, pattern=_NO_CONTROL_MULTILINE)


Email = Annotated[str, Meta(min_length=3, max_length=254, pattern=r"^\s*[^@\s\x00-\x1f]+@[^@\s\x00-\x1f]+\s*$")]
# Length limits for passwords are checked in the service so the message can be specific.
Password = Annotated[str, Meta(max_length=1024, pattern=NO_CONTROL_LINE)]
# A new password: the lengths the service enforces, declared so clients see them (same wording either way).
NewPassword = Annotated[str, Meta(min_length=10, max_length=256, pattern=NO_CONTROL_LINE)]
DisplayName = Annotated[str, line(1, 60)]
SpaceName = Annotated[str, line(1, 80)]
# Any malformed token gets the same "can't be used" answer as an expired one, so only the size is checked.
Token = Annotated[str, Meta(min_length=1, max_length=256)]


def optional_text(text: str | None) -> str | None:
    """Free text as stored: trimmed, and None when nothing was written (never an empty string)."""
    stripped = (text or "").strip()
    return stripped or None
