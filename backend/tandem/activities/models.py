from __future__ import annotations

import enum

from sqlalchemy import Enum, String
from sqlalchemy.orm import Mapped, mapped_column

from tandem.core.db import Base


class ActivityKind(enum.StrEnum):
    PHYSICAL = "physical"
    NON_PHYSICAL = "non_physical"


ACTIVITY_KIND = Enum(
    ActivityKind, name="activity_kind", native_enum=False, length=16, values_callable=lambda e: [m.value for m in e]
)


class Activity(Base):
    """An intimate activity from the project's catalog: what boundaries are set on, what ideas involve."""

    __tablename__ = "activities"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    title: Mapped[str] = mapped_column(String(120))
    kind: Mapped[ActivityKind] = mapped_column(
        Enum(
            ActivityKind,
            name="activity_kind",
            native_enum=False,
            length=16,
            values_callable=lambda e: [m.value for m in e],
        )
    )
    involves_penetration: Mapped[bool] = mapped_column(default=False)
    position: Mapped[int]
    retired: Mapped[bool] = mapped_column(default=False)
