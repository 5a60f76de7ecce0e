"""The journal's tables. Every one is an AuthoredRecord that stays private (the mixin's default)."""

from __future__ import annotations

import enum
import uuid
from datetime import datetime
from typing import ClassVar

from sqlalchemy import ForeignKey, Index, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from tandem.access.policy import AuthoredRecord
from tandem.core.db import Base, IdMixin, enum_column, utcnow
from tandem.core.sealing import Sealed


class PracticeKind(enum.StrEnum):
    DILATOR = "dilator"
    BREATHING = "breathing"
    PELVIC_FLOOR_RELEASE = "pelvic_floor_release"
    MINDFULNESS = "mindfulness"
    STRETCHING = "stretching"


class Depth(enum.StrEnum):
    """How far the dilator went."""

    TIP = "tip"
    PARTLY = "partly"
    FULLY = "fully"


class GoalStatus(enum.StrEnum):
    WORKING_ON = "working_on"
    REACHED = "reached"
    SET_ASIDE = "set_aside"


class DilatorSize(IdMixin, AuthoredRecord, Base):
    """One size of the patient's own set. A size no longer in the set is retired, never deleted,
    so past entries keep their label."""

    __tablename__ = "dilator_sizes"
    __sealed__: ClassVar[Sealed] = Sealed(text=("label",))

    label: Mapped[str] = mapped_column(Text)
    position: Mapped[int]
    retired: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class PracticeEntry(IdMixin, AuthoredRecord, Base):
    """One logged practice: dilator, breathing, pelvic-floor release, mindfulness or stretching."""

    __tablename__ = "practice_entries"
    # Matches the visibility filter (space, author) and the list order.
    __table_args__ = (Index("ix_practice_entries_space_author_practised_at", "space_id", "author_id", "practised_at"),)
    __sealed__: ClassVar[Sealed] = Sealed(text=("note",))

    kind: Mapped[PracticeKind] = mapped_column(enum_column(PracticeKind, "practice_kind", 24))
    practised_at: Mapped[datetime] = mapped_column(index=True)
    minutes: Mapped[int]
    # Only for dilator entries. SET NULL matters only while an account is being erased.
    size_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("dilator_sizes.id", ondelete="SET NULL"), index=True, default=None
    )
    depth: Mapped[Depth | None] = mapped_column(enum_column(Depth, "practice_depth", 24), default=None)
    pain: Mapped[int | None] = mapped_column(default=None)
    anxiety: Mapped[int | None] = mapped_column(default=None)
    note: Mapped[str | None] = mapped_column(Text, default=None)
    guided: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class PracticeSettings(IdMixin, AuthoredRecord, Base):
    """The patient's own choices: the readiness hint (on/off, thresholds) and the breathing pacer.

    Where the clinician plan sets a value, the plan's value is used instead (see progress.effective_rule).
    """

    __tablename__ = "practice_settings"
    __table_args__ = (UniqueConstraint("space_id", "author_id"),)

    hint_enabled: Mapped[bool] = mapped_column(default=False)  # off until the patient turns it on
    hint_sessions: Mapped[int] = mapped_column(default=3)
    hint_min_minutes: Mapped[int] = mapped_column(default=5)
    hint_max_pain: Mapped[int] = mapped_column(default=2)
    hint_max_anxiety: Mapped[int] = mapped_column(default=3)
    inhale_seconds: Mapped[int] = mapped_column(default=4)
    exhale_seconds: Mapped[int] = mapped_column(default=6)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class ClinicianPlan(IdMixin, AuthoredRecord, Base):
    """What the patient's clinician or physiotherapist asked for. Every value is optional."""

    __tablename__ = "clinician_plans"
    __table_args__ = (UniqueConstraint("space_id", "author_id"),)
    __sealed__: ClassVar[Sealed] = Sealed(text=("notes",))

    hold_min_minutes: Mapped[int | None] = mapped_column(default=None)
    hold_max_minutes: Mapped[int | None] = mapped_column(default=None)
    sessions_per_week: Mapped[int | None] = mapped_column(default=None)
    size_up_sessions: Mapped[int | None] = mapped_column(default=None)
    size_up_min_minutes: Mapped[int | None] = mapped_column(default=None)
    size_up_max_pain: Mapped[int | None] = mapped_column(default=None)
    size_up_max_anxiety: Mapped[int | None] = mapped_column(default=None)
    notes: Mapped[str | None] = mapped_column(Text, default=None)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class Goal(IdMixin, AuthoredRecord, Base):
    """A personal goal in the patient's own words."""

    __tablename__ = "practice_goals"
    __sealed__: ClassVar[Sealed] = Sealed(text=("title",))

    title: Mapped[str] = mapped_column(Text)
    status: Mapped[GoalStatus] = mapped_column(
        enum_column(GoalStatus, "goal_status", 24), default=GoalStatus.WORKING_ON
    )
    position: Mapped[int] = mapped_column(default=0)
    reached_at: Mapped[datetime | None] = mapped_column(default=None)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
