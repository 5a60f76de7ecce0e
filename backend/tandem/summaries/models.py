"""Progress summaries, their lines, and the partner's reactions (from a fixed catalog)."""

from __future__ import annotations

import enum
import uuid
from datetime import date, datetime
from typing import ClassVar

from sqlalchemy import ColumnElement, ForeignKey, Index, String, Text, UniqueConstraint, true
from sqlalchemy.orm import Mapped, Session, mapped_column
from sqlalchemy.orm.util import identity_key

from tandem.access.policy import AuthoredRecord
from tandem.core.db import Base, IdMixin, enum_column, utcnow
from tandem.core.sealing import Sealed


class SummaryStatus(enum.StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"
    WITHDRAWN = "withdrawn"


class Summary(IdMixin, AuthoredRecord, Base):
    """A progress summary. The partner may read it only while it is published."""

    __tablename__ = "progress_summaries"
    # Matches the visibility filter (space, author) and the list order.
    __table_args__ = (Index("ix_progress_summaries_space_author_created_at", "space_id", "author_id", "created_at"),)
    __sealed__: ClassVar[Sealed] = Sealed(text=("message",))

    period_start: Mapped[date]
    period_end: Mapped[date]
    status: Mapped[SummaryStatus] = mapped_column(
        enum_column(SummaryStatus, "summary_status"),
        default=SummaryStatus.DRAFT,
    )
    message: Mapped[str | None] = mapped_column(Text, default=None)
    # 0 until first published; every publication and every edit while published is a new version.
    version: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    published_at: Mapped[datetime | None] = mapped_column(default=None)
    withdrawn_at: Mapped[datetime | None] = mapped_column(default=None)

    @classmethod
    def partner_visibility(cls) -> ColumnElement[bool]:
        return cls.status == SummaryStatus.PUBLISHED


class SummaryLine(IdMixin, Base):
    """One drafted line of a summary. Read only through its summary; the partner sees included lines
    of published summaries and nothing else."""

    __tablename__ = "progress_summary_lines"
    # A line is its summary's author's words.
    __sealed__: ClassVar[Sealed] = Sealed(
        text=("text",), owner_lookup=lambda line, session: _summary_author(line, session)
    )

    summary_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("progress_summaries.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    # What the line is about ("practice_days", "sizes", "pain:<size id>", "goal:<goal id>", ...).
    topic: Mapped[str] = mapped_column(String(80))
    text: Mapped[str] = mapped_column(Text)
    included: Mapped[bool] = mapped_column(default=False)  # nothing shared unless ticked


class ReactionKind(Base):
    """The fixed set of supportive reactions (catalog: summaries/data/reactions.yaml)."""

    __tablename__ = "reaction_kinds"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    text: Mapped[str] = mapped_column(String(80))
    position: Mapped[int]
    retired: Mapped[bool] = mapped_column(default=False)


class SummaryReaction(IdMixin, AuthoredRecord, Base):
    """The partner's acknowledgement of a summary. Addressed to the patient, so always visible to them."""

    __tablename__ = "summary_reactions"
    __table_args__ = (UniqueConstraint("summary_id", "author_id"),)

    # The partner's words outlive the summary they answered: NULL once the summary is deleted, exactly
    # as a withdrawn one no longer links (the reaction stays in its author's export either way).
    summary_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("progress_summaries.id", ondelete="SET NULL"), index=True
    )
    kind_id: Mapped[str] = mapped_column(ForeignKey("reaction_kinds.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    @classmethod
    def partner_visibility(cls) -> ColumnElement[bool]:
        return true()


def _summary_author(line: SummaryLine, session: Session) -> uuid.UUID | None:
    """A line is written only next to its summary, which the service has loaded (through the reader)
    into the same session: its author is found there, never by a query of its own."""
    loaded = identity_key(Summary, line.summary_id)  # the identity map only: no SELECT here
    summary = session.identity_map.get(loaded)
    return summary.author_id if isinstance(summary, Summary) else None
