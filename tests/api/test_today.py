"""A question for today: one prompt a day, the same for both, picked from the space and the date alone."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from litestar import Litestar
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from tandem.prompts.models import Conversation
from tandem.today.service import pick

from .ideas_support import with_db
from .people import Couple, Person
from .problems import assert_bad
from .routes_prompts import start_conversation


def today_url(couple: Couple, rest: str = "") -> str:
    return f"/api/v1/spaces/{couple.space_id}/today{rest}"


async def today(couple: Couple, person: Person) -> dict[str, Any]:
    response = await person.get(today_url(couple))
    assert response.status_code == 200, response.text
    return dict(response.json())


async def test_both_members_get_the_same_gentle_question_all_day(couple: Couple) -> None:
    mine, theirs, again = [await today(couple, p) for p in (couple.patient, couple.partner, couple.patient)]
    assert mine["prompt"] is not None
    assert mine["prompt"]["id"] == theirs["prompt"]["id"] == again["prompt"]["id"]
    assert mine["day"] == datetime.now(UTC).date().isoformat()
    # Gentlest first unless the couple chose deeper.
    assert (mine["depth"], mine["prompt"]["depth"]) == ("light", "light")
    assert mine["conversation"] is None


def test_the_pick_depends_only_on_the_space_and_the_day() -> None:
    candidates = [f"p-test-{n:03d}" for n in range(40)]
    space = uuid.uuid4()
    day = datetime(2026, 11, 30, tzinfo=UTC).date()
    assert pick(space, day, candidates) == pick(space, day, list(reversed(candidates)))
    assert pick(space, day, candidates) in candidates
    # Over a month the question changes from day to day, and two spaces do not walk in step.
    month = [pick(space, day + timedelta(days=n), candidates) for n in range(30)]
    other = [pick(uuid.uuid4(), day + timedelta(days=n), candidates) for n in range(30)]
    assert len(set(month)) > 10
    assert month != other
    assert pick(space, day, []) is None


async def test_prompts_talked_about_or_opened_before_today_are_skipped(app: Litestar, couple: Couple) -> None:
    first = (await today(couple, couple.patient))["prompt"]["id"]
    yesterday = (datetime.now(UTC).date() - timedelta(days=1)).isoformat()
    marked = await couple.partner.request(
        "PUT", f"/api/v1/spaces/{couple.space_id}/prompts/{first}/talked", json={"on": yesterday}
    )
    assert marked.status_code == 200, marked.text
    second = (await today(couple, couple.patient))["prompt"]
    assert second["id"] != first and second["depth"] == "light"

    conversation = await start_conversation(couple.patient, couple.space_id, second["id"])

    async def opened_yesterday(db: AsyncSession) -> None:
        await db.execute(
            update(Conversation)
            .where(Conversation.id == uuid.UUID(conversation["id"]))
            .values(created_at=datetime.now(UTC) - timedelta(days=1))
        )

    await with_db(app, opened_yesterday)
    third = (await today(couple, couple.partner))["prompt"]
    assert third["id"] not in {first, second["id"]}


async def test_answering_or_marking_it_today_keeps_it_todays_question(couple: Couple) -> None:
    prompt_id = (await today(couple, couple.patient))["prompt"]["id"]
    marked = await couple.patient.request(
        "PUT",
        f"/api/v1/spaces/{couple.space_id}/prompts/{prompt_id}/talked",
        json={"on": datetime.now(UTC).date().isoformat()},
    )
    assert marked.status_code == 200
    assert (await today(couple, couple.partner))["prompt"]["id"] == prompt_id


async def test_answered_apart_and_revealed_together(couple: Couple) -> None:
    p, q = couple.patient, couple.partner
    prompt_id = (await today(couple, p))["prompt"]["id"]
    started = await start_conversation(p, couple.space_id, prompt_id)
    answer_url = f"/api/v1/spaces/{couple.space_id}/conversations/{started['id']}/answer"
    assert (await p.post(answer_url, json={"text": "MARKER-MINE-TODAY"})).status_code == 200

    waiting = (await today(couple, q))["conversation"]
    assert waiting["state"] == "open" and waiting["partners_answer"] is None and waiting["my_answer"] is None
    assert [seat["answered"] for seat in waiting["seats"] if not seat["is_me"]] == [True]
    assert "MARKER-MINE-TODAY" not in (await q.get(today_url(couple))).text

    assert (await q.post(answer_url, json={"text": "Theirs"})).status_code == 200
    for person, partners in ((p, "Theirs"), (q, "MARKER-MINE-TODAY")):
        view = (await today(couple, person))["conversation"]
        assert view["state"] == "revealed"
        assert view["partners_answer"]["text"] == partners


async def test_choosing_deeper_is_for_both_and_checked(couple: Couple) -> None:
    chosen = await couple.partner.request("PUT", today_url(couple, "/depth"), json={"depth": "deeper"})
    assert chosen.status_code == 200, chosen.text
    view = await today(couple, couple.patient)
    assert (view["depth"], view["prompt"]["depth"]) == ("deeper", "deeper")
    await assert_bad(couple.patient.request("PUT", today_url(couple, "/depth"), json={"depth": "deepest"}), "depth")
