"""The practice journal: entries, the dilator set, settings, plan, goals, overview, progress, report."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from litestar import Litestar
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from tandem.core.db import make_engine
from tandem.practice.models import ClinicianPlan, DilatorSize, Goal, PracticeEntry, PracticeSettings
from tandem.summaries.models import Summary, SummaryLine, SummaryReaction

from .journal import ago, dilator_body, draft, log, log_dilator, make_set, ok, practice, publish, shared
from .people import PASSWORD, Couple
from .problems import assert_bad


# --- entries ---------------------------------------------------------------------------------------------
async def test_log_edit_and_delete_entries(couple: Couple) -> None:
    p, s = couple.patient, couple.space_id
    sizes = await make_set(p, s, ["1", "2"])
    entry = await log_dilator(p, s, sizes[1]["id"], minutes=7, pain=3, anxiety=4, note="  calm evening  ")
    assert entry["size_label"] == "2"
    assert entry["note"] == "calm evening"
    assert (entry["depth"], entry["pain"], entry["anxiety"], entry["minutes"]) == ("fully", 3, 4, 7)
    breathing = await log(p, s, {"kind": "breathing", "practised_at": ago(), "minutes": 10, "note": "   "})
    assert breathing["note"] is None and breathing["size_id"] is None

    changed = dilator_body(sizes[0]["id"], minutes=12, pain=1, anxiety=1, depth="partly")
    updated = await ok(p.request("PUT", practice(s, f"/entries/{entry['id']}"), json=changed))
    assert (updated["size_label"], updated["depth"], updated["minutes"]) == ("1", "partly", 12)
    assert updated["created_at"] == entry["created_at"]

    page = await ok(p.get(practice(s, "/entries")))
    assert [e["id"] for e in page["items"]] == [breathing["id"], entry["id"]]
    assert page["next_cursor"] is None
    first = await ok(p.get(practice(s, "/entries?limit=1")))
    assert first["next_cursor"] and len(first["items"]) == 1
    rest = await ok(p.get(practice(s, f"/entries?limit=1&cursor={first['next_cursor']}")))
    assert [e["id"] for e in first["items"] + rest["items"]] == [breathing["id"], entry["id"]]

    assert (await p.delete(practice(s, f"/entries/{entry['id']}"))).status_code == 204
    assert (await p.get(practice(s, f"/entries/{entry['id']}"))).status_code == 404
    assert (await p.delete(practice(s, f"/entries/{entry['id']}"))).status_code == 404


async def test_entry_fields_are_validated_at_their_limits(couple: Couple) -> None:
    p, s = couple.patient, couple.space_id
    sizes = await make_set(p, s, ["1", "2"])
    size = sizes[0]["id"]
    url = practice(s, "/entries")

    def body(**changes: Any) -> dict[str, Any]:
        return {**dilator_body(size), **changes}

    for value in (0, 10):
        await ok(p.post(url, json=body(pain=value, anxiety=value)), 201)
    for value in (1, 240):
        await ok(p.post(url, json=body(minutes=value)), 201)
    await ok(p.post(url, json=body(note="x" * 2000)), 201)
    # Not rated is null, kept as null and never turned into 0.
    unrated = await ok(p.post(url, json=body(pain=None, anxiety=None)), 201)
    assert (unrated["pain"], unrated["anxiety"]) == (None, None)
    assert (await ok(p.get(practice(s, f"/entries/{unrated['id']}"))))[("pain")] is None
    await ok(p.post(url, json=body(practised_at=(datetime.now(UTC) + timedelta(hours=20)).isoformat())), 201)

    bad: list[tuple[dict[str, Any], str]] = [
        (body(kind="running"), "kind"),
        (body(practised_at="2026-01-01T10:00:00"), "practised_at"),  # no time zone
        (body(practised_at="yesterday"), "practised_at"),
        (body(practised_at=(datetime.now(UTC) + timedelta(days=2)).isoformat()), "practised_at"),
        (body(practised_at="1999-12-31T10:00:00Z"), "practised_at"),
        (body(minutes=0), "minutes"),
        (body(minutes=241), "minutes"),
        (body(pain=-1), "pain"),
        (body(pain=11), "pain"),
        (body(anxiety=-1), "anxiety"),
        (body(anxiety=11), "anxiety"),
        (body(depth="deep"), "depth"),
        (body(depth=None), "depth"),
        (body(size_id=None), "size_id"),
        (body(size_id=str(uuid.uuid4())), "size_id"),
        (body(note="x" * 2001), "note"),
        (body(note="a\u0000b"), "note"),
        (body(guided="yes"), "guided"),
        (body(extra=1), "extra"),
        ({"kind": "breathing", "practised_at": ago(), "minutes": 5, "size_id": size}, "size_id"),
        ({"kind": "stretching", "practised_at": ago(), "minutes": 5, "depth": "tip"}, "depth"),
        ({"kind": "mindfulness", "practised_at": ago(), "minutes": 5, "pain": 11}, "pain"),
    ]
    for payload, field in bad:
        await assert_bad(p.post(url, json=payload), field)


async def test_a_size_from_another_journal_is_refused(app: Litestar, couple: Couple) -> None:
    from .people import make_couple

    other = await make_couple(app)
    theirs = await make_set(other.patient, other.space_id, ["A"])
    await make_set(couple.patient, couple.space_id, ["1"])
    await assert_bad(
        couple.patient.post(practice(couple.space_id, "/entries"), json=dilator_body(theirs[0]["id"])), "size_id"
    )


async def test_entries_can_be_paged_and_limits_are_checked(couple: Couple) -> None:
    p, s = couple.patient, couple.space_id
    for query, field in (("limit=0", "limit"), ("limit=101", "limit"), ("cursor=not-a-cursor", "cursor")):
        await assert_bad(p.get(practice(s, f"/entries?{query}")), field)
    await asyncio.gather(
        *(log(p, s, {"kind": "breathing", "practised_at": ago(hours=i), "minutes": 3}) for i in range(20))
    )
    seen: list[str] = []
    cursor = ""
    while cursor is not None:
        page = await ok(p.get(practice(s, f"/entries?limit=7&cursor={cursor}")))
        seen += [e["id"] for e in page["items"]]
        cursor = page["next_cursor"]
    assert len(seen) == len(set(seen)) == 20


# --- the dilator set --------------------------------------------------------------------------------
async def test_the_set_keeps_used_sizes_for_past_entries(couple: Couple) -> None:
    p, s = couple.patient, couple.space_id
    sizes = await make_set(p, s, ["1", "2", "3"])
    assert [(x["label"], x["position"]) for x in sizes] == [("1", 0), ("2", 1), ("3", 2)]
    entry = await log_dilator(p, s, sizes[0]["id"])
    # Relabel size 2, drop 1 (used) and 3 (unused), add a new one.
    new = await ok(
        p.request(
            "PUT",
            practice(s, "/dilator-set"),
            json={"sizes": [{"id": sizes[1]["id"], "label": "19 mm"}, {"label": "22 mm"}]},
        )
    )
    assert [x["label"] for x in new] == ["19 mm", "22 mm"]
    assert new[0]["id"] == sizes[1]["id"]
    kept = await ok(p.get(practice(s, f"/entries/{entry['id']}")))
    assert kept["size_label"] == "1"
    # A retired size can't be chosen for a new entry, but an existing entry keeps it when edited.
    await assert_bad(p.post(practice(s, "/entries"), json=dilator_body(sizes[0]["id"])), "size_id")
    await ok(p.request("PUT", practice(s, f"/entries/{entry['id']}"), json=dilator_body(sizes[0]["id"], minutes=9)))
    # Bringing the retired size back by its id restores it.
    back = await ok(
        p.request("PUT", practice(s, "/dilator-set"), json={"sizes": [{"id": sizes[0]["id"], "label": "1"}]})
    )
    assert [x["id"] for x in back] == [sizes[0]["id"]]


async def test_the_set_is_validated(couple: Couple) -> None:
    p, s = couple.patient, couple.space_id
    url = practice(s, "/dilator-set")
    await ok(p.request("PUT", url, json={"sizes": [{"label": str(i)} for i in range(12)]}))
    await ok(p.request("PUT", url, json={"sizes": [{"label": "x" * 48}]}))
    await ok(p.request("PUT", url, json={"sizes": []}))
    for payload in (
        {"sizes": [{"label": str(i)} for i in range(13)]},
        {"sizes": [{"label": "x" * 49}]},
        {"sizes": [{"label": ""}]},
        {"sizes": [{"label": "   "}]},
        {"sizes": [{"label": "1"}, {"label": " 1 "}]},
        {"sizes": [{"label": "a\nb"}]},
        {"sizes": [{"label": "1", "id": str(uuid.uuid4())}]},
    ):
        await assert_bad(p.request("PUT", url, json=payload), "sizes")
    await assert_bad(p.request("PUT", url, json={"sizes": [{"label": "1", "colour": "blue"}]}), "colour")
    current = await ok(p.request("PUT", url, json={"sizes": [{"label": "1"}]}))
    twice = {"sizes": [{"id": current[0]["id"], "label": "1"}, {"id": current[0]["id"], "label": "2"}]}
    await assert_bad(p.request("PUT", url, json=twice), "sizes")


async def test_concurrent_set_changes_leave_one_consistent_set(couple: Couple) -> None:
    p, s = couple.patient, couple.space_id
    url = practice(s, "/dilator-set")
    labels = [["1", "2"], ["A", "B", "C"], ["x"], ["S", "M"]]
    responses = await asyncio.gather(
        *(p.request("PUT", url, json={"sizes": [{"label": x} for x in ls]}) for ls in labels)
    )
    assert all(r.status_code == 200 for r in responses)
    final = [x["label"] for x in await ok(p.get(url))]
    assert final in labels


# --- settings and plan -----------------------------------------------------------------------------
SETTINGS = {
    "hint_enabled": True,
    "hint_sessions": 3,
    "hint_min_minutes": 5,
    "hint_max_pain": 2,
    "hint_max_anxiety": 3,
    "inhale_seconds": 4,
    "exhale_seconds": 6,
}
SETTING_LIMITS = {
    "hint_sessions": (1, 10),
    "hint_min_minutes": (1, 60),
    "hint_max_pain": (0, 10),
    "hint_max_anxiety": (0, 10),
    "inhale_seconds": (2, 10),
    "exhale_seconds": (2, 12),
}


async def test_settings_start_at_the_defaults_and_are_validated(couple: Couple) -> None:
    p, s = couple.patient, couple.space_id
    url = practice(s, "/settings")
    got = await ok(p.get(url))
    # The readiness hint is off until the patient turns it on.
    assert {k: got[k] for k in SETTINGS} == {**SETTINGS, "hint_enabled": False}
    assert got["rule"] == {
        "enabled": False,
        "sessions": 3,
        "min_minutes": 5,
        "max_pain": 2,
        "max_anxiety": 3,
        "from_plan": [],
    }
    for field, (low, high) in SETTING_LIMITS.items():
        for value in (low, high):
            saved = await ok(p.request("PUT", url, json={**SETTINGS, field: value}))
            assert saved[field] == value
        for value in (low - 1, high + 1):
            await assert_bad(p.request("PUT", url, json={**SETTINGS, field: value}), field)
    await assert_bad(p.request("PUT", url, json={**SETTINGS, "hint_enabled": "off"}), "hint_enabled")
    missing = dict(SETTINGS)
    del missing["inhale_seconds"]
    await assert_bad(p.request("PUT", url, json=missing), "inhale_seconds")


async def test_first_settings_from_two_devices_make_one_row(couple: Couple, database_url: str) -> None:
    p, s = couple.patient, couple.space_id
    results = await asyncio.gather(
        *(p.request("PUT", practice(s, "/settings"), json={**SETTINGS, "inhale_seconds": 2 + i}) for i in range(6))
    )
    assert all(r.status_code == 200 for r in results)
    assert await count_rows(database_url, PracticeSettings, couple.patient.id) == 1


PLAN_LIMITS = {
    "hold_min_minutes": (1, 60),
    "hold_max_minutes": (1, 60),
    "sessions_per_week": (1, 14),
    "size_up_sessions": (1, 10),
    "size_up_min_minutes": (1, 60),
    "size_up_max_pain": (0, 10),
    "size_up_max_anxiety": (0, 10),
}


async def test_the_plan_is_optional_and_validated(couple: Couple) -> None:
    p, s = couple.patient, couple.space_id
    url = practice(s, "/plan")
    empty = await ok(p.get(url))
    assert set(empty.values()) == {None}
    for field, (low, high) in PLAN_LIMITS.items():
        for value in (low, high):
            assert (await ok(p.request("PUT", url, json={field: value})))[field] == value
        for value in (low - 1, high + 1):
            await assert_bad(p.request("PUT", url, json={field: value}), field)
    await assert_bad(p.request("PUT", url, json={"hold_min_minutes": 10, "hold_max_minutes": 9}), "hold_max_minutes")
    await assert_bad(p.request("PUT", url, json={"notes": "x" * 1001}), "notes")
    saved = await ok(p.request("PUT", url, json={"notes": "  Gentle.\nTwice a week.  ", "hold_min_minutes": 8}))
    assert saved["notes"] == "Gentle.\nTwice a week."
    cleared = await ok(p.request("PUT", url, json={}))
    assert cleared["hold_min_minutes"] is None and cleared["notes"] is None


async def test_the_plan_replaces_tandems_defaults(couple: Couple) -> None:
    p, s = couple.patient, couple.space_id
    overview = await ok(p.get(practice(s, "/overview")))
    assert overview["hold_window"] == {"min_minutes": 5, "max_minutes": 15, "from_plan": False}
    assert overview["pacer"] == {"inhale_seconds": 4, "exhale_seconds": 6}
    await ok(p.request("PUT", practice(s, "/plan"), json={"hold_min_minutes": 10, "hold_max_minutes": 20}))
    overview = await ok(p.get(practice(s, "/overview")))
    assert overview["hold_window"] == {"min_minutes": 10, "max_minutes": 20, "from_plan": True}
    # The plan's shortest hold becomes the readiness minimum when it names no separate one.
    assert overview["rule"]["min_minutes"] == 10
    assert overview["rule"]["from_plan"] == ["min_minutes"]
    await ok(p.request("PUT", practice(s, "/plan"), json={"hold_min_minutes": 20}))
    assert (await ok(p.get(practice(s, "/overview"))))["hold_window"] == {
        "min_minutes": 20,
        "max_minutes": 20,
        "from_plan": True,
    }


# --- goals ------------------------------------------------------------------------------------------
async def test_goals_in_the_patients_own_words(couple: Couple) -> None:
    p, s = couple.patient, couple.space_id
    url = practice(s, "/goals")
    first = await ok(p.post(url, json={"title": "  Use a tampon "}), 201)
    second = await ok(p.post(url, json={"title": "Comfortable with size 4", "status": "working_on"}), 201)
    assert (first["title"], first["status"], first["reached_at"]) == ("Use a tampon", "working_on", None)
    reached = await ok(
        p.request("PUT", practice(s, f"/goals/{first['id']}"), json={"title": "Use a tampon", "status": "reached"})
    )
    assert reached["reached_at"] is not None
    again = await ok(
        p.request("PUT", practice(s, f"/goals/{first['id']}"), json={"title": "Tampon", "status": "reached"})
    )
    assert again["reached_at"] == reached["reached_at"]
    aside = await ok(
        p.request("PUT", practice(s, f"/goals/{first['id']}"), json={"title": "Tampon", "status": "set_aside"})
    )
    assert aside["reached_at"] is None
    assert [g["id"] for g in await ok(p.get(url))] == [first["id"], second["id"]]
    for payload, field in (
        ({"title": ""}, "title"),
        ({"title": "   "}, "title"),
        ({"title": "x" * 121}, "title"),
        ({"title": "ok", "status": "failed"}, "status"),
        ({"title": "a\u0007b"}, "title"),
    ):
        await assert_bad(p.post(url, json=payload), field)
    await ok(p.post(url, json={"title": "x" * 120}), 201)
    assert (await p.delete(practice(s, f"/goals/{second['id']}"))).status_code == 204
    assert (await p.request("PUT", practice(s, f"/goals/{second['id']}"), json={"title": "x"})).status_code == 404


async def test_goals_are_capped(couple: Couple) -> None:
    p, s = couple.patient, couple.space_id
    for i in range(50):
        await ok(p.post(practice(s, "/goals"), json={"title": f"Goal {i}"}), 201)
    await assert_bad(p.post(practice(s, "/goals"), json={"title": "One more"}), "title")


# --- overview: defaults for a quick log, and the welcome back -----------------------------------------
async def test_the_overview_preselects_the_last_size(couple: Couple) -> None:
    p, s = couple.patient, couple.space_id
    empty = await ok(p.get(practice(s, "/overview")))
    assert (empty["sizes"], empty["last_dilator"], empty["has_entries"], empty["welcome_back"]) == (
        [],
        None,
        False,
        None,
    )
    sizes = await make_set(p, s, ["1", "2"])
    await log_dilator(p, s, sizes[0]["id"], when=ago(days=1))
    await log_dilator(p, s, sizes[1]["id"], when=ago(hours=2), minutes=8, pain=2, anxiety=1, depth="partly")
    await log(p, s, {"kind": "breathing", "practised_at": ago(hours=1), "minutes": 5})
    overview = await ok(p.get(practice(s, "/overview")))
    assert overview["last_dilator"] == {
        "size_id": sizes[1]["id"],
        "minutes": 8,
        "depth": "partly",
        "pain": 2,
        "anxiety": 1,
    }
    assert overview["has_entries"] is True and overview["welcome_back"] is None


async def test_after_a_break_the_patient_is_welcomed_back_at_a_comfortable_size(couple: Couple) -> None:
    p, s = couple.patient, couple.space_id
    sizes = await make_set(p, s, ["1", "2", "3"])
    await log_dilator(p, s, sizes[1]["id"], when=ago(days=12), pain=1, anxiety=2)
    await log_dilator(p, s, sizes[2]["id"], when=ago(days=10), pain=5, anxiety=6)
    overview = await ok(p.get(practice(s, "/overview")))
    assert overview["welcome_back"] == {"size_id": sizes[1]["id"], "size_label": "2"}
    # A later session that was harder does not change the suggestion: the latest comfortable one counts.
    await log_dilator(p, s, sizes[2]["id"], when=ago(days=9), pain=4, anxiety=2)
    assert (await ok(p.get(practice(s, "/overview"))))["welcome_back"]["size_label"] == "2"
    # Back within the week: no welcome message.
    await log(p, s, {"kind": "stretching", "practised_at": ago(days=6), "minutes": 5})
    assert (await ok(p.get(practice(s, "/overview"))))["welcome_back"] is None


async def test_welcome_back_falls_back_to_the_smallest_size(couple: Couple) -> None:
    p, s = couple.patient, couple.space_id
    sizes = await make_set(p, s, ["1", "2"])
    await log_dilator(p, s, sizes[1]["id"], when=ago(days=8), pain=6, anxiety=7)
    assert (await ok(p.get(practice(s, "/overview"))))["welcome_back"] == {"size_id": sizes[0]["id"], "size_label": "1"}


# --- progress and report ----------------------------------------------------------------------------
async def test_progress_has_chart_data_and_plain_highlights(couple: Couple) -> None:
    p, s = couple.patient, couple.space_id
    sizes = await make_set(p, s, ["1", "2"])
    await log_dilator(p, s, sizes[1]["id"], when=ago(days=27), pain=3, anxiety=6)
    await log_dilator(p, s, sizes[1]["id"], when=ago(hours=3), pain=1, anxiety=3)
    await log_dilator(p, s, sizes[0]["id"], when=ago(hours=2), pain=0, anxiety=1)
    await log(p, s, {"kind": "breathing", "practised_at": ago(days=40), "minutes": 5})
    progress = await ok(p.get(practice(s, "/progress")))
    assert [pt["size_label"] for pt in progress["dilator_sessions"]] == ["2", "2", "1"]
    assert progress["time_zone"] == "UTC"
    assert (datetime.fromisoformat(progress["end"]) - datetime.fromisoformat(progress["start"])).days == 27
    assert sum(w["practice_days"] for w in progress["weeks"]) == progress["practice_days"] in (2, 3)
    assert all(w["week_start"] <= progress["end"] for w in progress["weeks"])
    highlights = progress["highlights"]
    assert "You practised with sizes 1 and 2." in highlights
    assert "Your anxiety during size 2 sessions went from 6 to 3 over four weeks." in highlights
    assert "Your pain during size 2 sessions went from 3 to 1 over four weeks." in highlights
    assert not any("missed" in h or "streak" in h for h in highlights)
    longer = await ok(p.get(practice(s, f"/progress?start={(datetime.now(UTC) - timedelta(days=60)).date()}")))
    assert longer["practice_days"] == progress["practice_days"] + 1


async def test_progress_in_the_patients_time_zone(couple: Couple) -> None:
    p, s = couple.patient, couple.space_id
    # 23:30 UTC on 1 March is already 2 March in Tokyo.
    await log(p, s, {"kind": "breathing", "practised_at": "2026-03-01T23:30:00+00:00", "minutes": 5})
    utc = await ok(p.get(practice(s, "/progress?start=2026-03-02&end=2026-03-08")))
    tokyo = await ok(p.get(practice(s, "/progress?start=2026-03-02&end=2026-03-08&tz=Asia/Tokyo")))
    assert (utc["practice_days"], tokyo["practice_days"]) == (0, 1)
    assert tokyo["weeks"] == [{"week_start": "2026-03-02", "practice_days": 1}]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("tz=Mars/Olympus", "tz"),
        ("tz=a%20b", "tz"),
        ("tz=" + "A" * 65, "tz"),
        ("start=2026-13-01", "start"),
        ("start=2026-03-10&end=2026-03-01", "start"),
        ("start=2024-01-01&end=2026-01-01", "end"),
    ],
)
async def test_progress_and_report_parameters_are_checked(couple: Couple, query: str, field: str) -> None:
    for route in ("/progress", "/report"):
        await assert_bad(couple.patient.get(practice(couple.space_id, f"{route}?{query}")), field)


async def test_the_report_holds_sessions_goals_and_plan(couple: Couple) -> None:
    p, s = couple.patient, couple.space_id
    sizes = await make_set(p, s, ["1"])
    await log_dilator(p, s, sizes[0]["id"], note="for Dr. K")
    await ok(p.post(practice(s, "/goals"), json={"title": "A calm exam"}), 201)
    await ok(p.request("PUT", practice(s, "/plan"), json={"sessions_per_week": 4}))
    report = await ok(p.get(practice(s, "/report?tz=Europe/Berlin")))
    assert [e["note"] for e in report["entries"]] == ["for Dr. K"]
    assert report["truncated"] is False
    assert [g["title"] for g in report["goals"]] == ["A calm exam"]
    assert report["plan"]["sessions_per_week"] == 4
    # The report is read by a clinician: it speaks of the patient in the third person.
    assert report["progress"]["highlights"]
    assert all(h.startswith("The patient") for h in report["progress"]["highlights"]), report["progress"]
    assert not any("You " in h or "Your " in h for h in report["progress"]["highlights"])
    assert report["time_zone"] == "Europe/Berlin"
    assert len(report["progress"]["dilator_sessions"]) == 1


# --- the partner sees none of it ---------------------------------------------------------------------------
async def test_the_partner_cannot_tell_whether_a_journal_exists(couple: Couple) -> None:
    p, q, s = couple.patient, couple.partner, couple.space_id
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
    before = {r: (await q.get(practice(s, r))) for r in routes}
    sizes = await make_set(p, s, ["1"])
    entry = await log_dilator(p, s, sizes[0]["id"], note="private")
    await ok(p.post(practice(s, "/goals"), json={"title": "private goal"}), 201)
    await draft(p, s)
    for route in routes:
        after = await q.get(practice(s, route))
        assert (
            (after.status_code, after.content)
            == (before[route].status_code, before[route].content)
            == (
                404,
                before[route].content,
            )
        )
    probe = await q.get(practice(s, f"/entries/{entry['id']}"))
    unknown = await q.get(practice(s, f"/entries/{uuid.uuid4()}"))
    assert (probe.status_code, probe.content) == (unknown.status_code, unknown.content) == (404, unknown.content)
    # Writing as the partner changes nothing and answers like nothing exists.
    assert (await q.post(practice(s, "/entries"), json=dilator_body(sizes[0]["id"]))).status_code == 404
    assert (await q.delete(practice(s, f"/entries/{entry['id']}"))).status_code == 404
    assert (await ok(p.get(practice(s, f"/entries/{entry['id']}"))))["note"] == "private"
    assert (await ok(q.get(shared(s))))["items"] == []


# --- export and erasure ------------------------------------------------------------------------------------
async def test_the_patients_export_holds_the_whole_journal(couple: Couple) -> None:
    p, q, s = couple.patient, couple.partner, couple.space_id
    sizes = await make_set(p, s, ["1", "2"])
    await log_dilator(p, s, sizes[0]["id"], note="exported note")
    await ok(p.post(practice(s, "/goals"), json={"title": "exported goal"}), 201)
    await ok(p.request("PUT", practice(s, "/plan"), json={"notes": "exported plan"}))
    await ok(p.request("PUT", practice(s, "/settings"), json=SETTINGS))
    summary = await draft(p, s)
    await ok(p.request("PUT", practice(s, f"/summaries/{summary['id']}"), json={"message": "exported message"}))
    await publish(p, s, summary["id"])
    await ok(q.request("PUT", shared(s, f"/{summary['id']}/reaction"), json={"kind": "proud-of-you"}))
    records = (await ok(p.get("/api/v1/me/export")))["records"]
    journal = records["practice"]["authored"]
    assert [e["note"] for e in journal["entries"]] == ["exported note"]
    assert [x["label"] for x in journal["dilator_sizes"]] == ["1", "2"]
    assert [g["title"] for g in journal["goals"]] == ["exported goal"]
    assert journal["clinician_plans"][0]["notes"] == "exported plan"
    assert journal["settings"][0]["inhale_seconds"] == 4
    mine = records["summaries"]["authored"]["summaries"]
    assert mine[0]["message"] == "exported message" and mine[0]["lines"]
    assert records["summaries"]["shared_with_me"]["reactions"][0]["text"] == "Proud of you"

    partner_export = await q.get("/api/v1/me/export")
    partner_records = partner_export.json()["records"]
    assert partner_records["summaries"]["authored"]["reactions"][0]["kind"] == "proud-of-you"
    assert partner_records["summaries"]["authored"]["summaries"] == []
    assert partner_records["summaries"]["shared_with_me"] == {"reactions": []}
    assert all(v == [] for v in partner_records["practice"]["authored"].values())
    for private in ("exported note", "exported goal", "exported plan", "exported message"):
        assert private not in partner_export.text


async def count_rows(database_url: str, model: type[Any], author_id: str) -> int:
    engine = make_engine(database_url)
    try:
        async with AsyncSession(engine) as db:
            value = await db.scalar(
                select(func.count()).select_from(model).where(model.author_id == uuid.UUID(author_id))
            )
            return int(value or 0)
    finally:
        await engine.dispose()


async def test_deleting_the_patients_account_removes_the_journal(couple: Couple, database_url: str) -> None:
    p, q, s = couple.patient, couple.partner, couple.space_id
    sizes = await make_set(p, s, ["1", "2"])
    await log_dilator(p, s, sizes[0]["id"])
    await ok(p.post(practice(s, "/goals"), json={"title": "gone"}), 201)
    await ok(p.request("PUT", practice(s, "/plan"), json={"notes": "gone"}))
    await ok(p.request("PUT", practice(s, "/settings"), json=SETTINGS))
    summary = await draft(p, s)
    await publish(p, s, summary["id"])
    await ok(q.request("PUT", shared(s, f"/{summary['id']}/reaction"), json={"kind": "proud-of-you"}))
    assert (await p.delete("/api/v1/me", json={"password": PASSWORD})).status_code == 204
    for model in (PracticeEntry, DilatorSize, Goal, ClinicianPlan, PracticeSettings, Summary):
        assert await count_rows(database_url, model, p.id) == 0, model
    # The partner's reaction is theirs: it outlives the summary it answered, without a link to it.
    assert await count_rows(database_url, SummaryReaction, q.id) == 1
    given = (await ok(q.get("/api/v1/me/export")))["records"]["summaries"]["authored"]["reactions"]
    assert [(r["kind"], r["summary_id"]) for r in given] == [("proud-of-you", None)]
    engine = make_engine(database_url)
    try:
        async with AsyncSession(engine) as db:
            lines = await db.scalar(
                select(func.count()).select_from(SummaryLine).where(SummaryLine.summary_id == uuid.UUID(summary["id"]))
            )
            assert lines == 0
    finally:
        await engine.dispose()
    assert (await ok(q.get(shared(s))))["items"] == []
