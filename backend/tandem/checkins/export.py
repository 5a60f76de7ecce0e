"""What a member's export holds of check-ins: everything they wrote, and what their partner shared with them."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from tandem.access import reader
from tandem.access.export_scope import ExportScope
from tandem.checkins.models import Acknowledgement, CheckIn


def _checkin(row: CheckIn) -> dict[str, Any]:
    return {
        "id": row.id,
        "space_id": row.space_id,
        "created_at": row.created_at,
        "mood": row.mood,
        "feelings": list(row.feelings),
        "own_words": list(row.own_words),
        "closeness": row.closeness,
        "help_from_you": row.help_from_you,
        "note": row.note,
        "visibility": row.visibility,
        "together": row.round_id is not None,
    }


def _acknowledgement(row: Acknowledgement) -> dict[str, Any]:
    return {
        "checkin_id": row.checkin_id,
        "kind": row.kind,
        "reply": row.reply,
        "created_at": row.created_at,
        "updated_at": row.updated_at,
    }


async def export_records(db: AsyncSession, scope: ExportScope) -> dict[str, Any]:
    own = await db.scalars(reader.own(scope.members, CheckIn).order_by(CheckIn.created_at))
    acknowledged = await db.scalars(reader.own(scope.members, Acknowledgement).order_by(Acknowledgement.created_at))
    shared = await db.scalars(reader.shared_with(scope.current, CheckIn).order_by(CheckIn.created_at))
    received = await db.scalars(
        reader.shared_with(scope.current, Acknowledgement)
        .join(CheckIn, CheckIn.id == Acknowledgement.checkin_id)
        .where(CheckIn.author_id == scope.user_id)
        .order_by(Acknowledgement.created_at)
    )
    return {
        "checkins": {
            "authored": [_checkin(r) for r in own],
            "shared_with_me": [_checkin(r) for r in shared],
        },
        "checkin_acknowledgements": {
            "authored": [_acknowledgement(r) for r in acknowledged],
            "received": [_acknowledgement(r) for r in received],
        },
    }
