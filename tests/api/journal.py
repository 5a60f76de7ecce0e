"""Helpers for the practice journal and summaries tests: build a journal through the API."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from .people import Person


def practice(space_id: str, rest: str = "") -> str:
    return f"/api/v1/spaces/{space_id}/practice{rest}"


def shared(space_id: str, rest: str = "") -> str:
    return f"/api/v1/spaces/{space_id}/summaries{rest}"


def ago(days: float = 0, hours: float = 0) -> str:
    return (datetime.now(UTC) - timedelta(days=days, hours=hours)).isoformat()


def at_noon(days_ago: int, minutes: int = 0) -> str:
    """Noon (UTC) `days_ago` days back, plus `minutes`: moments that stay on that UTC day at any hour the
    test runs (`ago(days=1, hours=0.1)` falls two days back just after midnight)."""
    day = datetime.now(UTC).date() - timedelta(days=days_ago)
    return (datetime.combine(day, time(12), UTC) + timedelta(minutes=minutes)).isoformat()


def today() -> date:
    return datetime.now(UTC).date()


async def ok(response_coro: Any, status: int = 200) -> Any:
    response = await response_coro
    assert response.status_code == status, response.text
    return response.json() if response.content else None


async def make_set(person: Person, space_id: str, labels: list[str]) -> list[dict[str, Any]]:
    sizes: list[dict[str, Any]] = await ok(
        person.request("PUT", practice(space_id, "/dilator-set"), json={"sizes": [{"label": x} for x in labels]})
    )
    return sizes


def dilator_body(
    size_id: str,
    *,
    when: str | None = None,
    minutes: int = 10,
    pain: int | None = 1,
    anxiety: int | None = 2,
    depth: str = "fully",
    note: str | None = None,
) -> dict[str, Any]:
    return {
        "kind": "dilator",
        "practised_at": when or ago(hours=1),
        "minutes": minutes,
        "size_id": size_id,
        "depth": depth,
        "pain": pain,
        "anxiety": anxiety,
        "note": note,
    }


async def log(person: Person, space_id: str, body: dict[str, Any]) -> dict[str, Any]:
    entry: dict[str, Any] = await ok(person.post(practice(space_id, "/entries"), json=body), 201)
    return entry


async def log_dilator(person: Person, space_id: str, size_id: str, **kwargs: Any) -> dict[str, Any]:
    return await log(person, space_id, dilator_body(size_id, **kwargs))


async def draft(person: Person, space_id: str, days: int = 28, *, tick_all: bool = True) -> dict[str, Any]:
    """A fresh draft. Its lines start unticked; with `tick_all` (what most tests want) the patient then
    ticks every line, as a patient sharing everything would."""
    end = today() + timedelta(days=1)
    body = {"period_start": (end - timedelta(days=days)).isoformat(), "period_end": end.isoformat()}
    summary: dict[str, Any] = await ok(person.post(practice(space_id, "/summaries"), json=body), 201)
    assert not any(line["included"] for line in summary["lines"]), "summary lines start unticked"
    if tick_all and summary["lines"]:
        ticked = [{"id": line["id"], "included": True} for line in summary["lines"]]
        summary = await ok(
            person.request("PUT", practice(space_id, f"/summaries/{summary['id']}"), json={"lines": ticked})
        )
    return summary


async def publish(person: Person, space_id: str, summary_id: str) -> dict[str, Any]:
    summary: dict[str, Any] = await ok(person.post(practice(space_id, f"/summaries/{summary_id}/publish")))
    return summary


async def withdraw(person: Person, space_id: str, summary_id: str) -> dict[str, Any]:
    summary: dict[str, Any] = await ok(person.post(practice(space_id, f"/summaries/{summary_id}/withdraw")))
    return summary


async def set_message(
    person: Person, space_id: str, summary_id: str, message: str | None, lines: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    summary: dict[str, Any] = await ok(
        person.request(
            "PUT", practice(space_id, f"/summaries/{summary_id}"), json={"message": message, "lines": lines or []}
        )
    )
    return summary
