"""Gentle reminders: off by default, in the member's own calendar feed only, neutrally titled, one switch off."""

from __future__ import annotations

from typing import Any

from .people import Couple, Person
from .problems import assert_bad


def reminders_url(couple: Couple, rest: str = "") -> str:
    return f"/api/v1/spaces/{couple.space_id}/reminders{rest}"


async def feed(couple: Couple, person: Person) -> str:
    issued = await person.post(f"/api/v1/spaces/{couple.space_id}/calendar-feed", json={})
    assert issued.status_code == 201, issued.text
    response = await person.get(issued.json()["path"])
    assert response.status_code == 200
    return response.text


def unfolded(text: str) -> list[str]:
    return text.replace("\r\n ", "").split("\r\n")


async def set_reminder(couple: Couple, person: Person, kind: str, **body: Any) -> dict[str, Any]:
    response = await person.request("PUT", reminders_url(couple, f"/{kind}"), json=body)
    assert response.status_code == 200, response.text
    return dict(response.json())


async def test_no_reminder_until_one_is_added(couple: Couple) -> None:
    assert (await couple.patient.get(reminders_url(couple))).json() == {"practice": None, "checkin": None}
    text = await feed(couple, couple.patient)
    assert "VALARM" not in text and "RRULE" not in text


async def test_a_reminder_rings_from_the_own_feed_only_with_a_neutral_title(couple: Couple) -> None:
    await set_reminder(couple, couple.patient, "practice", at="21:15")
    await set_reminder(couple, couple.patient, "checkin", at="08:05", weekdays=[3, 1, 3])
    mine = (await couple.patient.get(reminders_url(couple))).json()
    assert (mine["practice"]["at"], mine["practice"]["weekdays"]) == ("21:15", [])
    assert mine["checkin"]["weekdays"] == [1, 3]

    lines = unfolded(await feed(couple, couple.patient))
    assert "RRULE:FREQ=DAILY" in lines and "RRULE:FREQ=WEEKLY;BYDAY=MO,WE" in lines
    starts = [line for line in lines if line.startswith("DTSTART:")]
    # Floating times: on the member's own clock, wherever their phone is.
    assert any(line.endswith("T211500") for line in starts) and any(line.endswith("T080500") for line in starts)
    assert lines.count("BEGIN:VALARM") == 2 and lines.count("TRIGGER:PT0M") == 2
    titles = [line for line in lines if line.startswith("SUMMARY:")]
    assert sorted(titles) == ["SUMMARY:A moment for you", "SUMMARY:Time for you"]
    reminders = "\n".join(lines[lines.index("BEGIN:VEVENT") :]).lower()
    for word in ("dilator", "practice", "check", "pain", "sex"):
        assert word not in reminders

    # The partner's feed and list know nothing of them.
    assert (await couple.partner.get(reminders_url(couple))).json() == {"practice": None, "checkin": None}
    assert "VALARM" not in await feed(couple, couple.partner)


async def test_one_switch_turns_each_off(couple: Couple) -> None:
    await set_reminder(couple, couple.partner, "checkin", at="19:00")
    await set_reminder(couple, couple.partner, "practice", at="20:00")
    off = await couple.partner.delete(reminders_url(couple, "/checkin"))
    assert off.status_code == 204
    assert (await couple.partner.delete(reminders_url(couple, "/checkin"))).status_code == 204
    left = (await couple.partner.get(reminders_url(couple))).json()
    assert left["checkin"] is None and left["practice"]["at"] == "20:00"
    assert unfolded(await feed(couple, couple.partner)).count("BEGIN:VALARM") == 1


async def test_reminder_input_is_checked(couple: Couple) -> None:
    url = reminders_url(couple, "/practice")
    for body, field in (
        ({"at": "24:00"}, "at"),
        ({"at": "7:00"}, "at"),
        ({"at": "07:00", "weekdays": [0]}, "weekdays"),
        ({"at": "07:00", "weekdays": [8]}, "weekdays"),
    ):
        await assert_bad(couple.patient.request("PUT", url, json=body), field)
    assert (
        await couple.patient.request("PUT", reminders_url(couple, "/nagging"), json={"at": "07:00"})
    ).status_code == 404


async def test_reminders_are_in_their_authors_export_only(couple: Couple) -> None:
    await set_reminder(couple, couple.patient, "practice", at="06:45", weekdays=[6, 7])
    mine = (await couple.patient.get("/api/v1/me/export")).json()["records"]["reminders"]["authored"]
    assert [(r["kind"], r["at"], r["weekdays"]) for r in mine] == [("practice", "06:45", [6, 7])]
    theirs = (await couple.partner.get("/api/v1/me/export")).json()["records"]["reminders"]["authored"]
    assert theirs == []
