"""Progress summaries: draft, tick, preview, publish, edit (a new version), withdraw; reactions."""

from __future__ import annotations

import asyncio
import uuid
from datetime import timedelta
from typing import Any

import msgspec
from litestar import Litestar

from tandem.core.catalog import read_catalog
from tandem.summaries.service import CATALOG_FILE, ReactionKindEntry

from .journal import ago, draft, log, log_dilator, make_set, ok, practice, publish, set_message, shared, today, withdraw
from .people import Couple, Person
from .problems import assert_bad


async def journal_with_goal(couple: Couple) -> None:
    p, s = couple.patient, couple.space_id
    sizes = await make_set(p, s, ["1", "2"])
    await log_dilator(p, s, sizes[1]["id"], when=ago(days=20), pain=4, anxiety=6)
    await log_dilator(p, s, sizes[1]["id"], when=ago(days=1), pain=1, anxiety=2)
    await log(p, s, {"kind": "breathing", "practised_at": ago(days=1), "minutes": 10})
    goal = await ok(p.post(practice(s, "/goals"), json={"title": "Use a tampon"}), 201)
    await ok(p.request("PUT", practice(s, f"/goals/{goal['id']}"), json={"title": "Use a tampon", "status": "reached"}))


def without_date(view: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in view.items() if k != "published_at"}


async def test_a_draft_is_separate_lines_from_the_journal(couple: Couple) -> None:
    await journal_with_goal(couple)
    summary = await draft(couple.patient, couple.space_id, tick_all=False)
    assert (summary["status"], summary["version"], summary["message"]) == ("draft", 0, None)
    texts = [line["text"] for line in summary["lines"]]
    assert texts[:3] == [
        "I practised on two days in this period.",
        "My practice included dilator sessions and breathing exercises.",
        "I practised with size 2.",
    ]
    assert "My anxiety during size 2 sessions went from 6 to 2 over three weeks." in texts
    assert "My pain during size 2 sessions went from 4 to 1 over three weeks." in texts
    assert "I reached a goal: Use a tampon" in texts
    # Nothing is shared unless ticked: every line starts unticked.
    assert not any(line["included"] for line in summary["lines"])
    assert [line["position"] for line in summary["lines"]] == list(range(len(texts)))


async def test_a_quiet_period_is_said_gently(couple: Couple) -> None:
    summary = await draft(couple.patient, couple.space_id)
    assert [line["text"] for line in summary["lines"]] == ["This was a quieter period for practice."]


async def test_draft_input_is_validated(couple: Couple) -> None:
    p, s = couple.patient, couple.space_id
    url = practice(s, "/summaries")
    day = today()
    for body, field in (
        ({"period_start": day.isoformat(), "period_end": (day - timedelta(days=1)).isoformat()}, "period_start"),
        ({"period_start": (day - timedelta(days=366)).isoformat(), "period_end": day.isoformat()}, "period_end"),
        ({"period_start": "2026-02-30", "period_end": day.isoformat()}, "period_start"),
        ({"period_start": day.isoformat(), "period_end": day.isoformat(), "tz": "Nowhere/City"}, "tz"),
        ({"period_start": day.isoformat(), "period_end": day.isoformat(), "tz": "x y"}, "tz"),
        ({"period_start": day.isoformat()}, "period_end"),
    ):
        await assert_bad(p.post(url, json=body), field)
    year = {"period_start": (day - timedelta(days=365)).isoformat(), "period_end": day.isoformat()}
    await ok(p.post(url, json=year), 201)


async def test_compose_preview_publish_and_the_partner_sees_exactly_the_ticked_lines(couple: Couple) -> None:
    p, q, s = couple.patient, couple.partner, couple.space_id
    await journal_with_goal(couple)
    summary = await draft(p, s)
    sid = summary["id"]
    private_line = next(line for line in summary["lines"] if line["topic"].startswith("goal:"))
    choices = {
        "message": "  Thank you for being patient with me.  ",
        "lines": [{"id": private_line["id"], "included": False}],
    }

    # Nothing reaches the partner before publishing, not even that a draft exists.
    assert (await ok(q.get(shared(s))))["items"] == []
    hidden, unknown = await q.get(shared(s, f"/{sid}")), await q.get(shared(s, f"/{uuid.uuid4()}"))
    assert (hidden.status_code, hidden.content) == (404, unknown.content)

    preview = await ok(p.post(practice(s, f"/summaries/{sid}/preview"), json=choices))
    assert private_line["text"] not in preview["lines"]
    assert preview["message"] == "Thank you for being patient with me."
    # Previewing saved nothing.
    assert (await ok(p.get(practice(s, f"/summaries/{sid}"))))["message"] is None

    saved = await ok(p.request("PUT", practice(s, f"/summaries/{sid}"), json=choices))
    assert saved["version"] == 0 and saved["status"] == "draft"
    published = await publish(p, s, sid)
    assert (published["status"], published["version"]) == ("published", 1)

    seen = (await ok(q.get(shared(s))))["items"]
    assert len(seen) == 1
    assert without_date(seen[0]) == without_date(preview)
    assert seen[0]["lines"] == [line["text"] for line in summary["lines"] if line["id"] != private_line["id"]]
    response = await q.get(shared(s, f"/{sid}"))
    assert response.json() == seen[0]
    assert "Use a tampon" not in response.text
    assert set(seen[0]) == {
        "id",
        "period_start",
        "period_end",
        "lines",
        "message",
        "updated",
        "published_at",
        "reactions",
    }
    assert seen[0]["updated"] is False
    # Publishing again changes nothing.
    assert (await publish(p, s, sid))["version"] == 1


async def test_an_edit_is_a_new_version_and_the_old_text_is_gone(couple: Couple) -> None:
    p, q, s = couple.patient, couple.partner, couple.space_id
    await journal_with_goal(couple)
    summary = await draft(p, s)
    sid = summary["id"]
    await set_message(p, s, sid, "First words")
    await publish(p, s, sid)
    first = await ok(q.get(shared(s, f"/{sid}")))
    # Saving without a change is not a new version.
    unchanged = await set_message(p, s, sid, "First words")
    assert unchanged["version"] == 1
    line = summary["lines"][0]
    edited = await set_message(p, s, sid, "Second words", [{"id": line["id"], "included": False}])
    assert (edited["status"], edited["version"]) == ("published", 2)
    response = await q.get(shared(s, f"/{sid}"))
    now = response.json()
    assert now["updated"] is True and now["message"] == "Second words"
    assert "version" not in now  # how many times it was published is not the partner's to know
    assert first["updated"] is False
    assert line["text"] not in now["lines"]
    assert "First words" not in response.text
    assert now["published_at"] >= first["published_at"]
    # A published summary can't be emptied: withdrawing is how to stop sharing.
    everything_off = [{"id": x["id"], "included": False} for x in summary["lines"]]
    await assert_bad(
        p.request("PUT", practice(s, f"/summaries/{sid}"), json={"message": "", "lines": everything_off}), "lines"
    )


async def test_withdrawing_takes_effect_at_once(couple: Couple) -> None:
    p, q, s = couple.patient, couple.partner, couple.space_id
    await journal_with_goal(couple)
    older = await draft(p, s)
    await publish(p, s, older["id"])
    summary = await draft(p, s)
    sid = summary["id"]
    await set_message(p, s, sid, "Withdraw me")
    await publish(p, s, sid)
    await ok(q.request("PUT", shared(s, f"/{sid}/reaction"), json={"kind": "proud-of-you"}))
    assert [x["id"] for x in (await ok(q.get(shared(s))))["items"]] == [sid, older["id"]]

    withdrawn = await withdraw(p, s, sid)
    assert withdrawn["status"] == "withdrawn" and withdrawn["withdrawn_at"] is not None
    gone, unknown = await q.get(shared(s, f"/{sid}")), await q.get(shared(s, f"/{uuid.uuid4()}"))
    assert (gone.status_code, gone.content) == (404, unknown.content)
    listed = await q.get(shared(s))
    assert [x["id"] for x in listed.json()["items"]] == [older["id"]]
    assert "Withdraw me" not in listed.text
    assert (await q.request("PUT", shared(s, f"/{sid}/reaction"), json={"kind": "here-for-you"})).status_code == 404
    assert (await q.delete(shared(s, f"/{sid}/reaction"))).status_code == 404
    export = await q.get("/api/v1/me/export")
    assert "Withdraw me" not in export.text
    # The patient still has it, and may share it again: a new version.
    assert (await ok(p.get(practice(s, f"/summaries/{sid}"))))["status"] == "withdrawn"
    assert (await withdraw(p, s, sid))["status"] == "withdrawn"
    again = await publish(p, s, sid)
    assert (again["status"], again["version"]) == ("published", 2)
    assert (await ok(q.get(shared(s, f"/{sid}"))))["message"] == "Withdraw me"


async def test_a_draft_cannot_be_withdrawn_or_published_empty(couple: Couple) -> None:
    p, s = couple.patient, couple.space_id
    summary = await draft(p, s)
    sid = summary["id"]
    assert (await p.post(practice(s, f"/summaries/{sid}/withdraw"))).status_code == 409
    off = [{"id": x["id"], "included": False} for x in summary["lines"]]
    await set_message(p, s, sid, "   ", off)
    await assert_bad(p.post(practice(s, f"/summaries/{sid}/publish")), "lines")
    await set_message(p, s, sid, "Only a message", off)
    assert (await publish(p, s, sid))["status"] == "published"


async def test_summary_choices_are_validated(couple: Couple) -> None:
    p, s = couple.patient, couple.space_id
    summary = await draft(p, s)
    url = practice(s, f"/summaries/{summary['id']}")
    await ok(p.request("PUT", url, json={"message": "x" * 1000}))
    for body, field in (
        ({"message": "x" * 1001}, "message"),
        ({"message": "a\u0000"}, "message"),
        ({"lines": [{"id": str(uuid.uuid4()), "included": False}]}, "lines"),
        ({"lines": [{"id": summary["lines"][0]["id"], "included": False}] * 41}, "lines"),
        ({"lines": [{"id": summary["lines"][0]["id"]}]}, "included"),
        ({"status": "published"}, "status"),
    ):
        await assert_bad(p.request("PUT", url, json=body), field)
        await assert_bad(p.post(practice(s, f"/summaries/{summary['id']}/preview"), json=body), field)
    for query, field in (("limit=0", "limit"), ("limit=101", "limit"), ("cursor=not-a-cursor", "cursor")):
        await assert_bad(p.get(practice(s, f"/summaries?{query}")), field)
        await assert_bad(p.get(shared(s, f"?{query}")), field)


async def test_lines_of_another_summary_are_refused(couple: Couple) -> None:
    p, s = couple.patient, couple.space_id
    first, second = await draft(p, s), await draft(p, s)
    body = {"lines": [{"id": first["lines"][0]["id"], "included": False}]}
    await assert_bad(p.request("PUT", practice(s, f"/summaries/{second['id']}"), json=body), "lines")


async def test_the_patient_lists_and_deletes_summaries(couple: Couple) -> None:
    p, q, s = couple.patient, couple.partner, couple.space_id
    first = await draft(p, s)
    second = await draft(p, s)
    await publish(p, s, second["id"])
    listed = (await ok(p.get(practice(s, "/summaries"))))["items"]
    assert [x["id"] for x in listed] == [second["id"], first["id"]]
    assert [x["status"] for x in listed] == ["published", "draft"]
    # The patient's own shared view lists only what is published.
    assert [x["id"] for x in (await ok(p.get(shared(s))))["items"]] == [second["id"]]
    assert (await p.get(shared(s, f"/{first['id']}"))).status_code == 404
    assert (await p.delete(practice(s, f"/summaries/{second['id']}"))).status_code == 204
    assert (await ok(q.get(shared(s))))["items"] == []
    assert (await q.get(shared(s, f"/{second['id']}"))).status_code == 404


# --- reactions -----------------------------------------------------------------------------------------
async def test_the_partner_reacts_from_the_fixed_set_and_the_patient_sees_it(couple: Couple) -> None:
    p, q, s = couple.patient, couple.partner, couple.space_id
    summary = await draft(p, s)
    sid = summary["id"]
    assert (await q.request("PUT", shared(s, f"/{sid}/reaction"), json={"kind": "proud-of-you"})).status_code == 404
    await publish(p, s, sid)
    kinds = await ok(q.get("/api/v1/summary-reactions"))
    assert {"id": "proud-of-you", "text": "Proud of you"} in kinds
    reacted = await ok(q.request("PUT", shared(s, f"/{sid}/reaction"), json={"kind": "proud-of-you"}))
    assert [r["text"] for r in reacted["reactions"]] == ["Proud of you"]
    changed = await ok(q.request("PUT", shared(s, f"/{sid}/reaction"), json={"kind": "here-for-you"}))
    assert [r["kind"] for r in changed["reactions"]] == ["here-for-you"]
    assert [r["text"] for r in (await ok(p.get(practice(s, f"/summaries/{sid}"))))["reactions"]] == ["I'm here for you"]
    assert [r["text"] for r in (await ok(p.get(shared(s, f"/{sid}"))))["reactions"]] == ["I'm here for you"]
    for kind in ("you-can-do-better", "", "x" * 41):
        await assert_bad(q.request("PUT", shared(s, f"/{sid}/reaction"), json={"kind": kind}), "kind")
    await assert_bad(
        q.request("PUT", shared(s, f"/{sid}/reaction"), json={"kind": "proud-of-you", "note": "hi"}), "note"
    )
    # The patient does not react to their own summary.
    own = await p.request("PUT", shared(s, f"/{sid}/reaction"), json={"kind": "proud-of-you"})
    assert own.status_code == 403
    assert (await q.delete(shared(s, f"/{sid}/reaction"))).status_code == 204
    assert (await q.delete(shared(s, f"/{sid}/reaction"))).status_code == 204
    assert (await ok(p.get(practice(s, f"/summaries/{sid}"))))["reactions"] == []


async def test_reacting_from_two_devices_at_once_leaves_one_reaction(app: Litestar, couple: Couple) -> None:
    p, q, s = couple.patient, couple.partner, couple.space_id
    summary = await draft(p, s)
    await publish(p, s, summary["id"])
    second_device = Person(app, email=q.email)
    assert (await second_device.log_in()).status_code == 200
    kinds = ["proud-of-you", "here-for-you", "sending-love", "in-this-together"]
    people = [q, second_device, q, second_device]
    results = await asyncio.gather(
        *(
            who.request("PUT", shared(s, f"/{summary['id']}/reaction"), json={"kind": k})
            for who, k in zip(people, kinds, strict=True)
        )
    )
    assert all(r.status_code == 200 for r in results), [r.text for r in results]
    final = (await ok(p.get(practice(s, f"/summaries/{summary['id']}"))))["reactions"]
    assert len(final) == 1 and final[0]["kind"] in kinds


async def test_concurrent_edits_each_make_a_version(couple: Couple) -> None:
    p, s = couple.patient, couple.space_id
    summary = await draft(p, s)
    await publish(p, s, summary["id"])
    results = await asyncio.gather(
        *(p.request("PUT", practice(s, f"/summaries/{summary['id']}"), json={"message": f"take {i}"}) for i in range(5))
    )
    assert all(r.status_code == 200 for r in results)
    assert (await ok(p.get(practice(s, f"/summaries/{summary['id']}"))))["version"] == 6


# --- the catalog ---------------------------------------------------------------------------------------
def test_the_reaction_catalog_is_valid_and_kind() -> None:
    catalog = read_catalog(CATALOG_FILE, ReactionKindEntry)
    assert catalog.version >= 1
    ids = [item.id for item in catalog.items]
    assert len(ids) == len(set(ids))
    assert 3 <= len(ids) <= 8
    assert {"proud-of-you", "thank-you-for-sharing", "here-for-you"} <= set(ids)
    for item in catalog.items:
        assert 1 <= len(item.text) <= 80 and len(item.id) <= 40
        assert item.id == item.id.lower() and " " not in item.id
        # Supportive, not evaluative: no grades, no pushing.
        assert not any(word in item.text.lower() for word in ("try", "should", "better", "finally", "!"))


async def test_the_catalog_route_lists_the_synchronised_set(signed_up: Person, app: Litestar) -> None:
    listed = await ok(signed_up.get("/api/v1/summary-reactions"))
    catalog = read_catalog(CATALOG_FILE, ReactionKindEntry)
    assert listed == [msgspec.structs.asdict(item) for item in catalog.items]
    assert (await Person(app).get("/api/v1/summary-reactions")).status_code == 401
