"""Helpers for the plan tests: a couple with the idea library, a match, proposing and acting on plans."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from .ideas_support import gentle_ideas, library, rate
from .people import Couple, Person


def url(couple: Couple, rest: str) -> str:
    return f"/api/v1/spaces/{couple.space_id}{rest}"


async def match(couple: Couple, index: int = 0) -> str:
    idea_id = gentle_ideas(await library(couple.patient, couple.space_id), index + 1)[index]
    await rate(couple.patient, couple.space_id, idea_id, "yes")
    await rate(couple.partner, couple.space_id, idea_id, "maybe")
    return idea_id


def soon(hours: float = 24) -> str:
    return (datetime.now(UTC) + timedelta(hours=hours)).isoformat()


async def propose(couple: Couple, person: Person, **body: Any) -> dict[str, Any]:
    response = await person.post(url(couple, "/plans"), json=body)
    assert response.status_code == 201, response.text
    return dict(response.json())


async def act(couple: Couple, person: Person, plan_id: str, action: str, **body: Any) -> httpx.Response:
    with_body = action in {"pause", "cancel", "reschedule"}
    return await person.post(url(couple, f"/plans/{plan_id}/{action}"), json=body if with_body else None)


async def plan_of(couple: Couple, person: Person, plan_id: str) -> dict[str, Any]:
    response = await person.get(url(couple, f"/plans/{plan_id}"))
    assert response.status_code == 200, response.text
    return dict(response.json())
