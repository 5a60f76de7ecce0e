"""Export and erasure: the user's rights over everything Tandem holds about them."""

from __future__ import annotations

from typing import Any

from litestar.channels import ChannelsPlugin
from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from tandem.access.export_scope import ExportScope, export_scope
from tandem.access.identity import Caller
from tandem.accounts.models import AuthSession, User
from tandem.boundaries import export as boundaries_export
from tandem.checkins import export as checkins_export
from tandem.clinician import service as clinician_export
from tandem.core.db import checkpoint_sqlite, utcnow
from tandem.core.sealing import destroy_keys
from tandem.factors import export as factors_export
from tandem.ideas import service as ideas_export
from tandem.path import service as path_export
from tandem.plans import service as plans_export
from tandem.practice import service as practice_export
from tandem.privacy.schemas import (
    Export,
    ExportedAccount,
    ExportedInvitation,
    ExportedMembership,
    ExportedSession,
)
from tandem.prompts import export as prompts_export
from tandem.reminders import service as reminders_export
from tandem.safety import export as safety_export
from tandem.spaces.abandoned import drop_if_abandoned, spaces_written_in
from tandem.spaces.models import Invitation, Membership, Space
from tandem.spaces.service import SpaceService
from tandem.summaries import service as summaries_export

EXPORT_FORMAT = "tandem-export/1"


class PrivacyService:
    def __init__(self, db: AsyncSession, channels: ChannelsPlugin | None = None) -> None:
        self.db = db
        self.channels = channels

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
            records=await self._records(await export_scope(self.db, caller)),
        )

    async def _records(self, scope: ExportScope) -> dict[str, Any]:
        """Each feature's records: what the user authored, and separately what the partner made visible to them."""
        records: dict[str, Any] = {}
        for merged in (checkins_export, boundaries_export, prompts_export):
            records.update(await merged.export_records(self.db, scope))
        records["ideas"] = await ideas_export.export_records(self.db, scope)
        records["plans"] = await plans_export.export_records(self.db, scope)
        records["practice"] = await practice_export.export_records(self.db, scope)
        records["summaries"] = await summaries_export.export_records(self.db, scope)
        records["path"] = await path_export.export_records(self.db, scope)
        records["reminders"] = await reminders_export.export_records(self.db, scope)
        records["clinician_links"] = await clinician_export.export_records(self.db, scope)
        records["safety"] = await safety_export.export_records(self.db, scope)
        records["sign_in_factors"] = await factors_export.export_records(self.db, scope)
        return records

    async def erase(self, user: User) -> None:
        """Hard-delete the user and, through ON DELETE CASCADE, every row they authored."""
        spaces = SpaceService(self.db, self.channels)
        membership = await spaces.membership_of(user.id)
        if membership is not None:
            await spaces.leave(membership)
        written_in = await spaces_written_in(self.db, user.id)
        await self.db.execute(delete(User).where(User.id == user.id))
        # Crypto-shredding: without the data key, the person's words in every earlier copy stay unreadable.
        await destroy_keys(self.db, [user.id])
        await self.db.flush()
        for space_id in sorted(written_in):
            await drop_if_abandoned(self.db, space_id)
        engine = self.db.bind
        if isinstance(engine, AsyncEngine) and engine.dialect.name == "sqlite":
            # secure_delete zeroes freed pages; checkpointing the WAL removes the old copies there too.
            await self.db.commit()
            await checkpoint_sqlite(engine)
