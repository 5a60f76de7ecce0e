from __future__ import annotations

import enum


class Role(enum.StrEnum):
    """The two roles in a space: the person doing the treatment and their partner."""

    PATIENT = "patient"
    PARTNER = "partner"

    @property
    def other(self) -> Role:
        return Role.PARTNER if self is Role.PATIENT else Role.PATIENT
