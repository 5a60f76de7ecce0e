"""What a member's export holds of boundaries: their own (with history) and their partner's current ones."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from tandem.access.membership import Member
from tandem.access.policy import readable_by
from tandem.boundaries.models import Boundary, BoundaryChange, CustomActivity


def _boundary(row: Boundary) -> dict[str, Any]:
    return {"space_id": row.space_id, "activity_id": row.activity_id, "level": row.level, "updated_at": row.updated_at}


async def export_boundaries(db: AsyncSession, user_id: uuid.UUID, viewer: Member | None) -> dict[str, Any]:
    own = await db.scalars(select(Boundary).where(Boundary.author_id == user_id).order_by(Boundary.activity_id))
    history = await db.scalars(
        select(BoundaryChange).where(BoundaryChange.author_id == user_id).order_by(BoundaryChange.changed_at)
    )
    custom = await db.scalars(
        select(CustomActivity).where(CustomActivity.author_id == user_id).order_by(CustomActivity.created_at)
    )
    partners: list[Boundary] = []
    partners_custom: list[CustomActivity] = []
    if viewer is not None:
        partners = list(
            await db.scalars(
                select(Boundary)
                .where(readable_by(viewer, Boundary), Boundary.author_id != user_id)
                .order_by(Boundary.activity_id)
            )
        )
        partners_custom = list(
            await db.scalars(
                select(CustomActivity)
                .where(readable_by(viewer, CustomActivity), CustomActivity.author_id != user_id)
                .order_by(CustomActivity.created_at)
            )
        )
    return {
        "boundaries": {
            "authored": [_boundary(r) for r in own],
            "history": [
                {
                    "activity_id": r.activity_id,
                    "level": r.level,
                    "previous_level": r.previous_level,
                    "changed_at": r.changed_at,
                    "checkin_id": r.checkin_id,
                }
                for r in history
            ],
            "shared_with_me": [_boundary(r) for r in partners],
        },
        "custom_activities": {
            "authored": [
                {"id": r.id, "space_id": r.space_id, "title": r.title, "note": r.note, "created_at": r.created_at}
                for r in custom
            ],
            # The partner's note is theirs alone: only the title is space content.
            "shared_with_me": [{"id": r.id, "title": r.title, "created_at": r.created_at} for r in partners_custom],
        },
    }
