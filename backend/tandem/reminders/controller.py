from __future__ import annotations

from litestar import Controller, delete, get, put
from litestar.di import NamedDependency
from litestar.exceptions import NotFoundException
from litestar.params import FromPath, JSONBody
from litestar.status_codes import HTTP_204_NO_CONTENT
from sqlalchemy.ext.asyncio import AsyncSession

from tandem.access.membership import Member
from tandem.core.errors import MEMBER_READ, MEMBER_WRITE, problems
from tandem.reminders.models import ReminderKind
from tandem.reminders.schemas import ReminderIn, ReminderOut, RemindersOut
from tandem.reminders.service import ReminderService


def _kind(value: str) -> ReminderKind:
    try:
        return ReminderKind(value)
    except ValueError:
        raise NotFoundException() from None


class ReminderController(Controller):
    path = "/api/v1/spaces/{space_id:uuid}/reminders"
    tags = ["reminders"]

    @get("", operation_id="listMyReminders", responses=problems(*MEMBER_READ))
    async def mine(self, member: NamedDependency[Member], db_session: NamedDependency[AsyncSession]) -> RemindersOut:
        """Your own reminders. They ring from your calendar feed, titled neutrally; your partner never sees them."""
        return await ReminderService(db_session).mine(member)

    @put("/{reminder_kind:str}", operation_id="setReminder", responses=problems(*MEMBER_WRITE))
    async def set_reminder(
        self,
        member: NamedDependency[Member],
        db_session: NamedDependency[AsyncSession],
        reminder_kind: FromPath[str],
        data: JSONBody[ReminderIn],
    ) -> ReminderOut:
        """Add (or change) a daily or weekday reminder at a time on your own clock, in your calendar feed."""
        return await ReminderService(db_session).set(member, _kind(reminder_kind), data)

    @delete(
        "/{reminder_kind:str}",
        operation_id="turnOffReminder",
        responses=problems(*MEMBER_WRITE),
        status_code=HTTP_204_NO_CONTENT,
    )
    async def turn_off(
        self, member: NamedDependency[Member], db_session: NamedDependency[AsyncSession], reminder_kind: FromPath[str]
    ) -> None:
        """Turn the reminder off: it leaves your calendar feed at its next refresh."""
        await ReminderService(db_session).turn_off(member, _kind(reminder_kind))
