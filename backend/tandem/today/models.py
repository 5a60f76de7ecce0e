from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import ForeignKey
from sqlalchemy.orm import Mapped, mapped_column

from tandem.core.db import Base, enum_column, utcnow
from tandem.prompts.models import PromptDepth


class TodaySetting(Base):
    """How deep the couple's daily question may go. Shared by nature, like their favourites: either may change it.

    No row means the gentlest depth first.
    """

    __tablename__ = "today_settings"

    space_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("spaces.id", ondelete="CASCADE"), primary_key=True)
    depth: Mapped[PromptDepth] = mapped_column(enum_column(PromptDepth, "today_depth"))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
