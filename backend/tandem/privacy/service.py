"""Export and erasure: the user's rights over everything Tandem holds about them."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from tandem.access.identity import Caller
from tandem.access.membership import Member
from tandem.accounts.models import AuthSession, User
from tandem.boundaries.export import export_boundaries
from tandem.checkins.export import export_checkins
from tandem.core.db import checkpoint_sqlite, utcnow
from tandem.ideas.service import export_idea_records
from tandem.path.service import export_path
from tandem.plans.service import export_plan_records
from tandem.practice.service import export_practice
from tandem.privacy.schemas import (
    Export,
    ExportedAccount,
    ExportedInvitation,
    ExportedMembership,
    ExportedSession,
)
from tandem.prompts.export import export_prompts
from tandem.spaces.models import Invitation, Membership, Space
from tandem.spaces.service import SpaceService
from tandem.summaries.service import export_summaries

EXPORT_FORMAT = "tandem-export/1"


class PrivacyService:
    def __init__(self, db: AsyncSession) -> None:
        self.db = db

    async def export(self, caller: Caller) -> Export:
        user = caller.user
        sessions = await self.db.scalars(select(AuthSession).where(AuthSession.user_id == user.id))
        membership_row = (
            await self.db.execute(
                select(Membership, Space.name)
                .join(Space, Space.id == Membership.space_id)
                .where(Membership.user_id == user.id)
            )
        ).first()
        invitations = await self.db.scalars(
            select(Invitation).where(Invitation.created_by == user.id).order_by(Invitation.created_at)
        )
        membership = None
        if membership_row is not None:
            m, space_name = membership_row
            membership = ExportedMembership(
                space_id=m.space_id, space_name=space_name, role=m.role, joined_at=m.joined_at
            )
        return Export(
            format=EXPORT_FORMAT,
            exported_at=utcnow(),
            account=ExportedAccount(
                id=user.id,
                email=user.email,
                display_name=user.display_name,
                created_at=user.created_at,
                health_data_consent_at=user.health_data_consent_at,
            ),
            sessions=[
                ExportedSession(
                    id=s.id,
                    device=s.device,
                    created_at=s.created_at,
                    last_seen_at=s.last_seen_at,
                    expires_at=s.expires_at,
                )
                for s in sessions
            ],
            membership=membership,
            invitations_created=[
                ExportedInvitation(
                    id=i.id,
                    space_id=i.space_id,
                    role=i.role,
                    created_at=i.created_at,
                    expires_at=i.expires_at,
                    used_at=i.used_at,
                    revoked_at=i.revoked_at,
                )
                for i in invitations
            ],
            records=await self._records(caller, membership_row[0] if membership_row else None),
        )

    async def _records(self, caller: Caller, membership: Membership | None) -> dict[str, Any]:
        """Each feature's records: what the user authored, and separately what the partner made visible to them."""
        viewer = None
        if membership is not None:
            partner = await self.db.scalar(
                select(Membership.user_id).where(
                    Membership.space_id == membership.space_id, Membership.user_id != caller.user.id
                )
            )
            viewer = Member(caller=caller, membership=membership, partner_user_id=partner)
        records: dict[str, Any] = {}
        for export in (export_checkins, export_boundaries, export_prompts):
            records.update(await export(self.db, caller.user.id, viewer))
        records["ideas"] = await export_idea_records(self.db, caller.user.id)
        records["plans"] = await export_plan_records(self.db, caller.user.id)
        records["practice"] = await export_practice(self.db, caller.user.id)
        records["summaries"] = await export_summaries(self.db, caller.user.id, viewer)
        records["path"] = await export_path(self.db, caller.user.id)
        return records

    async def erase(self, user: User) -> None:
        """Hard-delete the user and, through ON DELETE CASCADE, every row they authored."""
        membership = await SpaceService(self.db).membership_of(user.id)
        if membership is not None:
            await SpaceService(self.db).leave(membership)
        await self.db.execute(delete(User).where(User.id == user.id))
        await self.db.flush()
        engine = self.db.bind
        if isinstance(engine, AsyncEngine) and engine.dialect.name == "sqlite":
            # secure_delete zeroes freed pages; checkpointing the WAL removes the old copies there too.
            await self.db.commit()
            await checkpoint_sqlite(engine)
