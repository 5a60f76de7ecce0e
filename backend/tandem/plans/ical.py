"""A small RFC 5545 writer for the calendar feed (text escaping, line folding, UTC times)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

NEUTRAL_TITLE = "Time together"
FLEXIBLE_SUFFIX = " (sometime this week)"


@dataclass(frozen=True, slots=True)
class Event:
    uid: str
    title: str
    starts_at: datetime
    ends_at: datetime
    all_week: bool
    confirmed: bool
    stamp: datetime


def escape_text(value: str) -> str:
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space, never inside a character."""
    encoded = line.encode()
    if len(encoded) <= 75:
        return line
    parts: list[str] = []
    current = ""
    size = 0
    limit = 75
    for char in line:
        width = len(char.encode())
        if size + width > limit:
            parts.append(current)
            current, size, limit = "", 0, 74  # continuation lines start with one space
        current += char
        size += width
    parts.append(current)
    return "\r\n ".join(parts)


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _date(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%d")


def _event_lines(event: Event) -> list[str]:
    lines = ["BEGIN:VEVENT", f"UID:{event.uid}", f"DTSTAMP:{_utc(event.stamp)}"]
    if event.all_week:
        start = event.starts_at.astimezone(UTC)
        end = max(event.ends_at.astimezone(UTC), start + timedelta(days=1))
        lines += [f"DTSTART;VALUE=DATE:{_date(start)}", f"DTEND;VALUE=DATE:{_date(end)}", "TRANSP:TRANSPARENT"]
    else:
        lines += [f"DTSTART:{_utc(event.starts_at)}", f"DTEND:{_utc(event.ends_at)}", "TRANSP:OPAQUE"]
    lines += [
        f"SUMMARY:{escape_text(event.title)}",
        f"STATUS:{'CONFIRMED' if event.confirmed else 'TENTATIVE'}",
        "CLASS:PRIVATE",
        "END:VEVENT",
    ]
    return lines


def calendar(events: Iterable[Event], more: Iterable[list[str]] = ()) -> str:
    """The feed: plans as events, then `more` ready-made VEVENT blocks (the owner's reminders)."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Tandem//Plans//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:Tandem",
    ]
    for event in events:
        lines += _event_lines(event)
    for block in more:
        lines += block
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
