"""What a member's export holds of check-ins: everything they wrote, and what their partner shared with them."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from tandem.access import reader
from tandem.access.export_scope import ExportScope
from tandem.checkins.models import Acknowledgement, CheckIn
from tandem.core.mapping import as_record

CHECKIN_FIELDS = (
    "id",
    "space_id",
    "created_at",
    "mood",
    "feelings",
    "own_words",
    "closeness",
    "help_from_you",
    "note",
    "visibility",
)
ACKNOWLEDGEMENT_FIELDS = ("checkin_id", "kind", "reply", "created_at", "updated_at")


def _checkin(row: CheckIn) -> dict[str, Any]:
    return as_record(row, CHECKIN_FIELDS, together=row.round_id is not None)


def _acknowledgement(row: Acknowledgement) -> dict[str, Any]:
    return as_record(row, ACKNOWLEDGEMENT_FIELDS)


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
