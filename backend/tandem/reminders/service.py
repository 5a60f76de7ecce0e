"""Each member's own gentle reminders, written into their own calendar feed as events with an alarm.

No push service: the reminder rings from the member's calendar app. The title is neutral ("Time for
you"), so a glance at a lock screen tells nobody what it is about. Off until the member adds one.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession

from tandem.access import reader
from tandem.access.export_scope import ExportScope
from tandem.access.membership import Member
from tandem.core.db import utcnow
from tandem.core.mapping import from_row
from tandem.reminders.models import Reminder, ReminderKind
from tandem.reminders.schemas import ReminderIn, ReminderOut, RemindersOut

NEUTRAL_TITLES = {ReminderKind.PRACTICE: "Time for you", ReminderKind.CHECKIN: "A moment for you"}
ICAL_DAYS = {1: "MO", 2: "TU", 3: "WE", 4: "TH", 5: "FR", 6: "SA", 7: "SU"}


def _out(row: Reminder) -> ReminderOut:
    return from_row(ReminderOut, row, weekdays=list(row.weekdays))


class ReminderService:
    def __init__(self, db: AsyncSession) -> None:
        self.db = db

    async def mine(self, member: Member) -> RemindersOut:
        rows = {row.kind: _out(row) for row in await self.db.scalars(reader.own(member, Reminder))}
        return RemindersOut(practice=rows.get(ReminderKind.PRACTICE), checkin=rows.get(ReminderKind.CHECKIN))

    async def set(self, member: Member, kind: ReminderKind, data: ReminderIn) -> ReminderOut:
        weekdays = sorted(set(data.weekdays))
        row = await self.db.scalar(reader.own(member, Reminder).where(Reminder.kind == kind).with_for_update())
        now = utcnow()
        if row is None:
            row = Reminder(
                space_id=member.space_id,
                author_id=member.user_id,
                kind=kind,
                at=data.at,
                weekdays=weekdays,
                created_at=now,
                updated_at=now,
            )
            self.db.add(row)
        else:
            row.at, row.weekdays, row.updated_at = data.at, weekdays, now
        await self.db.flush()
        return _out(row)

    async def turn_off(self, member: Member, kind: ReminderKind) -> None:
        """Off is off: turning off a reminder that is not on is fine too."""
        await self.db.execute(delete(Reminder).where(reader.own_rows(member, Reminder), Reminder.kind == kind))


async def reminder_events(db: AsyncSession, owner: Member) -> list[list[str]]:
    """The owner's reminders as iCalendar VEVENT lines (unfolded), for their own calendar feed only."""
    rows = await db.scalars(reader.own(owner, Reminder).order_by(Reminder.kind))
    events = []
    for row in rows:
        hour, minute = row.at.split(":")
        # Floating local time (no "Z", no zone): it rings at this hour on the member's own clock.
        start = f"{row.created_at.strftime('%Y%m%d')}T{hour}{minute}00"
        rule = (
            "RRULE:FREQ=WEEKLY;BYDAY=" + ",".join(ICAL_DAYS[d] for d in row.weekdays)
            if row.weekdays
            else "RRULE:FREQ=DAILY"
        )
        title = NEUTRAL_TITLES[row.kind]
        events.append(
            [
                "BEGIN:VEVENT",
                f"UID:reminder-{row.id}@tandem",
                f"DTSTAMP:{row.updated_at.strftime('%Y%m%dT%H%M%SZ')}",
                f"DTSTART:{start}",
                "DURATION:PT15M",
                rule,
                f"SUMMARY:{title}",
                "TRANSP:TRANSPARENT",
                "CLASS:PRIVATE",
                "BEGIN:VALARM",
                "ACTION:DISPLAY",
                f"DESCRIPTION:{title}",
                "TRIGGER:PT0M",
                "END:VALARM",
                "END:VEVENT",
            ]
        )
    return events


async def export_records(db: AsyncSession, scope: ExportScope) -> dict[str, Any]:
    rows = await db.scalars(reader.own(scope.members, Reminder).order_by(Reminder.created_at))
    return {
        "authored": [
            {
                "space_id": str(r.space_id),
                "kind": r.kind.value,
                "at": r.at,
                "weekdays": list(r.weekdays),
                "created_at": r.created_at.isoformat(),
                "updated_at": r.updated_at.isoformat(),
            }
            for r in rows
        ]
    }
