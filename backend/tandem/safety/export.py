"""The member's safety settings in their data export: what they chose, never a PIN hash."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from tandem.access.export_scope import ExportScope
from tandem.safety.models import SafetySettings


async def export_records(db: AsyncSession, scope: ExportScope) -> dict[str, Any]:
    row = await db.get(SafetySettings, scope.user_id)
    if row is None:
        return {"authored": None}
    return {
        "authored": {
            "app_lock_set": row.pin_hash is not None,
            # Whether a decoy PIN exists is left out on purpose: an export someone is pressed to
            # hand over must not give the decoy away (the app lock's GET does not tell either).
            "idle_minutes": row.idle_minutes,
            "quick_exit_url": row.quick_exit_url,
            "quick_exit_signs_out": row.quick_exit_signs_out,
            "updated_at": row.updated_at.isoformat(),
        }
    }
