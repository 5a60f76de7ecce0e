"""Properties: to the partner, a private check-in (or a private note) looks exactly like none at all."""

from __future__ import annotations

import re
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from litestar import Litestar

from .people import Couple, make_couple
from .routes_boundaries import add_custom
from .routes_checkins import create_checkin

VOLATILE = re.compile(r'"(id|created_at|updated_at|joined_at|user_id|changed_at|next_cursor)":\s*("[^"]*"|null)')

checkins = st.lists(
    st.tuples(
        st.integers(min_value=1, max_value=5),
        st.sampled_from(["shared", "private"]),
        st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cc", "Cs"]), max_size=40),
    ),
    min_size=0,
    max_size=5,
)
SLOW = settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def normalised(body: str, couple: Couple) -> str:
    """The response with what differs between any two couples (ids, times, names of spaces) blanked."""
    text = VOLATILE.sub(r'"\1":"~"', body)
    for person_id in (couple.patient.id, couple.partner.id, couple.space_id):
        text = text.replace(person_id, "~")
    return text


async def partners_view(couple: Couple, extra_paths: tuple[str, ...] = ()) -> list[tuple[int, str]]:
    space = f"/api/v1/spaces/{couple.space_id}"
    paths = (
        f"{space}/checkins",
        f"{space}/checkins?limit=1",
        f"{space}/checkins/mood",
        f"{space}/together/current",
        f"{space}/boundaries",
        f"{space}/custom-activities",
        *extra_paths,
    )
    seen = []
    for path in paths:
        response = await couple.partner.get(path)
        seen.append((response.status_code, normalised(response.text, couple)))
    return seen


@SLOW
@given(written=checkins)
async def test_private_check_ins_are_indistinguishable_from_absent_ones(
    app: Litestar, written: list[tuple[int, str, str]]
) -> None:
    with_private = await make_couple(app)
    shared_only = await make_couple(app)
    private_ids = []
    for mood, visibility, note in written:
        made = await create_checkin(
            with_private.patient, with_private.space_id, mood=mood, visibility=visibility, note=note
        )
        if visibility == "shared":
            await create_checkin(shared_only.patient, shared_only.space_id, mood=mood, visibility=visibility, note=note)
        else:
            private_ids.append(made["id"])
    # Asking for a private one by id answers exactly like asking for one that never existed.
    never = "/api/v1/spaces/{}/checkins/00000000-0000-4000-8000-000000000000"
    probes_a = tuple(f"/api/v1/spaces/{with_private.space_id}/checkins/{i}" for i in private_ids[:1])
    probes_b = (never.format(shared_only.space_id),) if probes_a else ()
    assert await partners_view(with_private, probes_a) == await partners_view(shared_only, probes_b)


@SLOW
@given(note=st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cc", "Cs"]), min_size=1, max_size=80))
async def test_a_private_note_on_an_activity_is_indistinguishable_from_no_note(app: Litestar, note: str) -> None:
    with_note = await make_couple(app)
    without = await make_couple(app)
    await add_custom(with_note.patient, with_note.space_id, "Reading together", note=note)
    await add_custom(without.patient, without.space_id, "Reading together")
    assert await partners_view(with_note) == await partners_view(without)


async def test_the_export_holds_what_i_wrote_and_what_was_shared_with_me(couple: Couple) -> None:
    shared = await create_checkin(couple.patient, couple.space_id, visibility="shared", note="for both")
    await create_checkin(couple.patient, couple.space_id, note="just mine")
    await create_checkin(couple.partner, couple.space_id, note="partner's own")
    await add_custom(couple.patient, couple.space_id, "Stargazing", note="my private reason")
    records: dict[str, Any] = (await couple.partner.get("/api/v1/me/export")).json()["records"]
    assert [c["note"] for c in records["checkins"]["authored"]] == ["partner's own"]
    assert [c["id"] for c in records["checkins"]["shared_with_me"]] == [shared["id"]]
    assert records["custom_activities"]["shared_with_me"][0]["title"] == "Stargazing"
    assert "my private reason" not in str(records)
    assert "just mine" not in str(records)
    own = (await couple.patient.get("/api/v1/me/export")).json()["records"]
    assert {c["note"] for c in own["checkins"]["authored"]} == {"for both", "just mine"}
    assert own["custom_activities"]["authored"][0]["note"] == "my private reason"
