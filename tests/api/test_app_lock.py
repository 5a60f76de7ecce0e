"""The app lock: a PIN apart from the password, a lock enforced by the server on every route, limits."""

from __future__ import annotations

import logging
import uuid
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from litestar import Litestar
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from tandem.accounts.models import AuthSession, User
from tandem.app import create_app
from tandem.core.db import utcnow
from tandem.safety.models import SafetySettings, SessionLock

from .apps import make_settings, started
from .ideas_support import with_db
from .matrix import MATRIX
from .people import PASSWORD, Person
from .world import build_world

PIN = "482916"
DECOY = "7777"
LOCK = "/api/v1/me/app-lock"

# Routes a locked session may still call: the lock's own, quick exit, logout, health, and the
# public routes that never look at a session (signing up or in, the bearer addresses of a calendar
# app and of a clinician link).
OPEN_WHILE_LOCKED = {
    ("GET", "/api/v1/health"),
    ("GET", "/api/v1/health/live"),
    ("GET", "/api/v1/health/ready"),
    ("POST", "/api/v1/auth/signup"),
    ("POST", "/api/v1/auth/login"),
    ("POST", "/api/v1/auth/logout"),
    # Completing a sign-in (a code or a passkey) starts a new session; it never reads the cookie's.
    ("POST", "/api/v1/auth/second-step"),
    ("POST", "/api/v1/auth/passkey/options"),
    ("POST", "/api/v1/auth/passkey"),
    ("GET", "/api/v1/calendar/{feed_token}/tandem.ics"),
    ("GET", "/api/v1/clinician-report/{clinician_token}"),
    ("GET", LOCK),
    ("POST", LOCK + "/lock"),
    ("POST", LOCK + "/unlock"),
    ("POST", "/api/v1/me/quick-exit"),
}


def assert_bad(response: Any, field: str) -> None:
    assert response.status_code == 400, response.text
    assert field in [e["field"] for e in response.json()["errors"]], response.text


async def set_lock(person: Person, **extra: Any) -> None:
    body = {"pin": PIN, "idle_minutes": 5, "password": person.password, **extra}
    response = await person.request("PUT", LOCK, json=body)
    assert response.status_code == 200, response.text
    assert response.json() == {"set": True, "idle_minutes": body["idle_minutes"], "locked": False}


async def lock(person: Person) -> None:
    assert (await person.post(LOCK + "/lock")).status_code == 204


async def unlock(person: Person, pin: str) -> Any:
    return await person.post(LOCK + "/unlock", json={"pin": pin})


async def test_a_locked_session_answers_423_on_every_route_of_the_table_but_the_lock_s_own(app: Litestar) -> None:
    world = await build_world(app)
    patient = world.patient
    await set_lock(patient)
    await lock(patient)
    assert set(MATRIX) >= OPEN_WHILE_LOCKED
    for (method, path), cell in sorted(MATRIX.items()):
        if (method, path) in OPEN_WHILE_LOCKED:
            continue
        kwargs = {"json": cell.body(world, patient)} if cell.body is not None else {}
        response = await patient.request(method, world.fill(path), **kwargs)
        assert response.status_code == 423, (method, path, response.status_code)
        assert response.headers["content-type"].startswith("application/problem+json")
        assert response.json()["title"] == "Locked"
        # Nothing of the member or the space in the refusal.
        assert "Robin" not in response.text and world.space_id not in response.text
    state = (await patient.get(LOCK)).json()
    assert state == {"set": True, "idle_minutes": 5, "locked": True}
    # The partner is not locked by the patient's lock.
    assert (await world.partner.get("/api/v1/me")).status_code == 200
    assert (await unlock(patient, PIN)).json() == {"outcome": "unlocked", "destination": None}
    assert (await patient.get("/api/v1/me")).status_code == 200
    assert (await patient.get(world.fill("/api/v1/spaces/{space_id}"))).status_code == 200


async def test_five_wrong_pins_end_the_session_and_the_password_opens_a_new_one(app: Litestar) -> None:
    person = await Person(app).sign_up()
    await set_lock(person)
    await lock(person)
    for _ in range(4):
        wrong = await unlock(person, "0000")
        assert wrong.status_code == 403, wrong.text
        assert "0000" not in wrong.text
    assert (await person.get("/api/v1/me")).status_code == 423
    fifth = await unlock(person, "0000")
    assert fifth.status_code == 401
    assert fifth.headers["content-type"].startswith("application/problem+json")
    assert (await person.get("/api/v1/me")).status_code == 401
    # Even the right PIN cannot bring an ended session back.
    assert (await unlock(person, PIN)).status_code == 401
    assert (await person.log_in()).status_code == 200
    assert (await person.get("/api/v1/me")).status_code == 200
    assert (await person.get(LOCK)).json() == {"set": True, "idle_minutes": 5, "locked": False}


async def test_the_right_pin_resets_the_count_of_wrong_ones(app: Litestar) -> None:
    person = await Person(app).sign_up()
    await set_lock(person)
    for _ in range(3):
        await lock(person)
        for _ in range(4):
            assert (await unlock(person, "1111")).status_code == 403
        assert (await unlock(person, PIN)).status_code == 200
    assert (await person.get("/api/v1/me")).status_code == 200


async def test_a_decoy_pin_ends_the_session_silently(app: Litestar) -> None:
    person = await Person(app).sign_up()
    await set_lock(person, decoy_pin=DECOY)
    # The lock's state, readable while locked, says nothing about a decoy.
    await lock(person)
    assert "decoy" not in (await person.get(LOCK)).text
    response = await unlock(person, DECOY)
    assert response.status_code == 200
    assert response.json() == {"outcome": "exit", "destination": "/start"}
    assert (await person.get("/api/v1/me")).status_code == 401


async def test_the_session_locks_after_the_idle_minutes(app: Litestar) -> None:
    person = await Person(app).sign_up()
    await set_lock(person, idle_minutes=2)
    assert (await person.get("/api/v1/me")).status_code == 200

    async def idle_for(minutes: int) -> None:
        async def move(db: AsyncSession) -> None:
            user_id = uuid.UUID(person.id)
            sessions = select(AuthSession.id).where(AuthSession.user_id == user_id)
            await db.execute(
                update(SessionLock)
                .where(SessionLock.session_id.in_(sessions))
                .values(active_at=utcnow() - timedelta(minutes=minutes, seconds=1))
            )

        await with_db(app, move)

    await idle_for(1)
    assert (await person.get("/api/v1/me")).status_code == 200
    await idle_for(2)
    assert (await person.get("/api/v1/me")).status_code == 423
    # Locked stays locked, whatever the clock says afterwards.
    await idle_for(0)
    assert (await person.get("/api/v1/me")).status_code == 423
    assert (await unlock(person, PIN)).status_code == 200
    assert (await person.get("/api/v1/me")).status_code == 200


async def test_setting_and_removing_the_lock_need_the_password_and_a_pin_of_4_to_8_digits(app: Litestar) -> None:
    person = await Person(app).sign_up()
    wrong = await person.request("PUT", LOCK, json={"pin": PIN, "password": "not my password at all"})
    assert wrong.status_code == 403
    for pin in ("123", "123456789", "12a4", " 1234", "\uff11\uff12\uff13\uff14"):
        response = await person.request("PUT", LOCK, json={"pin": pin, "password": PASSWORD})
        assert_bad(response, "pin")
        assert pin not in response.text
    same = await person.request("PUT", LOCK, json={"pin": PIN, "decoy_pin": PIN, "password": PASSWORD})
    assert_bad(same, "decoy_pin")
    for minutes in (0, 241):
        response = await person.request("PUT", LOCK, json={"pin": PIN, "idle_minutes": minutes, "password": PASSWORD})
        assert_bad(response, "idle_minutes")
    assert (await person.get(LOCK)).json() == {"set": False, "idle_minutes": 5, "locked": False}
    assert (await person.post(LOCK + "/lock")).status_code == 409

    await set_lock(person)
    assert (await person.request("DELETE", LOCK, json={"password": "not my password at all"})).status_code == 403
    assert (await person.request("DELETE", LOCK, json={"password": PASSWORD})).status_code == 204
    assert (await person.get(LOCK)).json()["set"] is False
    assert (await person.post(LOCK + "/lock")).status_code == 409


async def test_the_pin_is_stored_apart_from_the_password_as_argon2id(app: Litestar) -> None:
    person = await Person(app).sign_up()
    await set_lock(person, decoy_pin=DECOY)

    async def read(db: AsyncSession) -> tuple[str, SafetySettings | None]:
        user = await db.get(User, uuid.UUID(person.id))
        assert user is not None
        return user.password_hash, await db.get(SafetySettings, user.id)

    password_hash, settings = await with_db(app, read)
    assert settings is not None and settings.pin_hash and settings.decoy_pin_hash
    assert settings.pin_hash.startswith("$argon2id$") and settings.decoy_pin_hash.startswith("$argon2id$")
    assert PIN not in settings.pin_hash and settings.pin_hash != password_hash


async def test_a_locked_session_cannot_change_or_remove_the_lock(app: Litestar) -> None:
    person = await Person(app).sign_up()
    await set_lock(person)
    await lock(person)
    assert (await person.request("DELETE", LOCK, json={"password": PASSWORD})).status_code == 423
    put = await person.request("PUT", LOCK, json={"pin": "1357", "password": PASSWORD})
    assert put.status_code == 423
    assert (await unlock(person, PIN)).status_code == 200


async def test_the_pin_never_reaches_a_log(tmp_path: Path, database_url: str, caplog: pytest.LogCaptureFixture) -> None:
    settings = make_settings(tmp_path, database_url, log_level="DEBUG")
    caplog.set_level(logging.DEBUG)
    async for app in started(create_app(settings)):
        person = await Person(app).sign_up()
        await set_lock(person, decoy_pin="90817263")
        await lock(person)
        await unlock(person, "55443322")
        await person.request("PUT", LOCK, json={"pin": "12ab", "password": PASSWORD})
        await unlock(person, PIN)
    for pin in (PIN, "90817263", "55443322", "12ab"):
        assert pin not in caplog.text
