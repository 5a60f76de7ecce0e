"""The core promise, as a property: from the partner's side, "not now" looks exactly like no rating.

Two couples live through the same random story of ratings. In the second, every "not now" of the
member under test is replaced by no rating at all. Everything the other member (the viewer) can
fetch from the ideas and plans routes, their calendar feed and their data export included, must be
identical in both couples once ids, emails and timestamps are set aside: bodies, statuses, counts and
ordering. Plans the viewer tries to propose, and the answers to those tries, must match too.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from litestar import Litestar

from .ideas_support import ensure_library, library, rate
from .people import BASE_URL, Person, make_couple
from .twins import normalise_response, normalise_text

IDEAS = 6

Step = tuple[str, int, str | None]
steps = st.lists(
    st.tuples(
        st.sampled_from(["viewer", "other"]),
        st.integers(0, IDEAS - 1),
        st.sampled_from(["yes", "maybe", "not_now", None]),
    ),
    min_size=1,
    max_size=10,
)


@dataclass
class Story:
    """One couple: the viewer looks, the other rates (and may say "not now")."""

    app: Litestar
    viewer: Person
    other: Person
    space_id: str
    ideas: list[str]
    feed_path: str
    drop_not_now: bool

    def url(self, rest: str) -> str:
        return f"/api/v1/spaces/{self.space_id}{rest}"

    async def apply(self, step: Step) -> None:
        who, index, value = step
        person = self.viewer if who == "viewer" else self.other
        if who == "other" and value == "not_now" and self.drop_not_now:
            value = None
        assert await rate(person, self.space_id, self.ideas[index], value) in {200, 204}

    async def seen(self) -> list[Any]:
        """Everything the viewer can fetch from these features, normalised."""
        seen: list[Any] = []
        plans = await self.viewer.get(self.url("/plans"), params={"when": "all"})
        plan_ids = [p["id"] for p in plans.json()["items"]] if plans.status_code == 200 else []
        paths: list[tuple[str, dict[str, Any]]] = [
            (self.url("/ideas"), {"limit": 100}),
            (self.url("/ideas"), {"limit": 5, "page": 2}),
            (self.url("/ideas"), {"my_rating": "unrated", "limit": 3, "page": 3}),
            (self.url("/ideas"), {"my_rating": "unrated", "limit": 100}),
            (self.url("/ideas"), {"closeness": 1, "limit": 100}),
            (self.url("/idea-queue"), {"limit": 100}),
            (self.url("/matches"), {}),
            (self.url("/plans"), {"when": "all"}),
            (self.url("/plans"), {"when": "upcoming"}),
            (self.url("/plans"), {"when": "past"}),
            (self.url("/calendar-feed"), {}),
            *[(self.url(f"/ideas/{idea}"), {}) for idea in self.ideas],
            *[(self.url(f"/plans/{plan}"), {}) for plan in plan_ids],
            ("/api/v1/me/export", {}),
        ]
        for path, params in paths:
            response = await self.viewer.get(path, params=params)
            # A later page: reached by following `next_cursor` (the cursor itself is seen too).
            for _ in range(params.get("page", 1) - 1):
                cursor = response.json()["next_cursor"]
                asked = {k: v for k, v in params.items() if k != "page"} | {"cursor": cursor}
                response = await self.viewer.get(path, params=asked)
            seen.append((normalise_text(path), params, normalise_response(response)))
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=self.app), base_url=BASE_URL) as client:
            feed = await client.get(self.feed_path)
        seen.append(("feed", feed.status_code, normalise_text(feed.text)))
        return seen

    async def try_plans(self) -> list[Any]:
        """The viewer tries to plan every idea; the other accepts whatever reaches them."""
        answers = []
        for idea in self.ideas:
            response = await self.viewer.post(self.url("/plans"), json={"idea_id": idea})
            answers.append(normalise_response(response))
            if response.status_code == 201:
                plan_id = response.json()["id"]
                accepted = await self.other.post(self.url(f"/plans/{plan_id}/accept"))
                answers.append(accepted.status_code)
        return answers


async def new_story(app: Litestar, other_role: str, drop_not_now: bool) -> Story:
    couple = await make_couple(app)
    viewer, other = (couple.partner, couple.patient) if other_role == "patient" else (couple.patient, couple.partner)
    items = await library(viewer, couple.space_id)
    # A spread of ideas across closeness levels, so ordering is part of what is compared.
    ideas = [item["id"] for item in items[:: max(1, len(items) // IDEAS)]][:IDEAS]
    feed = await viewer.post(f"/api/v1/spaces/{couple.space_id}/calendar-feed", json={})
    assert feed.status_code == 201
    return Story(app, viewer, other, couple.space_id, ideas, feed.json()["path"], drop_not_now)


@settings(max_examples=15, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(story=steps, other_role=st.sampled_from(["patient", "partner"]))
async def test_not_now_and_no_rating_look_the_same_to_the_partner(
    app: Litestar, story: list[Step], other_role: str
) -> None:
    await ensure_library(app)
    rated = await new_story(app, other_role, drop_not_now=False)
    unrated = await new_story(app, other_role, drop_not_now=True)
    assert rated.ideas == unrated.ideas
    for step in story:
        await rated.apply(step)
        await unrated.apply(step)
        a = normalise_response(await rated.viewer.get(rated.url("/matches")))
        b = normalise_response(await unrated.viewer.get(unrated.url("/matches")))
        assert a == b, step
    assert await rated.seen() == await unrated.seen()
    assert await rated.try_plans() == await unrated.try_plans()
    assert await rated.seen() == await unrated.seen()


async def test_the_comparison_would_notice_a_difference(app: Litestar) -> None:
    """The property is not vacuous: a "yes" instead of no rating does change what the viewer sees."""
    await ensure_library(app)
    first = await new_story(app, "partner", drop_not_now=False)
    second = await new_story(app, "partner", drop_not_now=False)
    for story in (first, second):
        await story.apply(("viewer", 0, "yes"))
    await first.apply(("other", 0, "yes"))
    assert await first.seen() != await second.seen()
