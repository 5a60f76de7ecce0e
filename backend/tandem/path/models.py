from __future__ import annotations

import enum
import uuid
from datetime import datetime

from sqlalchemy import JSON, Enum, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from tandem.access.policy import AuthoredRecord
from tandem.core.db import Base, IdMixin, utcnow


class Readiness(enum.StrEnum):
    READY = "ready"
    NOT_YET = "not_yet"


READINESS = Enum(
    Readiness, name="path_readiness", native_enum=False, length=16, values_callable=lambda e: [m.value for m in e]
)


class PathStage(Base):
    """One stage of the path (content as data, synchronised from path/data/stages.yaml)."""

    __tablename__ = "path_stages"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    title: Mapped[str] = mapped_column(String(120))
    summary: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text)
    includes: Mapped[list[str]] = mapped_column(JSON)
    excludes: Mapped[list[str]] = mapped_column(JSON)
    guides: Mapped[list[str]] = mapped_column(JSON)
    prompts: Mapped[list[str]] = mapped_column(JSON)
    ideas: Mapped[list[str]] = mapped_column(JSON)
    position: Mapped[int]
    retired: Mapped[bool] = mapped_column(default=False)


class PathChoice(IdMixin, AuthoredRecord, Base):
    """A member's private choices: whether they turned the path on, and whether they feel ready to move on.

    Never visible to the partner (the default of AuthoredRecord). Only two facts derived from both
    members' rows ever reach anyone: "both turned it on" and "both are ready", in `PathService`.
    """

    __tablename__ = "path_choices"
    __table_args__ = (UniqueConstraint("space_id", "author_id"),)

    turned_on: Mapped[bool] = mapped_column(default=False)
    readiness: Mapped[Readiness | None] = mapped_column(READINESS, default=None)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class PathProgress(Base):
    """Where the couple is on the path. No time is ever shown from it (no days in stage, no countdown)."""

    __tablename__ = "path_progress"

    space_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("spaces.id", ondelete="CASCADE"), primary_key=True)
    stage_id: Mapped[str] = mapped_column(ForeignKey("path_stages.id"))
    changed_at: Mapped[datetime] = mapped_column(default=utcnow)
