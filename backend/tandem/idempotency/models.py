from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, Integer, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from tandem.core.db import Base, IdMixin, utcnow


class IdempotentRequest(IdMixin, Base):
    """A write sent with an `Idempotency-Key`, and the first answer it got.

    The row is made before the write runs (the unique key is the reservation: a second request with the
    same key cannot start a second write) and holds the answer once the write has been committed. Only
    hashes of the key and of the request are kept; rows go after `RETENTION` (maintenance.py)."""

    __tablename__ = "idempotent_requests"
    __table_args__ = (UniqueConstraint("user_id", "key_hash"),)

    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    key_hash: Mapped[str] = mapped_column(String(64))
    request_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    # None while the first request is still running.
    status_code: Mapped[int | None] = mapped_column(Integer, default=None)
    content_type: Mapped[str | None] = mapped_column(String(100), default=None)
    body: Mapped[bytes | None] = mapped_column(LargeBinary, default=None)
