"""The member's sign-in factors in their data export: names and dates only, never a key or secret."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from tandem.access.export_scope import ExportScope
from tandem.factors.models import AuthFactor, RecoveryCode


async def export_records(db: AsyncSession, scope: ExportScope) -> dict[str, Any]:
    factors = await db.scalars(
        select(AuthFactor)
        .where(AuthFactor.user_id == scope.user_id, AuthFactor.confirmed.is_(True))
        .order_by(AuthFactor.created_at, AuthFactor.id)
    )
    unused = await db.scalar(
        select(func.count())
        .select_from(RecoveryCode)
        .where(RecoveryCode.user_id == scope.user_id, RecoveryCode.used_at.is_(None))
    )
    return {
        "authored": [
            {
                "id": str(f.id),
                "kind": f.kind.value,
                "name": f.name,
                "created_at": f.created_at.isoformat(),
                "last_used_at": f.last_used_at.isoformat() if f.last_used_at else None,
            }
            for f in factors
        ],
        "recovery_codes_left": int(unused or 0),
    }
