"""The journal's privacy as properties: the leak test repeated after a withdrawal, and "private looks
exactly like absent" to the partner, over randomly generated journals (hypothesis)."""

from __future__ import annotations

import uuid
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from litestar import Litestar

from .journal import ago, dilator_body, draft, make_set, ok, practice, publish, set_message, shared, withdraw
from .leaks import Markers, assert_no_leak, seed_all_private
from .people import Couple, make_couple
from .world import build_world


async def test_no_marker_leaks_after_a_summary_is_withdrawn(app: Litestar) -> None:
    world = await build_world(app)
    markers = Markers()
    await seed_all_private(world, markers)
    # A summary the partner could read, with a marker of its own in its message.
    shown = Markers()
    summary = await draft(world.patient, world.space_id)
    await set_message(world.patient, world.space_id, summary["id"], f"shared {shown.patient}")
    await publish(world.patient, world.space_id, summary["id"])
    assert shown.patient in (await world.partner.get(shared(world.space_id))).text
    assert shown.patient in (await world.partner.get(shared(world.space_id, f"/{summary['id']}"))).text

    await withdraw(world.patient, world.space_id, summary["id"])
    world.params["summary_id"] = summary["id"]
    checked = await assert_no_leak(world, shown)
    assert checked > 0
    await assert_no_leak(world, markers)
    # The partner's export is among the routes checked; say so plainly as well.
    partner_export = await world.partner.get("/api/v1/me/export")
    assert shown.patient not in partner_export.text and markers.patient not in partner_export.text


# --- private and absent look the same --------------------------------------------------------------------
KINDS = ("dilator", "breathing", "pelvic_floor_release", "mindfulness", "stretching")
words = st.text(alphabet=st.characters(codec="utf-8", categories=("L", "N", "Zs")), min_size=1, max_size=40)
entry_specs = st.lists(
    st.tuples(st.sampled_from(KINDS), st.integers(1, 240), st.integers(0, 10), st.integers(0, 10), st.none() | words),
    max_size=6,
)
journal_specs = st.fixed_dictionaries(
    {
        "sizes": st.lists(st.sampled_from(["1", "2", "3", "4", "19 mm", "Small"]), min_size=1, max_size=4, unique=True),
        "entries": entry_specs,
        "goals": st.lists(words.filter(lambda w: w.strip() != ""), max_size=3),
        "drafts": st.integers(0, 2),
        "withdrawn": st.integers(0, 2),
        "plan_notes": st.none() | words,
    }
)


async def fill_journal(couple: Couple, spec: dict[str, Any]) -> list[str]:
    """Write a private journal from the spec; return the ids of everything the partner must not find."""
    p, s = couple.patient, couple.space_id
    sizes = await make_set(p, s, spec["sizes"])
    ids = [x["id"] for x in sizes]
    for kind, minutes, pain, anxiety, note in spec["entries"]:
        if kind == "dilator":
            body = dilator_body(
                sizes[minutes % len(sizes)]["id"], minutes=minutes, pain=pain, anxiety=anxiety, note=note
            )
        else:
            body = {"kind": kind, "practised_at": ago(hours=minutes), "minutes": minutes, "note": note}
        # Two generated entries may be near-identical: the patient confirms the second copy (else 409).
        entry = await ok(p.post(practice(s, "/entries"), params={"confirm_duplicate": "true"}, json=body), 201)
        ids.append(entry["id"])
    for title in spec["goals"]:
        ids.append((await ok(p.post(practice(s, "/goals"), json={"title": title}), 201))["id"])
    if spec["plan_notes"] is not None:
        await ok(p.request("PUT", practice(s, "/plan"), json={"notes": spec["plan_notes"]}))
    for _ in range(spec["drafts"]):
        ids.append((await draft(p, s))["id"])
    for _ in range(spec["withdrawn"]):
        summary = await draft(p, s)
        await publish(p, s, summary["id"])
        await withdraw(p, s, summary["id"])
        ids.append(summary["id"])
    return ids


async def partner_view(couple: Couple, probe_ids: list[str]) -> list[tuple[int, bytes]]:
    """Everything the partner can ask about the journal, with ids that exist in the journal or not."""
    q, s = couple.partner, couple.space_id
    routes = [
        "/entries",
        "/dilator-set",
        "/settings",
        "/plan",
        "/goals",
        "/overview",
        "/progress",
        "/report",
        "/summaries",
    ]
    seen = [(r.status_code, r.content) for r in [await q.get(practice(s, route)) for route in routes]]
    seen.append(((r := await q.get(shared(s))).status_code, r.content))
    for probe in probe_ids:
        for url in (
            practice(s, f"/entries/{probe}"),
            practice(s, f"/goals/{probe}"),
            practice(s, f"/summaries/{probe}"),
            shared(s, f"/{probe}"),
        ):
            seen.append(((r := await q.get(url)).status_code, r.content))
        seen.append(
            (
                (
                    r := await q.request("PUT", shared(s, f"/{probe}/reaction"), json={"kind": "proud-of-you"})
                ).status_code,
                r.content,
            )
        )
    export = (await q.get("/api/v1/me/export")).json()
    seen.append((200, repr(export["records"]).encode()))
    return seen


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(spec=journal_specs)
async def test_a_private_journal_looks_exactly_like_no_journal_to_the_partner(
    app: Litestar, spec: dict[str, Any]
) -> None:
    with_journal = await make_couple(app)
    without = await make_couple(app)
    private_ids = await fill_journal(with_journal, spec)
    # The same ids asked in a space where they never existed give the same bytes.
    probes = [*private_ids[:6], str(uuid.uuid4())]
    assert await partner_view(with_journal, probes) == await partner_view(without, probes)
