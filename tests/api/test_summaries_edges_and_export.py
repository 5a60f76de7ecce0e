"""The practice journal and summaries at their edges: the export's reactions, the
partner's "updated" mark, extreme dates and time zones, long drafted lines, the number of lines, and
an update that leaves the message out."""

from __future__ import annotations

from typing import Any

import pytest

from tandem.practice import service as practice_service

from .journal import ago, draft, log_dilator, make_set, ok, practice, publish, set_message, shared, withdraw
from .people import Couple, Person
from .problems import assert_bad


async def export_records(person: Person) -> dict[str, Any]:
    records: dict[str, Any] = (await ok(person.get("/api/v1/me/export")))["records"]
    return records


async def published_with_reaction(couple: Couple, message: str) -> str:
    p, q, s = couple.patient, couple.partner, couple.space_id
    summary = await draft(p, s)
    await set_message(p, s, summary["id"], message)
    await publish(p, s, summary["id"])
    await ok(q.request("PUT", shared(s, f"/{summary['id']}/reaction"), json={"kind": "proud-of-you"}))
    return str(summary["id"])


# --- 1. the export of a member who left the space ----------------------------------------------------
async def test_a_member_who_left_exports_no_reactions_of_the_former_partner(couple: Couple) -> None:
    p = couple.patient
    await published_with_reaction(couple, "Before leaving")
    before = await export_records(p)
    assert [r["kind"] for r in before["summaries"]["shared_with_me"]["reactions"]] == ["proud-of-you"]
    assert (await p.post(f"/api/v1/spaces/{couple.space_id}/leave")).status_code == 204
    after = await export_records(p)
    assert after["summaries"]["shared_with_me"] == {"reactions": []}
    # What they wrote themselves stays theirs.
    assert [x["message"] for x in after["summaries"]["authored"]["summaries"]] == ["Before leaving"]


# --- 2. withdrawn and deleted look the same in the partner's export --------------------------------------
async def test_the_partners_export_links_a_reaction_only_while_the_summary_is_shared(couple: Couple) -> None:
    p, q, s = couple.patient, couple.partner, couple.space_id
    kept = await published_with_reaction(couple, "Still shared")
    withdrawn = await published_with_reaction(couple, "Withdrawn later")
    deleted = await published_with_reaction(couple, "Deleted later")
    linked = [r["summary_id"] for r in (await export_records(q))["summaries"]["authored"]["reactions"]]
    assert linked == [kept, withdrawn, deleted]

    await withdraw(p, s, withdrawn)
    assert (await p.delete(practice(s, f"/summaries/{deleted}"))).status_code == 204
    export = await q.get("/api/v1/me/export")
    reactions = export.json()["records"]["summaries"]["authored"]["reactions"]
    # The partner's reactions stay theirs either way; only the link goes (issue 10, deletion rules).
    assert [r["summary_id"] for r in reactions] == [kept, None, None]
    assert withdrawn not in export.text and deleted not in export.text
    # Shared again, the link is back.
    await publish(p, s, withdrawn)
    again = (await export_records(q))["summaries"]["authored"]["reactions"]
    assert [r["summary_id"] for r in again] == [kept, withdrawn, None]


# --- 3. "updated" counts only edits within the current publication ---------------------------------------
async def test_the_partner_sees_updated_only_for_edits_since_this_publication(couple: Couple) -> None:
    p, q, s = couple.patient, couple.partner, couple.space_id
    summary = await draft(p, s)
    sid = summary["id"]
    await set_message(p, s, sid, "First")
    preview = await ok(p.post(practice(s, f"/summaries/{sid}/preview"), json={}))
    assert preview["updated"] is False and "version" not in preview
    await publish(p, s, sid)
    first = await ok(q.get(shared(s, f"/{sid}")))
    assert first["updated"] is False and "version" not in first
    # Saving without a change is not an edit.
    await set_message(p, s, sid, "First")
    assert (await ok(q.get(shared(s, f"/{sid}"))))["updated"] is False
    assert (await ok(p.post(practice(s, f"/summaries/{sid}/preview"), json={})))["updated"] is False
    changed = await ok(p.post(practice(s, f"/summaries/{sid}/preview"), json={"message": "Second"}))
    assert changed["updated"] is True
    await set_message(p, s, sid, "Second")
    edited = await ok(q.get(shared(s, f"/{sid}")))
    assert edited["updated"] is True and edited["published_at"] == first["published_at"]
    assert (await ok(p.post(practice(s, f"/summaries/{sid}/preview"), json={})))["updated"] is True
    # Withdrawn and shared again: as fresh as a first publication.
    await withdraw(p, s, sid)
    assert (await ok(p.post(practice(s, f"/summaries/{sid}/preview"), json={})))["updated"] is False
    await publish(p, s, sid)
    again = await ok(q.get(shared(s, f"/{sid}")))
    assert again["updated"] is False and again["message"] == "Second"
    listed = (await ok(q.get(shared(s))))["items"]
    assert [x["updated"] for x in listed] == [False]


# --- 4. extreme dates and directory time zones -----------------------------------------------------------
async def test_extreme_dates_and_directory_time_zones_are_a_400(couple: Couple) -> None:
    p, s = couple.patient, couple.space_id
    for route in ("/progress", "/report"):
        for query, field in (
            ("end=9999-12-31", "end"),
            ("start=9999-12-30&end=9999-12-31", "start"),
            ("start=0001-01-01&end=0001-01-10&tz=Asia/Tokyo", "start"),
            ("start=0001-01-01&end=0001-01-10", "start"),
            ("end=0001-01-01&tz=Pacific/Kiritimati", "end"),
            ("tz=America", "tz"),
            ("tz=Etc", "tz"),
        ):
            await assert_bad(p.get(practice(s, f"{route}?{query}")), field)
        await ok(p.get(practice(s, f"{route}?start=2999-12-01&end=2999-12-31&tz=Pacific/Kiritimati")))
        await ok(p.get(practice(s, f"{route}?start=1900-01-01&end=1900-01-31&tz=Asia/Tokyo")))
    url = practice(s, "/summaries")
    for body, field in (
        ({"period_start": "9999-12-30", "period_end": "9999-12-31"}, "period_start"),
        ({"period_start": "2026-01-01", "period_end": "9999-12-31"}, "period_end"),
        ({"period_start": "0001-01-01", "period_end": "0001-01-10", "tz": "Asia/Tokyo"}, "period_start"),
        ({"period_start": "2026-01-01", "period_end": "2026-01-10", "tz": "America"}, "tz"),
        ({"period_start": "2026-01-01", "period_end": "2026-01-10", "tz": "Etc"}, "tz"),
    ):
        await assert_bad(p.post(url, json=body), field)


# --- 5 and 6. long labels and many lines ---------------------------------------------------------------
async def test_a_draft_of_a_full_journal_fits_its_columns_and_the_update_limit(couple: Couple) -> None:
    p, s = couple.patient, couple.space_id
    labels = [f"{i:02d} " + "long size label " * 3 for i in range(12)]
    labels = [label[:48].strip() for label in labels]
    sizes = await make_set(p, s, labels)
    for size in sizes:
        await log_dilator(p, s, size["id"], when=ago(days=6), pain=5, anxiety=6)
        await log_dilator(p, s, size["id"], when=ago(days=2), pain=2, anxiety=1)
    for i in range(20):
        goal = await ok(p.post(practice(s, "/goals"), json={"title": f"Goal {i} " + "x" * 100}), 201)
        await ok(
            p.request("PUT", practice(s, f"/goals/{goal['id']}"), json={"title": goal["title"], "status": "reached"})
        )
    summary = await draft(p, s)
    texts = [line["text"] for line in summary["lines"]]
    assert all(len(text) <= 300 for text in texts), max(texts, key=len)
    assert len(texts) <= 40
    sizes_line = next(x["text"] for x in summary["lines"] if x["topic"] == "sizes")
    assert sizes_line.startswith(f"I practised with sizes {labels[0]}, ") and "nine more" in sizes_line
    goal_lines = [x["text"] for x in summary["lines"] if x["topic"].startswith("goal")]
    assert len(goal_lines) == 5 and goal_lines[-1] == "I reached 16 more goals."
    # Every drafted line can be named in one update.
    off = [{"id": x["id"], "included": False} for x in summary["lines"]]
    saved = await ok(
        p.request("PUT", practice(s, f"/summaries/{summary['id']}"), json={"message": "Hello", "lines": off})
    )
    assert not any(x["included"] for x in saved["lines"])
    assert (await publish(p, s, summary["id"]))["status"] == "published"
    progress = await ok(p.get(practice(s, "/progress")))
    assert "nine more" in next(h for h in progress["highlights"] if "sizes" in h)


# --- 7. an update that leaves the message out keeps it --------------------------------------------------
async def test_leaving_the_message_out_keeps_it(couple: Couple) -> None:
    p, q, s = couple.patient, couple.partner, couple.space_id
    summary = await draft(p, s)
    sid, line = summary["id"], summary["lines"][0]
    url = practice(s, f"/summaries/{sid}")
    await set_message(p, s, sid, "Keep me")
    await publish(p, s, sid)
    choice = {"lines": [{"id": line["id"], "included": True}]}
    preview = await ok(p.post(practice(s, f"/summaries/{sid}/preview"), json=choice))
    assert (preview["message"], preview["updated"]) == ("Keep me", False)
    kept = await ok(p.request("PUT", url, json=choice))
    assert (kept["message"], kept["version"]) == ("Keep me", 1)
    assert (await ok(q.get(shared(s, f"/{sid}"))))["message"] == "Keep me"
    # Null (or empty) still removes it on purpose.
    cleared = await ok(p.request("PUT", url, json={"message": None}))
    assert cleared["message"] is None


# --- 9. the report cuts only its table -------------------------------------------------------------------
async def test_the_report_cuts_the_table_but_charts_the_whole_period(
    couple: Couple, monkeypatch: pytest.MonkeyPatch
) -> None:
    p, s = couple.patient, couple.space_id
    monkeypatch.setattr(practice_service, "MAX_REPORT_ENTRIES", 2)
    sizes = await make_set(p, s, ["1"])
    for days in (4, 3, 2, 1):
        await log_dilator(p, s, sizes[0]["id"], when=ago(days=days))
    report = await ok(p.get(practice(s, "/report")))
    assert report["truncated"] is True and len(report["entries"]) == 2
    assert len(report["progress"]["dilator_sessions"]) == 4
    assert report["progress"]["practice_days"] == 4


# --- 9. readiness counts only sessions held fully -------------------------------------------------------
@pytest.mark.parametrize(("depth", "ready"), [("fully", True), ("partly", False), ("tip", False)])
async def test_readiness_counts_a_session_only_when_held_fully(couple: Couple, depth: str, ready: bool) -> None:
    p, s = couple.patient, couple.space_id
    sizes = await make_set(p, s, ["1", "2"])
    one = sizes[0]["id"]
    settings = await ok(p.get(practice(s, "/settings")))
    on = {k: settings[k] for k in settings if k != "rule"} | {"hint_enabled": True}
    await ok(p.request("PUT", practice(s, "/settings"), json=on))  # the hint starts off
    # Exactly at every other threshold (5 minutes, pain 2, anxiety 3); the latest one sets the depth.
    await log_dilator(p, s, one, when=ago(days=3), minutes=5, pain=2, anxiety=3)
    await log_dilator(p, s, one, when=ago(days=2), minutes=5, pain=2, anxiety=3)
    await log_dilator(p, s, one, when=ago(days=1), minutes=5, pain=2, anxiety=3, depth=depth)
    hint = (await ok(p.get(practice(s, "/overview"))))["readiness"]
    assert (hint is not None) is ready
    if ready:
        assert hint["next_size_label"] == "2"
