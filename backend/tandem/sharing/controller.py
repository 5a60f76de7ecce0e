from __future__ import annotations

from litestar import Controller, get, post
from litestar.channels import ChannelsPlugin
from litestar.di import NamedDependency
from litestar.params import JSONBody
from sqlalchemy.ext.asyncio import AsyncSession

from tandem.access.membership import Member
from tandem.core.errors import MEMBER_READ, MEMBER_WRITE, problems
from tandem.factors.stepup import STEP_UP_REQUIRED
from tandem.sharing.schemas import SharedByMe, StopSharingIn, StopSharingOut
from tandem.sharing.service import shared_by, stop_sharing


class SharingController(Controller):
    path = "/api/v1/spaces/{space_id:uuid}"
    tags = ["sharing"]

    @get("/shared-by-me", operation_id="sharedByMe", responses=problems(*MEMBER_READ))
    async def overview(self, member: NamedDependency[Member], db_session: NamedDependency[AsyncSession]) -> SharedByMe:
        """Everything you share with your partner right now, grouped by kind; nothing of theirs."""
        return await shared_by(db_session, member)

    @post(
        "/stop-sharing",
        operation_id="stopSharing",
        responses=problems(*MEMBER_WRITE),
        status_code=200,
        opt=STEP_UP_REQUIRED,
    )
    async def stop(
        self,
        member: NamedDependency[Member],
        db_session: NamedDependency[AsyncSession],
        channels: NamedDependency[ChannelsPlugin],
        data: JSONBody[StopSharingIn],
    ) -> StopSharingOut:
        """Stop sharing everything at once: unshare check-ins and reflections, withdraw summaries, call off
        open reveal rounds (your unrevealed answers are deleted), end your other sessions, turn off your
        calendar feed address; optionally clear your boundaries to "ask me first" and leave the space.
        Idempotent: a second call stops nothing and answers zero counts."""
        return await stop_sharing(db_session, channels, member, data)
