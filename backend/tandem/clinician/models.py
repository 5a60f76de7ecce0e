"""A clinician link and the times it was opened.

The link is the patient's own record (never visible to the partner). Only the SHA-256 of its
256-bit token is stored, and only an argon2id hash of the optional 6-digit code.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from tandem.access.policy import AuthoredRecord
from tandem.core.db import Base, IdMixin, utcnow


class ClinicianLink(IdMixin, AuthoredRecord, Base):
    __tablename__ = "clinician_links"

    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    code_hash: Mapped[str | None] = mapped_column(String(255), default=None)
    period_start: Mapped[date]
    period_end: Mapped[date]
    # The patient's time zone when the link was made: the report's days are the patient's days.
    time_zone: Mapped[str] = mapped_column(String(64))
    show_sessions: Mapped[bool] = mapped_column(default=False)
    show_charts: Mapped[bool] = mapped_column(default=False)
    show_goals: Mapped[bool] = mapped_column(default=False)
    expires_at: Mapped[datetime]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Wrong codes so far; at MAX_CODE_FAILURES the link locks for good (locked_at is set).
    code_failures: Mapped[int] = mapped_column(default=0)
    locked_at: Mapped[datetime | None] = mapped_column(default=None)


class ClinicianLinkOpening(IdMixin, Base):
    """One time the report was shown through a link: the time only, nothing about who opened it."""

    __tablename__ = "clinician_link_openings"
    __table_args__ = (Index("ix_clinician_link_openings_link_id_opened_at", "link_id", "opened_at"),)

    link_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("clinician_links.id", ondelete="CASCADE"))
    opened_at: Mapped[datetime] = mapped_column(default=utcnow)
