"""What a member's export holds of boundaries: their own (with history) and their partner's current ones."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from tandem.access import reader
from tandem.access.export_scope import ExportScope
from tandem.boundaries.models import Boundary, BoundaryChange, CustomActivity
from tandem.core.mapping import as_record


def _boundary(row: Boundary) -> dict[str, Any]:
    return as_record(row, ("space_id", "activity_id", "level", "updated_at"))


async def export_records(db: AsyncSession, scope: ExportScope) -> dict[str, Any]:
    own = await db.scalars(reader.own(scope.members, Boundary).order_by(Boundary.activity_id))
    history = await db.scalars(reader.own(scope.members, BoundaryChange).order_by(BoundaryChange.changed_at))
    custom = await db.scalars(reader.own(scope.members, CustomActivity).order_by(CustomActivity.created_at))
    partners = await db.scalars(reader.shared_with(scope.current, Boundary).order_by(Boundary.activity_id))
    partners_custom = await db.scalars(
        reader.shared_with(scope.current, CustomActivity).order_by(CustomActivity.created_at)
    )
    return {
        "boundaries": {
            "authored": [_boundary(r) for r in own],
            "history": [
                as_record(r, ("activity_id", "level", "previous_level", "changed_at", "checkin_id")) for r in history
            ],
            "shared_with_me": [_boundary(r) for r in partners],
        },
        "custom_activities": {
            "authored": [as_record(r, ("id", "space_id", "title", "note", "created_at")) for r in custom],
            # The partner's note is theirs alone: only the title is space content.
            "shared_with_me": [as_record(r, ("id", "title", "created_at")) for r in partners_custom],
        },
    }
