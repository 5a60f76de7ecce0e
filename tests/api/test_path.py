"""The path: it starts when both turn it on, moves on when both are ready, either can step back alone."""

from __future__ import annotations

import asyncio
import re

from litestar import Litestar
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from tandem.core.catalog import invalidate_catalogs, read_catalog
from tandem.path.models import PathStage
from tandem.path.schemas import StageEntry
from tandem.path.service import CATALOG_FILE

from .ideas_support import set_boundary, with_db
from .path_support import answer, path_url, stage_number, step_back, turn, view
from .people import Couple, Person

STAGES = read_catalog(CATALOG_FILE, StageEntry).items


async def start(couple: Couple) -> None:
    for person in (couple.patient, couple.partner):
        assert (await turn(person, couple.space_id, True)).status_code == 200


async def test_the_path_is_off_until_both_turn_it_on(couple: Couple) -> None:
    first = await view(couple.patient, couple.space_id)
    assert (first["status"], first["turned_on"], first["stage"]) == ("off", False, None)
    assert [s["id"] for s in first["stages"]] == [s.id for s in STAGES]
    assert "not medical advice" in first["about"]

    mine = (await turn(couple.patient, couple.space_id, True)).json()
    assert (mine["status"], mine["turned_on"], mine["stage"]) == ("off", True, None)
    theirs = await view(couple.partner, couple.space_id)
    assert (theirs["status"], theirs["turned_on"]) == ("off", False), "the partner learns nothing"

    both = (await turn(couple.partner, couple.space_id, True)).json()
    assert both["status"] == "on" and stage_number(both) == 1
    assert stage_number(await view(couple.patient, couple.space_id)) == 1


async def test_moving_on_needs_both_ready_and_resets_both(couple: Couple) -> None:
    await start(couple)
    mine = (await answer(couple.patient, couple.space_id, "ready")).json()
    assert stage_number(mine) == 1 and mine["my_readiness"] == "ready"
    theirs = await view(couple.partner, couple.space_id)
    assert stage_number(theirs) == 1 and theirs["my_readiness"] is None

    assert (await answer(couple.partner, couple.space_id, "not_yet")).json()["my_readiness"] == "not_yet"
    assert stage_number(await view(couple.patient, couple.space_id)) == 1

    moved = (await answer(couple.partner, couple.space_id, "ready")).json()
    assert stage_number(moved) == 2 and moved["my_readiness"] is None
    again = await view(couple.patient, couple.space_id)
    assert stage_number(again) == 2 and again["my_readiness"] is None, "a new stage starts with nobody ready"
    assert again["can_step_back"] is True


async def test_either_member_steps_back_alone(couple: Couple) -> None:
    await start(couple)
    refused = await step_back(couple.partner, couple.space_id)
    assert refused.status_code == 409, "there is no stage before the first"
    for person in (couple.patient, couple.partner):
        await answer(person, couple.space_id, "ready")
    await answer(couple.patient, couple.space_id, "ready")
    back = await step_back(couple.partner, couple.space_id)
    assert back.status_code == 200 and stage_number(back.json()) == 1
    assert stage_number(await view(couple.patient, couple.space_id)) == 1
    assert (await view(couple.patient, couple.space_id))["my_readiness"] is None


async def test_readiness_and_stepping_back_need_the_path_on(couple: Couple) -> None:
    await turn(couple.patient, couple.space_id, True)
    assert (await answer(couple.patient, couple.space_id, "ready")).status_code == 409
    assert (await step_back(couple.patient, couple.space_id)).status_code == 409
    assert (await answer(couple.patient, couple.space_id, None)).status_code == 204


async def test_turning_it_off_stops_it_and_turning_on_again_resumes(couple: Couple) -> None:
    await start(couple)
    for person in (couple.patient, couple.partner):
        await answer(person, couple.space_id, "ready")
    off = (await turn(couple.partner, couple.space_id, False)).json()
    assert (off["status"], off["stage"]) == ("off", None)
    assert (await view(couple.patient, couple.space_id))["status"] == "off"
    back = (await turn(couple.partner, couple.space_id, True)).json()
    assert back["status"] == "on" and stage_number(back) == 2


async def test_the_last_stage_has_no_next_one(couple: Couple) -> None:
    await start(couple)
    for _ in range(len(STAGES) - 1):
        for person in (couple.patient, couple.partner):
            assert (await answer(person, couple.space_id, "ready")).status_code == 200
    last = await view(couple.patient, couple.space_id)
    assert stage_number(last) == len(STAGES) and last["has_next_stage"] is False
    assert (await answer(couple.patient, couple.space_id, "ready")).status_code == 409


async def test_both_ready_at_the_same_moment_moves_on_exactly_once(couple: Couple) -> None:
    await start(couple)
    for _ in range(3):
        results = await asyncio.gather(
            answer(couple.patient, couple.space_id, "ready"), answer(couple.partner, couple.space_id, "ready")
        )
        assert [r.status_code for r in results] == [200, 200]
    # Three rounds of both saying ready at once: three stages further, never two at once and never none.
    assert stage_number(await view(couple.patient, couple.space_id)) == 4


async def test_boundaries_leave_a_stages_ideas_out_for_both(app: Litestar, couple: Couple) -> None:
    await start(couple)
    for person in (couple.patient, couple.partner):
        await answer(person, couple.space_id, "ready")
    stage = (await view(couple.partner, couple.space_id))["stage"]
    with_massage = [i["id"] for i in stage["ideas"] if "massage-clothed" in i["activities"]]
    assert with_massage, "the clothed-touch stage has massage ideas"
    await set_boundary(app, couple.space_id, couple.patient, "massage-clothed", "not_now")
    for person in (couple.patient, couple.partner):
        ideas = [i["id"] for i in (await view(person, couple.space_id))["stage"]["ideas"]]
        assert not set(with_massage) & set(ideas)
        assert ideas, "the stage's other ideas remain"
        preview = (await person.get(path_url(couple.space_id, "/stages/stage-clothed-touch"))).json()
        assert not set(with_massage) & {i["id"] for i in preview["ideas"]}


async def test_a_stage_can_be_read_before_starting(couple: Couple) -> None:
    stage = (await couple.partner.get(path_url(couple.space_id, "/stages/stage-whole-body"))).json()
    assert stage["number"] == 4 and stage["guides"] and len(stage["prompts"]) >= 2
    assert any("penetration" in line for line in stage["excludes"])
    assert (await couple.partner.get(path_url(couple.space_id, "/stages/stage-nothing"))).status_code == 404


async def test_a_member_alone_cannot_start_the_path(app: Litestar) -> None:
    alone = await Person(app).sign_up()
    space = await alone.create_space("patient")
    assert (await turn(alone, space["id"], True)).json()["status"] == "off"
    assert (await answer(alone, space["id"], "ready")).status_code == 409


async def test_the_export_holds_only_ones_own_choices(couple: Couple) -> None:
    await start(couple)
    await answer(couple.patient, couple.space_id, "not_yet")
    mine = (await couple.patient.get("/api/v1/me/export")).json()["records"]["path"]
    assert [(c["turned_on"], c["readiness"]) for c in mine["authored"]["choices"]] == [(True, "not_yet")]
    theirs = (await couple.partner.get("/api/v1/me/export")).json()["records"]["path"]
    assert [(c["turned_on"], c["readiness"]) for c in theirs["authored"]["choices"]] == [(True, None)]


async def test_the_path_shows_no_time_at_all(couple: Couple) -> None:
    """No countdown, no streak, no days in a stage: nothing in any path answer is a date or a duration."""
    await start(couple)
    for person in (couple.patient, couple.partner):
        await answer(person, couple.space_id, "ready")
    for person in (couple.patient, couple.partner):
        text = (await person.get(path_url(couple.space_id))).text
        assert not re.search(r"\d{4}-\d{2}-\d{2}", text)
        assert not re.search(r'"[a-z_]*(_at|days|since|until|time)[a-z_]*"\s*:', text)


async def test_a_couple_on_a_stage_the_content_retires_stays_at_the_stage_before(app: Litestar, couple: Couple) -> None:
    """The stages are decoded once per process; a sync (here: its last step) drops them."""
    await start(couple)
    for person in (couple.patient, couple.partner):
        await answer(person, couple.space_id, "ready")
    assert stage_number(await view(couple.patient, couple.space_id)) == 2

    async def retire(retired: bool) -> None:
        async def work(db: AsyncSession) -> None:
            await db.execute(update(PathStage).where(PathStage.id == STAGES[1].id).values(retired=retired))

        await with_db(app, work)
        invalidate_catalogs()

    await retire(True)
    try:
        path = await view(couple.patient, couple.space_id)
        assert path["stage"]["id"] == STAGES[0].id and stage_number(path) == 1
        assert STAGES[1].id not in [s["id"] for s in path["stages"]]
        assert (await couple.patient.get(path_url(couple.space_id, f"/stages/{STAGES[1].id}"))).status_code == 404
    finally:
        await retire(False)
    assert stage_number(await view(couple.patient, couple.space_id)) == 2
