"""Clinician links: chosen sections only, no partner data, a hashed token, codes limited, revocation
and expiry answer 404, the openings logged for the patient, and the links in export and erasure."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select, text, update
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from tandem.access.membership import member_by_seat
from tandem.clinician.models import ClinicianLink, ClinicianLinkOpening
from tandem.clinician.service import MAX_CODE_FAILURES, listed_links, revoke_all_links
from tandem.core.db import make_engine, utcnow

from .journal import ago, log_dilator, make_set, ok, practice
from .people import PASSWORD, Couple, Person
from .problems import assert_bad
from .routes_checkins import create_checkin
from .routes_clinician import link_body, links, report, token_of


@pytest.fixture
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    engine = make_engine(database_url)
    yield engine
    await engine.dispose()


async def journal(couple: Couple, *, note: str = "felt calm", goal: str = "A calm exam") -> None:
    sizes = await make_set(couple.patient, couple.space_id, ["S1", "S2"])
    await log_dilator(couple.patient, couple.space_id, sizes[0]["id"], when=ago(days=1), note=note)
    await ok(couple.patient.post(practice(couple.space_id, "/goals"), json={"title": goal}), 201)


async def create(couple: Couple, **changes: Any) -> dict[str, Any]:
    created: dict[str, Any] = await ok(couple.patient.post(links(couple.space_id), json=link_body(**changes)), 201)
    return created


async def listed(couple: Couple) -> list[dict[str, Any]]:
    page = await ok(couple.patient.get(links(couple.space_id)))
    items: list[dict[str, Any]] = page["items"]
    return items


async def test_a_link_shows_only_the_chosen_sections_to_anyone_and_logs_each_opening(couple: Couple) -> None:
    await journal(couple, note="NOTE-IN-TABLE", goal="GOAL-TITLE")
    created = await create(couple, sections=["sessions"])
    assert created["code"] is None
    assert created["path"].startswith("/clinician-report#")
    clinician = Person(couple.patient.app)  # no account, no cookie
    response = await clinician.get(report(token_of(created)))
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["sections"] == ["sessions"]
    assert [e["note"] for e in body["entries"]] == ["NOTE-IN-TABLE"]
    assert body["progress"] is None and body["goals"] is None
    assert "GOAL-TITLE" not in response.text
    assert response.headers["x-robots-tag"] == "noindex, nofollow"
    assert response.headers["cache-control"] == "no-store"
    assert response.headers["referrer-policy"] == "no-referrer"
    assert "set-cookie" not in response.headers or "tandem_session" not in response.headers["set-cookie"]

    again = await clinician.get(report(token_of(created)))
    assert again.status_code == 200
    [mine] = await listed(couple)
    assert mine["opened_count"] == 2
    assert len(mine["opened"]) == 2 and mine["opened"][0] >= mine["opened"][1]
    assert mine["sections"] == ["sessions"] and mine["status"] == "active" and not mine["has_code"]
    # Times only: nothing about who opened it.
    assert set(mine) == {
        "id", "period_start", "period_end", "time_zone", "sections", "has_code",
        "created_at", "expires_at", "status", "opened", "opened_count",
    }  # fmt: skip


async def test_charts_and_goals_come_when_chosen(couple: Couple) -> None:
    await journal(couple, goal="GOAL-TITLE")
    created = await create(couple, sections=["charts", "goals"])
    body = (await Person(couple.patient.app).get(report(token_of(created)))).json()
    assert body["entries"] is None
    assert [g["title"] for g in body["goals"]] == ["GOAL-TITLE"]
    assert len(body["progress"]["dilator_sessions"]) == 1


async def test_the_report_holds_nothing_of_the_partner(couple: Couple) -> None:
    await journal(couple)
    marker = f"PARTNER-{uuid.uuid4().hex}"
    await create_checkin(couple.partner, couple.space_id, visibility="shared", note=marker, help_from_you=marker)
    created = await create(couple)
    response = await Person(couple.patient.app).get(report(token_of(created)))
    assert response.status_code == 200
    assert marker not in response.text
    assert "Alex" not in response.text  # not even the partner's name


async def test_only_the_patient_makes_sees_and_revokes_links(couple: Couple) -> None:
    created = await create(couple)
    link_url = links(couple.space_id, f"/{created['link']['id']}")
    assert (await couple.partner.post(links(couple.space_id), json=link_body())).status_code == 404
    assert (await couple.partner.get(links(couple.space_id))).status_code == 404
    assert (await couple.partner.delete(link_url)).status_code == 404
    assert (await Person(couple.patient.app).get(report(token_of(created)))).status_code == 200


async def test_revoked_and_expired_links_answer_like_unknown_ones(couple: Couple, engine: AsyncEngine) -> None:
    revoked, expired = await create(couple), await create(couple)
    clinician = Person(couple.patient.app)
    unknown = await clinician.get(report("x" * 43))
    assert unknown.status_code == 404
    assert unknown.headers["x-robots-tag"] == "noindex, nofollow"
    assert unknown.headers["cache-control"] == "no-store"
    assert (await couple.patient.delete(links(couple.space_id, f"/{revoked['link']['id']}"))).status_code == 204
    async with engine.begin() as connection:
        await connection.execute(
            update(ClinicianLink)
            .where(ClinicianLink.id == uuid.UUID(expired["link"]["id"]))
            .values(expires_at=utcnow() - timedelta(seconds=1))
        )
    for gone in (revoked, expired):
        response = await clinician.get(report(token_of(gone)))
        assert (response.status_code, response.content) == (404, unknown.content)
    [still_listed] = await listed(couple)
    assert still_listed["id"] == expired["link"]["id"] and still_listed["status"] == "expired"


async def test_the_token_is_stored_only_hashed(couple: Couple, engine: AsyncEngine) -> None:
    created = await create(couple, with_code=True)
    token = token_of(created)
    assert len(token) >= 43  # 256 bits in URL-safe base64
    async with engine.connect() as connection:
        rows = (await connection.execute(text("SELECT * FROM clinician_links"))).mappings().all()
    everything = repr([dict(r) for r in rows])
    assert token not in everything
    assert created["code"] not in everything
    mine = next(r for r in rows if str(r["id"]).replace("-", "") == created["link"]["id"].replace("-", ""))
    assert mine["token_hash"] == hashlib.sha256(token.encode()).hexdigest()
    assert mine["code_hash"].startswith("$argon2id$")


async def test_a_code_is_needed_and_wrong_codes_lock_the_link(couple: Couple) -> None:
    created = await create(couple, with_code=True)
    code, url = created["code"], report(token_of(created))
    assert len(code) == 6 and code.isdigit()
    clinician = Person(couple.patient.app)
    assert (await clinician.get(url)).status_code == 401
    assert (await clinician.get(url, headers={"x-access-code": code})).status_code == 200
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    statuses = [(await clinician.get(url, headers={"x-access-code": wrong})).status_code for _ in range(6)]
    assert statuses == [401] * (MAX_CODE_FAILURES - 1) + [404, 404]
    # Locked for good: the right code no longer opens it either.
    assert (await clinician.get(url, headers={"x-access-code": code})).status_code == 404
    [mine] = await listed(couple)
    assert mine["status"] == "locked" and mine["opened_count"] == 1
    await assert_bad(clinician.get(url, headers={"x-access-code": "12ab"}), "code")


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"expires_in_days": 0}, "expires_in_days"),
        ({"expires_in_days": 31}, "expires_in_days"),
        ({"sections": []}, "sections"),
        ({"sections": ["notes"]}, "sections"),
        ({"sections": ["goals", "goals"]}, "sections"),
        ({"period_start": "2026-11-30", "period_end": "2026-11-01"}, "period_start"),
        ({"period_start": "2024-01-01", "period_end": "2026-01-01"}, "period_end"),
        ({"time_zone": "Not/AZone"}, "tz"),
    ],
)
async def test_bad_links_are_refused_naming_the_field(couple: Couple, changes: dict[str, Any], field: str) -> None:
    await assert_bad(couple.patient.post(links(couple.space_id), json=link_body(**changes)), field)
    assert await listed(couple) == []


async def test_links_are_in_the_export_and_go_with_the_account(couple: Couple, engine: AsyncEngine) -> None:
    created = await create(couple, with_code=True)
    assert (
        await Person(couple.patient.app).get(report(token_of(created)), headers={"x-access-code": created["code"]})
    ).status_code == 200
    export = await ok(couple.patient.get("/api/v1/me/export"))
    [exported] = export["records"]["clinician_links"]["authored"]
    assert exported["id"] == created["link"]["id"] and exported["opened_count"] == 1
    assert token_of(created) not in repr(export) and "hash" not in repr(exported)
    partner_export = await ok(couple.partner.get("/api/v1/me/export"))
    assert partner_export["records"]["clinician_links"]["authored"] == []

    response = await couple.patient.request("DELETE", "/api/v1/me", json={"password": PASSWORD})
    assert response.status_code == 204
    assert (await Person(couple.patient.app).get(report(token_of(created)))).status_code == 404
    async with engine.connect() as connection:
        remaining = await connection.execute(
            select(ClinicianLink.id).where(ClinicianLink.id == uuid.UUID(created["link"]["id"]))
        )
        assert remaining.all() == []
        openings = await connection.execute(
            select(ClinicianLinkOpening.id).where(ClinicianLinkOpening.link_id == uuid.UUID(created["link"]["id"]))
        )
        assert openings.all() == []


async def test_safety_settings_are_in_the_export_without_pin_hashes(signed_up: Person) -> None:
    body = {"pin": "482916", "idle_minutes": 7, "decoy_pin": "7777", "password": PASSWORD}
    assert (await signed_up.request("PUT", "/api/v1/me/app-lock", json=body)).status_code == 200
    export = await ok(signed_up.get("/api/v1/me/export"))
    safety = export["records"]["safety"]["authored"]
    assert safety["app_lock_set"] is True and safety["idle_minutes"] == 7
    assert safety["quick_exit_signs_out"] is True
    assert "argon2" not in repr(export) and "482916" not in repr(export) and "7777" not in repr(export)


async def test_listed_and_revoke_all_for_the_sharing_overview(couple: Couple, engine: AsyncEngine) -> None:
    first, second = await create(couple), await create(couple)
    async with AsyncSession(engine, expire_on_commit=False) as db:
        patient = await member_by_seat(db, uuid.UUID(couple.patient.id), uuid.UUID(couple.space_id))
        partner = await member_by_seat(db, uuid.UUID(couple.partner.id), uuid.UUID(couple.space_id))
        assert patient is not None and partner is not None
        assert {str(link.id) for link in await listed_links(db, patient)} == {
            first["link"]["id"],
            second["link"]["id"],
        }
        assert await listed_links(db, partner) == []
        assert await revoke_all_links(db, partner) == 0
        assert await revoke_all_links(db, patient) == 2
        assert await revoke_all_links(db, patient) == 0
        await db.commit()
    for gone in (first, second):
        assert (await Person(couple.patient.app).get(report(token_of(gone)))).status_code == 404


async def test_a_link_stops_when_the_patient_leaves_the_space(couple: Couple) -> None:
    created = await create(couple)
    left = await couple.patient.post(f"/api/v1/spaces/{couple.space_id}/leave")
    assert left.status_code == 204, left.text
    assert (await Person(couple.patient.app).get(report(token_of(created)))).status_code == 404
