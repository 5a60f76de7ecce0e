"""The plans list pages by cursor like check-ins: every plan once, in order, on both databases."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from litestar import Litestar

from .ideas_support import ensure_library, gentle_ideas, library, rate
from .people import Couple, Person, make_couple


async def all_pages(person: Person, url: str, when: str, limit: int) -> list[str]:
    seen: list[str] = []
    cursor: str | None = None
    for _ in range(50):
        params: dict[str, Any] = {"when": when, "limit": limit, **({"cursor": cursor} if cursor else {})}
        response = await person.get(url, params=params)
        assert response.status_code == 200, response.text
        page = response.json()
        assert len(page["items"]) <= limit
        seen.extend(p["id"] for p in page["items"])
        cursor = page["next_cursor"]
        if cursor is None:
            return seen
    raise AssertionError("the pages never ended")


async def plans_of(app: Litestar) -> tuple[Couple, str, list[str]]:
    await ensure_library(app)
    couple = await make_couple(app)
    idea = gentle_ideas(await library(couple.patient, couple.space_id), 1)[0]
    for person in (couple.patient, couple.partner):
        assert await rate(person, couple.space_id, idea, "yes") == 200
    url = f"/api/v1/spaces/{couple.space_id}/plans"
    now = datetime.now(UTC)
    # Two plans share a start time, so the id breaks the tie.
    starts = [now + timedelta(days=d) for d in (3, 1, 2, 2, 5, 4, 1)]
    created = []
    for n, at in enumerate(starts):
        body = {"idea_id": idea, "starts_at": at.replace(second=0, microsecond=0).isoformat(), "note": f"plan {n}"}
        response = await couple.patient.post(url, json=body)
        assert response.status_code == 201, response.text
        created.append(response.json()["id"])
    return couple, url, created


async def test_pages_hold_every_plan_once_in_order(app: Litestar) -> None:
    couple, url, created = await plans_of(app)
    for when in ("upcoming", "all"):
        whole = (await couple.partner.get(url, params={"when": when, "limit": 100})).json()
        assert whole["next_cursor"] is None
        expected = [p["id"] for p in whole["items"]]
        assert sorted(expected) == sorted(created)
        starts = [p["starts_at"] for p in whole["items"]]
        assert starts == sorted(starts, reverse=(when == "all"))
        for limit in (1, 2, 3):
            assert await all_pages(couple.partner, url, when, limit) == expected, (when, limit)


async def test_a_crafted_cursor_is_a_400(app: Litestar) -> None:
    couple = await make_couple(app)
    url = f"/api/v1/spaces/{couple.space_id}/plans"
    for cursor in ("not-a-cursor", "bm90fGE", "x" * 201):
        response = await couple.patient.get(url, params={"cursor": cursor})
        assert response.status_code == 400, (cursor, response.text)
