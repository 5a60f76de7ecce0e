from __future__ import annotations

from litestar import Controller, get, put
from litestar.channels import ChannelsPlugin
from litestar.di import NamedDependency, Provide
from litestar.params import JSONBody
from sqlalchemy.ext.asyncio import AsyncSession

from tandem.access.membership import Member
from tandem.core.errors import MEMBER_READ, MEMBER_WRITE, problems
from tandem.today.schemas import TodayDepthIn, TodayOut
from tandem.today.service import TodayService


def provide_today(db_session: NamedDependency[AsyncSession], channels: NamedDependency[ChannelsPlugin]) -> TodayService:
    return TodayService(db_session, channels)


class TodayController(Controller):
    path = "/api/v1/spaces/{space_id:uuid}/today"
    tags = ["today"]
    dependencies = {"today": Provide(provide_today, sync_to_thread=False)}

    @get("", operation_id="getToday", responses=problems(*MEMBER_READ))
    async def get_today(self, member: NamedDependency[Member], today: NamedDependency[TodayService]) -> TodayOut:
        """A question for today: the same prompt for both of you all day, answered apart and revealed together.

        Skipping it is fine: nothing is counted, and tomorrow brings another.
        """
        return await today.today(member)

    @put("/depth", operation_id="setTodayDepth", responses=problems(*MEMBER_WRITE))
    async def set_depth(
        self, member: NamedDependency[Member], today: NamedDependency[TodayService], data: JSONBody[TodayDepthIn]
    ) -> TodayOut:
        """How deep the daily question may go, for you both: gentlest first ("light") unless you choose deeper."""
        return await today.set_depth(member, data.depth)
