"""The readiness hint, at and around its thresholds; the plan overriding defaults; the off switch.

The rule: the last three sessions at the current size, on three separate days, held at least 5 minutes
with pain <= 2 and anxiety <= 3 (the patient may change these; a clinician plan's values replace them).
The hint is off until the patient turns it on.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from tandem.practice import progress
from tandem.practice.models import ClinicianPlan, DilatorSize, PracticeEntry, PracticeKind

from .journal import ago, at_noon, log_dilator, make_set, ok, practice
from .people import Couple

# The default thresholds, with the hint turned on (it starts off).
DEFAULT_RULE = progress.effective_rule(progress.Thresholds(enabled=True), None)
NOW = datetime(2026, 3, 20, 12, tzinfo=UTC)


def size(position: int, *, retired: bool = False) -> DilatorSize:
    return DilatorSize(id=uuid.uuid4(), label=str(position + 1), position=position, retired=retired)


def session(
    size_id: uuid.UUID, minutes: int = 5, pain: int | None = 2, anxiety: int | None = 3, days: int = 0
) -> PracticeEntry:
    return PracticeEntry(
        id=uuid.uuid4(),
        kind=PracticeKind.DILATOR,
        size_id=size_id,
        minutes=minutes,
        pain=pain,
        anxiety=anxiety,
        practised_at=NOW - timedelta(days=days),
    )


def days_apart(size_id: uuid.UUID, count: int, first: int = 0) -> list[PracticeEntry]:
    """`count` comfortable sessions, one a day, newest first."""
    return [session(size_id, days=first + i) for i in range(count)]


SET = [size(0), size(1), size(2)]


@pytest.mark.parametrize(
    ("values", "ready"),
    [
        ({}, True),  # exactly at every threshold
        ({"minutes": 4}, False),
        ({"minutes": 15}, True),
        ({"pain": 3}, False),
        ({"pain": 0}, True),
        ({"anxiety": 4}, False),
        ({"anxiety": 0}, True),
        ({"pain": None}, False),
    ],
)
def test_the_rule_at_and_around_its_thresholds(values: dict[str, Any], ready: bool) -> None:
    current = SET[0]
    recent = [session(current.id), session(current.id, days=1, **values), session(current.id, days=2)]
    expected = SET[1] if ready else None
    assert progress.ready_for_next(recent, current, SET, DEFAULT_RULE) is expected


def test_three_sessions_are_needed_and_only_the_latest_three_count() -> None:
    current = SET[1]
    assert progress.ready_for_next(days_apart(current.id, 2), current, SET, DEFAULT_RULE) is None
    # An older harder session does not hold the hint back once three comfortable ones follow.
    recent = [*days_apart(current.id, 3), session(current.id, pain=8, days=3)]
    assert progress.ready_for_next(recent, current, SET, DEFAULT_RULE) is SET[2]


def test_no_hint_at_the_largest_size_for_a_retired_size_or_when_switched_off() -> None:
    recent = days_apart(SET[2].id, 3)
    assert progress.ready_for_next(recent, SET[2], SET, DEFAULT_RULE) is None
    retired = size(0, retired=True)
    assert progress.ready_for_next(days_apart(retired.id, 3), retired, [retired, *SET[1:]], DEFAULT_RULE) is None
    off = progress.effective_rule(progress.Thresholds(enabled=False), None)
    assert progress.ready_for_next(days_apart(SET[0].id, 3), SET[0], SET, off) is None
    # Off is the default.
    untouched = progress.effective_rule(progress.Thresholds(), None)
    assert progress.ready_for_next(days_apart(SET[0].id, 3), SET[0], SET, untouched) is None


def test_sessions_count_on_separate_days_only() -> None:
    current = SET[0]
    same_evening = [session(current.id) for _ in range(5)]
    assert progress.ready_for_next(same_evening, current, SET, DEFAULT_RULE) is None
    # Three days, several sessions on one of them: the latest of each day stands for it.
    recent = [session(current.id), session(current.id), session(current.id, days=1), session(current.id, days=2)]
    assert progress.ready_for_next(recent, current, SET, DEFAULT_RULE) is SET[1]
    harder_later = [session(current.id, pain=6), session(current.id), *days_apart(current.id, 2, first=1)]
    assert progress.ready_for_next(harder_later, current, SET, DEFAULT_RULE) is None


def test_the_next_size_skips_retired_ones() -> None:
    sizes = [size(0), size(1, retired=True), size(2)]
    assert progress.ready_for_next(days_apart(sizes[0].id, 3), sizes[0], sizes, DEFAULT_RULE) is sizes[2]


def test_the_patients_thresholds_and_the_plans_override() -> None:
    own = progress.Thresholds(sessions=2, min_minutes=10, max_pain=4, max_anxiety=5)
    rule = progress.effective_rule(own, None)
    assert (rule.sessions, rule.min_minutes, rule.max_pain, rule.max_anxiety, rule.from_plan) == (2, 10, 4, 5, ())
    plan = ClinicianPlan(size_up_sessions=5, size_up_max_pain=1)
    rule = progress.effective_rule(own, plan)
    assert (rule.sessions, rule.min_minutes, rule.max_pain, rule.max_anxiety) == (5, 10, 1, 5)
    assert rule.from_plan == ("sessions", "max_pain")
    # The plan's own size-up minimum wins over its hold minimum.
    plan = ClinicianPlan(hold_min_minutes=8, size_up_min_minutes=12)
    assert progress.effective_rule(own, plan).min_minutes == 12


def test_hold_window() -> None:
    assert progress.hold_window(None) == (5, 15, False)
    assert progress.hold_window(ClinicianPlan(hold_min_minutes=3)) == (3, 15, True)
    assert progress.hold_window(ClinicianPlan(hold_max_minutes=4)) == (4, 4, True)
    assert progress.hold_window(ClinicianPlan(hold_min_minutes=10, hold_max_minutes=12)) == (10, 12, True)


def test_welcome_back_after_a_week_without_practice() -> None:
    sizes = {s.id: s for s in SET}
    recent = [session(SET[2].id, pain=6), session(SET[1].id, pain=1)]
    assert progress.welcome_back_size(NOW - timedelta(days=7), NOW, recent, sizes, DEFAULT_RULE) == (False, None)
    assert progress.welcome_back_size(NOW - timedelta(days=8), NOW, recent, sizes, DEFAULT_RULE) == (True, SET[1])
    assert progress.welcome_back_size(NOW - timedelta(days=8), NOW, [], sizes, DEFAULT_RULE) == (True, SET[0])
    assert progress.welcome_back_size(None, NOW, [], sizes, DEFAULT_RULE) == (False, None)


def test_trend_sentences_are_plain_and_gentle() -> None:
    a = SET[1]
    sessions = [
        session(a.id, pain=4, anxiety=6, days=28),
        session(a.id, pain=4, anxiety=6, days=21),
        session(a.id, pain=2, anxiety=3, days=7),
        session(a.id, pain=2, anxiety=3, days=0),
    ]
    found = {t.metric: t for t in progress.trends(sessions, {a.id: "2"})}
    assert progress.trend_sentence(found["anxiety"], "you") == (
        "Your anxiety during size 2 sessions went from 6 to 3 over four weeks."
    )
    assert (
        progress.trend_sentence(found["pain"], "me")
        == "My pain during size 2 sessions went from 4 to 2 over four weeks."
    )
    up = progress.Trend(metric="anxiety", size_id=a.id, size_label="3", first=2, last=4, days=5)
    assert progress.trend_sentence(up, "you") == (
        "Your anxiety during size 3 sessions went from 2 to 4 over five days. Ups and downs are a normal part of this."
    )
    same = progress.Trend(metric="pain", size_id=a.id, size_label="3", first=1, last=1, days=30)
    assert progress.trend_sentence(same, "me") == "My pain during size 3 sessions stayed around 1."
    assert progress.trends([session(a.id)], {a.id: "2"}) == []


def test_practice_weeks_list_every_week_with_gaps_as_zero() -> None:
    days = {date(2026, 3, 2), date(2026, 3, 3), date(2026, 3, 17)}
    assert progress.practice_weeks(days, date(2026, 3, 1), date(2026, 3, 18)) == [
        (date(2026, 2, 23), 0),
        (date(2026, 3, 2), 2),
        (date(2026, 3, 9), 0),
        (date(2026, 3, 16), 1),
    ]


# --- through the API ------------------------------------------------------------------------------------------
async def readiness(couple: Couple) -> Any:
    return (await ok(couple.patient.get(practice(couple.space_id, "/overview"))))["readiness"]


async def turn_hint_on(couple: Couple) -> None:
    settings = await ok(couple.patient.get(practice(couple.space_id, "/settings")))
    assert settings["hint_enabled"] is False  # off until the patient turns it on
    on = {k: settings[k] for k in settings if k != "rule"} | {"hint_enabled": True}
    await ok(couple.patient.request("PUT", practice(couple.space_id, "/settings"), json=on))


async def test_the_hint_is_off_by_default_and_same_day_sessions_count_once(couple: Couple) -> None:
    p, s = couple.patient, couple.space_id
    sizes = await make_set(p, s, ["1", "2"])
    # Minutes apart on one UTC day and each a little longer: a near-identical copy would be refused (409)
    # unless confirmed.
    for offset in (5, 6, 7):
        await log_dilator(p, s, sizes[0]["id"], when=at_noon(1, minutes=-offset), minutes=5 + offset, pain=0, anxiety=0)
    for day in (3, 2):
        await log_dilator(p, s, sizes[0]["id"], when=at_noon(day), pain=0, anxiety=0)
    assert await readiness(couple) is None  # never turned on
    await turn_hint_on(couple)
    assert (await readiness(couple))["next_size_label"] == "2"


async def test_the_hint_appears_exactly_when_the_rule_is_met(couple: Couple) -> None:
    p, s = couple.patient, couple.space_id
    sizes = await make_set(p, s, ["1", "2", "3"])
    await turn_hint_on(couple)
    one, two = sizes[0]["id"], sizes[1]["id"]
    await log_dilator(p, s, one, when=ago(days=3), minutes=5, pain=2, anxiety=3)
    await log_dilator(p, s, one, when=ago(days=2), minutes=5, pain=2, anxiety=3)
    assert await readiness(couple) is None
    third = await log_dilator(p, s, one, when=ago(days=1), minutes=4, pain=2, anxiety=3)
    assert await readiness(couple) is None  # one minute short
    body = {
        "kind": "dilator",
        "practised_at": third["practised_at"],
        "minutes": 5,
        "size_id": one,
        "depth": "fully",
        "pain": 2,
        "anxiety": 3,
    }
    await ok(p.request("PUT", practice(s, f"/entries/{third['id']}"), json=body))
    assert await readiness(couple) == {
        "size_id": one,
        "size_label": "1",
        "next_size_id": two,
        "next_size_label": "2",
        "sessions": 3,
    }
    # A session at the next size makes that the current size: no hint until three there.
    await log_dilator(p, s, two, when=ago(hours=5), minutes=6, pain=0, anxiety=0)
    assert await readiness(couple) is None


async def test_the_patient_can_change_the_thresholds_or_switch_the_hint_off(couple: Couple) -> None:
    p, s = couple.patient, couple.space_id
    sizes = await make_set(p, s, ["1", "2"])
    for day in (3, 2, 1):
        await log_dilator(p, s, sizes[0]["id"], when=ago(days=day), minutes=5, pain=3, anxiety=3)
    assert await readiness(couple) is None
    settings = {
        "hint_enabled": True,
        "hint_sessions": 3,
        "hint_min_minutes": 5,
        "hint_max_pain": 3,
        "hint_max_anxiety": 3,
        "inhale_seconds": 4,
        "exhale_seconds": 6,
    }
    await ok(p.request("PUT", practice(s, "/settings"), json=settings))
    assert (await readiness(couple))["next_size_label"] == "2"
    await ok(p.request("PUT", practice(s, "/settings"), json={**settings, "hint_enabled": False}))
    assert await readiness(couple) is None
    # Back on.
    await ok(p.request("PUT", practice(s, "/settings"), json=settings))
    # A clinician plan's stricter value replaces the patient's own.
    await ok(p.request("PUT", practice(s, "/plan"), json={"size_up_max_pain": 2}))
    assert await readiness(couple) is None
    await ok(p.request("PUT", practice(s, "/plan"), json={"size_up_sessions": 2, "size_up_max_pain": 3}))
    assert (await readiness(couple))["sessions"] == 2


async def test_the_readiness_line_is_offered_in_a_summary_only_when_the_hint_shows(couple: Couple) -> None:
    from .journal import draft

    p, s = couple.patient, couple.space_id
    sizes = await make_set(p, s, ["1", "2"])
    for day in (3, 2, 1):
        await log_dilator(p, s, sizes[0]["id"], when=ago(days=day))
    assert "readiness" not in [line["topic"] for line in (await draft(p, s))["lines"]]
    await turn_hint_on(couple)
    topics = [line["topic"] for line in (await draft(p, s))["lines"]]
    assert "readiness" in topics
    settings = await ok(p.get(practice(s, "/settings")))
    off = {k: settings[k] for k in settings if k != "rule"} | {"hint_enabled": False}
    await ok(p.request("PUT", practice(s, "/settings"), json=off))
    assert "readiness" not in [line["topic"] for line in (await draft(p, s))["lines"]]
