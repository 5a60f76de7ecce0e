"""Stop sharing everything, as a property: afterwards the partner sees exactly what they would have
seen had none of it ever been shared.

Two couples live through the same random story. In the first the patient shares (check-ins, a
summary, a reflection, a calendar feed of their own); in the twin each of those stays private (the
check-in private, the summary a draft, the reflection unshared). Then the patient stops sharing
everything in both. Everything the partner can GET must then be identical once ids and times are
set aside: every GET route of the route table (also by the ids of the patient's records), the
partner's data export, the partner's calendar feed, the patient's old feed address, and the live
signals the partner's open stream received while it happened. In the twin, the same call changes
nothing the partner sees at all (it shares nothing to begin with).
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from litestar import Litestar

from .ideas_support import ensure_library
from .journal import draft, publish, set_message, withdraw
from .matrix import MATRIX
from .people import Couple, Person, make_couple
from .plans_support import url
from .sharing_support import past_plan, reflect, share_checkin, stop_sharing
from .streams import StreamReader
from .twins import normalise_response, normalise_text

Step = tuple[str, bool]
steps = st.lists(
    st.tuples(
        st.sampled_from(["checkin", "share_last_checkin", "summary", "withdraw_last", "reflection", "feed", "partner"]),
        st.booleans(),
    ),
    min_size=1,
    max_size=6,
)
NEVER = "00000000-0000-4000-8000-000000000000"
# Not a view of the space: random by design (a surprise prompt), a stream (read below), health probes.
# Picked from the space's id (a surprise prompt, the question for today): two twin spaces differ there by
# design, and neither holds anything a member wrote. The stream is compared on its own (stop_while_watched).
SKIPPED = {
    "/api/v1/spaces/{space_id}/prompts/surprise",
    "/api/v1/spaces/{space_id}/today",
    "/api/v1/spaces/{space_id}/events",
}
PARAM = re.compile(r"\{([a-z_]+)\}")


@dataclass
class Story:
    app: Litestar
    couple: Couple
    sharing: bool
    plan_id: str
    partner_feed: str
    ids: dict[str, list[str]] = field(default_factory=dict)
    published: list[str] = field(default_factory=list)
    own_feed: str = ""

    @property
    def patient(self) -> Person:
        return self.couple.patient

    @property
    def space(self) -> str:
        return self.couple.space_id

    async def apply(self, step: Step) -> None:
        """One step of the story; in the twin (`sharing` False) everything shared stays private."""
        op, chosen = step
        share = chosen and self.sharing
        if op == "checkin":
            made = await share_checkin(self.patient, self.space, shared=share, note="A day.")
            self.ids.setdefault("checkin_id", []).append(made["id"])
        elif op == "share_last_checkin" and self.ids.get("checkin_id"):
            visibility = "shared" if share else "private"
            last = self.ids["checkin_id"][-1]
            response = await self.patient.patch(url(self.couple, f"/checkins/{last}"), json={"visibility": visibility})
            assert response.status_code == 200, response.text
        elif op == "summary":
            drafted = await draft(self.patient, self.space, days=7)
            await set_message(self.patient, self.space, drafted["id"], "How my week went.")
            self.ids.setdefault("summary_id", []).append(drafted["id"])
            if share:
                await publish(self.patient, self.space, drafted["id"])
                self.published.append(drafted["id"])
        elif op == "withdraw_last" and self.published:
            await withdraw(self.patient, self.space, self.published.pop())
        elif op == "reflection":
            await reflect(self.couple, self.patient, self.plan_id, shared=share, note="It was lovely.")
        elif op == "feed":
            feed = await self.patient.post(url(self.couple, "/calendar-feed"), json={})
            assert feed.status_code == 201, feed.text
            self.own_feed = feed.json()["path"]
        elif op == "partner":
            # The partner's own sharing goes on as usual in both couples.
            await share_checkin(self.couple.partner, self.space, shared=chosen, note="Mine.")

    def paths(self) -> list[str]:
        """Every GET route of the table the partner may call, once for each id of the patient's records."""
        found = []
        for method, template in sorted(MATRIX):
            if method != "GET" or template in SKIPPED or "/health" in template:
                continue
            names = [n for n in PARAM.findall(template) if n != "space_id"]
            choices: list[dict[str, str]] = [{}]
            for name in names:
                values = self.ids.get(name) or [NEVER]
                choices = [{**c, name: v} for c in choices for v in values]
            found += [template.format(space_id=self.space, **c) for c in choices]
        return found

    async def seen(self) -> list[Any]:
        partner = self.couple.partner
        seen = [(path, normalise_response(await partner.get(path))) for path in self.paths()]
        seen.append(("export", normalise_response(await partner.get("/api/v1/me/export"))))
        seen.append(("partner feed", normalise_response(await partner.get(self.partner_feed))))
        if self.own_feed:
            seen.append(("old feed", normalise_response(await Person(self.app).get(self.own_feed))))
        return [(normalise_text(p), r) for p, r in seen]


async def new_story(app: Litestar, sharing: bool) -> Story:
    couple = await make_couple(app)
    plan_id = await past_plan(app, couple)
    feed = await couple.partner.post(url(couple, "/calendar-feed"), json={})
    assert feed.status_code == 201, feed.text
    story = Story(app, couple, sharing, plan_id, feed.json()["path"])
    story.ids["plan_id"] = [plan_id]
    story.ids["feed_token"] = [feed.json()["path"].split("/")[-2]]
    return story


def assert_same(first: list[Any], second: list[Any]) -> None:
    """Equal lists; on a difference, name the first route that differs (the whole lists are long)."""
    for a, b in zip(first, second, strict=True):
        assert a == b, a[0]


async def stop_while_watched(story: Story) -> list[tuple[str, str]]:
    """Stop sharing with the partner's stream open; end with a signal of the partner's own as a fence."""
    async with StreamReader(story.app, story.couple.partner, url(story.couple, "/events")) as stream:
        assert await stream.wait_for(lambda s: any(e.event == "ready" for e in s.events()))
        response = await stop_sharing(story.patient, story.space)
        assert response.status_code == 200, response.text
        fence = await story.couple.partner.patch(
            url(story.couple, "/boundaries"), json={"changes": [{"activity_id": "kissing", "level": "ask_first"}]}
        )
        assert fence.status_code == 200
        # Signals arrive in order: once the fence is in, everything stopping caused is in too.
        assert await stream.wait_for(lambda s: "changed" in s.changes("boundaries"))
    return [(e.event, normalise_text(str(e.data))) for e in stream.events()]


@settings(max_examples=6, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(script=steps)
async def test_after_stopping_the_partner_sees_what_they_would_had_nothing_been_shared(
    live_app: Litestar, script: list[Step]
) -> None:
    await ensure_library(live_app)
    shared = await new_story(live_app, sharing=True)
    never = await new_story(live_app, sharing=False)
    for step in script:
        await shared.apply(step)
        await never.apply(step)
    assert await stop_while_watched(shared) == await stop_while_watched(never)
    after = await shared.seen()
    assert_same(after, await never.seen())


async def test_stopping_when_nothing_is_shared_changes_nothing_the_partner_sees(live_app: Litestar) -> None:
    """The twin's own stop changes nothing for the partner, so the twin is "never shared" indeed."""
    await ensure_library(live_app)
    never = await new_story(live_app, sharing=False)
    for step in [("checkin", True), ("summary", True), ("reflection", True), ("feed", True), ("partner", True)]:
        await never.apply(step)
    before = await never.seen()
    assert (await stop_sharing(never.patient, never.space)).status_code == 200
    after = await never.seen()
    # The patient's own feed address is turned off by design; it never was the partner's to see.
    assert before[-1][0] == after[-1][0] == "old feed"
    assert_same(before[:-1], after[:-1])


async def test_the_comparison_would_notice_a_shared_check_in(live_app: Litestar) -> None:
    """Not vacuous: without stopping, one shared check-in changes what the partner gets."""
    await ensure_library(live_app)
    shared = await new_story(live_app, sharing=True)
    never = await new_story(live_app, sharing=False)
    for story in (shared, never):
        await story.apply(("checkin", True))
    assert await shared.seen() != await never.seen()


def test_the_route_list_reaches_records_by_id() -> None:
    """The walk asks for the patient's records by their ids, not only for lists."""
    story = Story(app=None, couple=Couple(None, None, str(uuid.uuid4())), sharing=True, plan_id="", partner_feed="")  # type: ignore[arg-type]
    story.ids["checkin_id"] = ["a", "b"]
    checkin_paths = [p for p in story.paths() if "/checkins/" in p and p.rsplit("/", 1)[-1] in {"a", "b"}]
    assert len(checkin_paths) == 2
