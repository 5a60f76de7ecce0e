from __future__ import annotations

import enum

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from tandem.core.db import Base, enum_column


class ActivityKind(enum.StrEnum):
    PHYSICAL = "physical"
    NON_PHYSICAL = "non_physical"


ACTIVITY_KIND = enum_column(ActivityKind, "activity_kind")


class Activity(Base):
    """An intimate activity from the project's catalog: what boundaries are set on, what ideas involve."""

    __tablename__ = "activities"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    title: Mapped[str] = mapped_column(String(120))
    kind: Mapped[ActivityKind] = mapped_column(enum_column(ActivityKind, "activity_kind"))
    involves_penetration: Mapped[bool] = mapped_column(default=False)
    position: Mapped[int]
    retired: Mapped[bool] = mapped_column(default=False)
