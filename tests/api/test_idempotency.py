"""A write repeated with the same Idempotency-Key makes one row and gets the first answer (both databases)."""

from __future__ import annotations

import asyncio
import uuid
from datetime import timedelta

import httpx
from litestar import Litestar
from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from tandem.core.db import utcnow
from tandem.idempotency.models import IdempotentRequest
from tandem.maintenance import purge_expired

from .ideas_support import with_db
from .journal import dilator_body, make_set, ok, practice
from .people import Couple, Person
from .routes_checkins import checkin_body


def keyed(key: str | None = None) -> dict[str, str]:
    return {"Idempotency-Key": key or str(uuid.uuid4())}


async def entry_count(person: Person, space_id: str) -> int:
    page = await ok(person.get(practice(space_id, "/entries"), params={"limit": 100}))
    return len(page["items"])


async def checkin_count(person: Person, space_id: str) -> int:
    page = await ok(person.get(f"/api/v1/spaces/{space_id}/checkins", params={"limit": 100}))
    return len(page["items"])


async def keys_of(app: Litestar, person: Person) -> int:
    async def count(db: AsyncSession) -> int:
        total = await db.scalar(
            select(func.count()).select_from(IdempotentRequest).where(IdempotentRequest.user_id == uuid.UUID(person.id))
        )
        return int(total or 0)

    return await with_db(app, count)


async def test_a_repeated_key_makes_one_entry_and_the_same_answer(couple: Couple) -> None:
    p, s = couple.patient, couple.space_id
    sizes = await make_set(p, s, ["S", "M"])
    body, headers = dilator_body(sizes[0]["id"], note="kept once"), keyed()
    first = await p.post(practice(s, "/entries"), json=body, headers=headers)
    again = await p.post(practice(s, "/entries"), json=body, headers=headers)
    assert first.status_code == again.status_code == 201, again.text
    assert again.json() == first.json()
    assert again.headers["idempotent-replayed"] == "true"
    assert again.headers["content-type"] == first.headers["content-type"]
    # The replayed answer carries the same security headers as any other.
    assert again.headers["cache-control"] == "no-store"
    assert "content-security-policy" in again.headers
    assert await entry_count(p, s) == 1


async def test_a_check_in_sent_twice_at_the_same_moment_is_kept_once(couple: Couple) -> None:
    p, s = couple.patient, couple.space_id
    url, headers = f"/api/v1/spaces/{s}/checkins", keyed()
    answers = await asyncio.gather(*(p.post(url, json=checkin_body(note="once"), headers=headers) for _ in range(2)))
    assert [a.status_code for a in answers] == [201, 201], [a.text for a in answers]
    assert answers[0].json() == answers[1].json()
    assert await checkin_count(p, s) == 1


async def test_many_copies_at_once_make_one_entry_and_no_error(couple: Couple) -> None:
    p, s = couple.patient, couple.space_id
    sizes = await make_set(p, s, ["S"])
    body, headers = dilator_body(sizes[0]["id"]), keyed()
    answers = await asyncio.gather(*(p.post(practice(s, "/entries"), json=body, headers=headers) for _ in range(6)))
    assert {a.status_code for a in answers} == {201}, [a.text for a in answers]
    assert len({a.text for a in answers}) == 1
    assert await entry_count(p, s) == 1


async def test_the_same_key_with_another_body_is_refused(couple: Couple) -> None:
    p, s = couple.patient, couple.space_id
    url, headers = f"/api/v1/spaces/{s}/checkins", keyed()
    assert (await p.post(url, json=checkin_body(mood=2), headers=headers)).status_code == 201
    other = await p.post(url, json=checkin_body(mood=4), headers=headers)
    assert other.status_code == 422, other.text
    assert other.headers["content-type"].startswith("application/problem+json")
    assert "Idempotency-Key" in other.json()["detail"]
    # Same body at another address is another request too.
    moved = await p.post(f"/api/v1/spaces/{s}/together", json=checkin_body(mood=2), headers=headers)
    assert moved.status_code == 422, moved.text
    assert await checkin_count(p, s) == 1


async def test_keys_belong_to_one_person(app: Litestar, couple: Couple) -> None:
    s, headers = couple.space_id, keyed()
    url = f"/api/v1/spaces/{s}/checkins"
    mine = await p_post(couple.patient, url, headers)
    theirs = await p_post(couple.partner, url, headers)
    assert mine.status_code == theirs.status_code == 201
    assert mine.json()["id"] != theirs.json()["id"]
    assert "idempotent-replayed" not in theirs.headers
    assert await keys_of(app, couple.patient) == 1
    assert await keys_of(app, couple.partner) == 1


async def p_post(person: Person, url: str, headers: dict[str, str]) -> httpx.Response:
    return await person.post(url, json=checkin_body(note="same words"), headers=headers)


async def test_errors_that_ask_for_another_try_are_not_kept(couple: Couple) -> None:
    p, s = couple.patient, couple.space_id
    url, headers = f"/api/v1/spaces/{s}/checkins", keyed()
    # A write without its CSRF token is refused (403); the same key then works once the token is sent.
    refused = await p.client.post(url, json=checkin_body(), headers=headers)
    assert refused.status_code == 403, refused.text
    accepted = await p.post(url, json=checkin_body(), headers=headers)
    assert accepted.status_code == 201, accepted.text
    # A refusal that is an answer (a bad body) is kept: the same request gets it again.
    bad_headers = keyed()
    bad = await p.post(url, json={"mood": 9}, headers=bad_headers)
    assert bad.status_code == 400
    assert (await p.post(url, json={"mood": 9}, headers=bad_headers)).json() == bad.json()
    assert await checkin_count(p, s) == 1


async def test_a_malformed_key_is_a_clear_problem(couple: Couple) -> None:
    url = f"/api/v1/spaces/{couple.space_id}/checkins"
    for key in ("short", "x" * 129, "has space in it", "semi;colon-key"):
        response = await couple.patient.post(url, json=checkin_body(), headers={"Idempotency-Key": key})
        assert response.status_code == 400, (key, response.text)
    assert await checkin_count(couple.patient, couple.space_id) == 0


async def test_without_a_key_or_signed_out_nothing_is_stored(app: Litestar, couple: Couple) -> None:
    url = f"/api/v1/spaces/{couple.space_id}/checkins"
    assert (await couple.patient.post(url, json=checkin_body())).status_code == 201
    assert (await couple.patient.post(url, json=checkin_body())).status_code == 201
    assert await checkin_count(couple.patient, couple.space_id) == 2
    stranger = Person(app)
    response = await stranger.post(url, json=checkin_body(), headers=keyed())
    assert response.status_code == 401
    assert await keys_of(app, couple.patient) == 0


async def test_keys_are_kept_a_day_and_then_purged(app: Litestar, database_url: str, couple: Couple) -> None:
    p, s = couple.patient, couple.space_id
    url = f"/api/v1/spaces/{s}/checkins"
    old, fresh = keyed(), keyed()
    assert (await p.post(url, json=checkin_body(), headers=old)).status_code == 201
    assert (await p.post(url, json=checkin_body(), headers=fresh)).status_code == 201

    async def age(db: AsyncSession) -> None:
        ages = {timedelta(hours=26): old, timedelta(hours=23): fresh}
        rows = list(
            await db.scalars(
                select(IdempotentRequest)
                .where(IdempotentRequest.user_id == uuid.UUID(p.id))
                .order_by(IdempotentRequest.created_at)
            )
        )
        for row, delta in zip(rows, ages, strict=True):
            await db.execute(
                update(IdempotentRequest).where(IdempotentRequest.id == row.id).values(created_at=utcnow() - delta)
            )

    await with_db(app, age)
    report = await purge_expired(database_url)
    assert report.idempotent_requests >= 1
    assert await keys_of(app, p) == 1
    # The 23-hour-old key still answers with its first answer; the purged one would run again.
    assert (await p.post(url, json=checkin_body(), headers=fresh)).headers.get("idempotent-replayed") == "true"
    assert await checkin_count(p, s) == 2


async def test_a_repeated_delete_gets_the_first_empty_answer(couple: Couple) -> None:
    p, s = couple.patient, couple.space_id
    created = await ok(p.post(f"/api/v1/spaces/{s}/checkins", json=checkin_body()), 201)
    url, headers = f"/api/v1/spaces/{s}/checkins/{created['id']}", keyed()
    first = await p.delete(url, headers=headers)
    again = await p.delete(url, headers=headers)
    assert first.status_code == again.status_code == 204
    assert again.content == b""
    assert again.headers["idempotent-replayed"] == "true"
    # Without the key the same delete is a new request, and the check-in is gone.
    assert (await p.delete(url)).status_code == 404


async def test_the_kept_answer_is_sealed_and_still_replayed(app: Litestar, couple: Couple) -> None:
    p, s = couple.patient, couple.space_id
    sizes = await make_set(p, s, ["S"])
    marker = f"kept-sealed-{uuid.uuid4().hex[:8]}"
    body, headers = dilator_body(sizes[0]["id"], note=marker), keyed()
    first = await p.post(practice(s, "/entries"), json=body, headers=headers)
    assert first.status_code == 201 and marker in first.text

    async def stored(db: AsyncSession) -> list[bytes]:
        rows = await db.scalars(select(IdempotentRequest.body).where(IdempotentRequest.user_id == uuid.UUID(p.id)))
        return [row or b"" for row in rows]

    kept = await with_db(app, stored)
    assert kept and all(marker.encode() not in row for row in kept)
    again = await p.post(practice(s, "/entries"), json=body, headers=headers)
    assert again.status_code == 201 and again.json() == first.json()
