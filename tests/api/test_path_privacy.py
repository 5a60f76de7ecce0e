"""The path's promise, as a property: to the partner, "not yet" looks exactly like no answer.

Two couples live through the same random story of turning the path on and off, saying ready or not
yet, taking answers back and stepping back. In the second couple every "not yet" of the member under
test becomes no answer at all (and turning the path off when it was never on becomes doing nothing).
Everything the other member (the viewer) gets must be identical in both couples once ids and times
are set aside: every GET route of the path, the answers to the viewer's own actions, the data
export, and the live event stream.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from litestar import Litestar

from .path_support import answer, path_url, step_back, turn
from .people import Person, make_couple
from .streams import StreamReader
from .twins import normalise_response, normalise_text

STAGE_IDS = ["stage-closeness", "stage-clothed-touch", "stage-skin-touch", "stage-whole-body", "stage-mutual"]

Step = tuple[str, str]
steps = st.lists(
    st.tuples(
        st.sampled_from(["viewer", "other"]),
        st.sampled_from(["on", "off", "ready", "not_yet", "clear", "back"]),
    ),
    min_size=1,
    max_size=14,
)


@dataclass
class Story:
    viewer: Person
    other: Person
    space_id: str
    drop_not_yet: bool
    other_on: bool = False

    async def apply(self, step: Step) -> Any:
        """Apply one step; return what the viewer learns from it (their own action's answer, if theirs)."""
        who, op = step
        person = self.viewer if who == "viewer" else self.other
        if who == "other" and self.drop_not_yet:
            if op == "not_yet":
                op = "clear"
            elif op == "off" and not self.other_on:
                return None
        if op in ("on", "off"):
            response = await turn(person, self.space_id, op == "on")
            if who == "other":
                self.other_on = op == "on"
        elif op == "back":
            response = await step_back(person, self.space_id)
        else:
            response = await answer(person, self.space_id, None if op == "clear" else op)
        return normalise_response(response) if who == "viewer" else None

    async def seen(self) -> list[Any]:
        paths = [path_url(self.space_id), *[path_url(self.space_id, f"/stages/{s}") for s in STAGE_IDS]]
        seen = [normalise_response(await self.viewer.get(p)) for p in paths]
        seen.append(normalise_response(await self.viewer.get("/api/v1/me/export")))
        return seen


async def new_story(app: Litestar, other_role: str, drop_not_yet: bool) -> Story:
    couple = await make_couple(app)
    viewer, other = (couple.partner, couple.patient) if other_role == "patient" else (couple.patient, couple.partner)
    return Story(viewer, other, couple.space_id, drop_not_yet)


def events_seen(stream: StreamReader) -> list[tuple[str, str]]:
    return [(e.event, normalise_text(str(e.data))) for e in stream.events()]


async def live(app: Litestar, story: Story, script: list[Step]) -> tuple[list[Any], list[tuple[str, str]]]:
    """Run the script with the viewer's stream open; end with a signal of the viewer's own as a fence."""
    answers = []
    async with StreamReader(app, story.viewer, f"/api/v1/spaces/{story.space_id}/events") as stream:
        assert await stream.wait_for(lambda s: any(e.event == "ready" for e in s.events()))
        for step in script:
            answers.append(await story.apply(step))
            answers.append(normalise_response(await story.viewer.get(path_url(story.space_id))))
        fence = await story.viewer.patch(
            f"/api/v1/spaces/{story.space_id}/boundaries",
            json={"changes": [{"activity_id": "kissing", "level": "ask_first"}]},
        )
        assert fence.status_code == 200
        # Signals arrive in order: once the fence is in, everything the script caused is in too.
        assert await stream.wait_for(lambda s: "changed" in s.changes("boundaries"))
    return answers, events_seen(stream)


@settings(max_examples=12, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(script=steps, other_role=st.sampled_from(["patient", "partner"]))
async def test_not_yet_and_no_answer_look_the_same_to_the_partner(
    live_app: Litestar, script: list[Step], other_role: str
) -> None:
    answered = await new_story(live_app, other_role, drop_not_yet=False)
    unanswered = await new_story(live_app, other_role, drop_not_yet=True)
    assert await live(live_app, answered, script) == await live(live_app, unanswered, script)
    assert await answered.seen() == await unanswered.seen()


async def test_the_comparison_would_notice_a_difference(live_app: Litestar) -> None:
    """Not vacuous: the other's "ready" instead of no answer does change what the viewer gets, live too."""
    script: list[Step] = [("viewer", "on"), ("other", "on"), ("viewer", "ready"), ("other", "ready")]
    first = await new_story(live_app, "partner", drop_not_yet=False)
    second = await new_story(live_app, "partner", drop_not_yet=False)
    first_live = await live(live_app, first, script)
    second_live = await live(live_app, second, script[:-1])
    assert first_live[1] != second_live[1], "the move shows on the stream"
    assert ("path", normalise_text(str({"kind": "path", "change": "moved_on", "id": None}))) in first_live[1]
    assert await first.seen() != await second.seen()


async def test_private_choices_send_no_live_signal(live_app: Litestar) -> None:
    """Only what both can see makes a signal: the start, and a change of stage."""
    story = await new_story(live_app, "patient", drop_not_yet=False)
    script: list[Step] = [
        ("other", "on"),
        ("other", "ready"),
        ("other", "not_yet"),
        ("viewer", "on"),
        ("other", "not_yet"),
        ("other", "clear"),
        ("other", "ready"),
        ("viewer", "ready"),
        ("other", "back"),
    ]
    _, events = await live(live_app, story, script)
    changes = [data for kind, data in events if kind == "path"]
    assert [next(c for c in ("started", "moved_on", "stepped_back") if c in d) for d in changes] == [
        "started",
        "moved_on",
        "stepped_back",
    ]
