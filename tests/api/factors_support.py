"""Adding factors and signing in with them through the API, as the SPA does."""

from __future__ import annotations

import time
import uuid
from datetime import timedelta
from typing import Any

import pyotp
from litestar import Litestar
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from tandem.accounts.models import AuthSession
from tandem.core.db import utcnow

from .authenticator import SoftAuthenticator
from .ideas_support import with_db
from .people import Person

FACTORS = "/api/v1/me/factors"


def totp_code(secret: str, steps_ahead: int = 0) -> str:
    """The app's code now, or for a later 30-second step (the server accepts one step of drift)."""
    return pyotp.TOTP(secret).at(time.time() + 30 * steps_ahead)


def wrong_code(secret: str) -> str:
    """Six digits that are none of the codes the server accepts now (the step before, now, after)."""
    accepted = {totp_code(secret, step) for step in (-1, 0, 1, 2)}
    return next(c for c in ("000000", "111111", "222222", "333333", "444444") if c not in accepted)


async def add_totp(person: Person, name: str = "Phone app") -> tuple[str, dict[str, Any]]:
    """Turn an authenticator app on; the code of the current step is spent doing so."""
    started = await person.post(f"{FACTORS}/totp", json={"name": name})
    assert started.status_code == 201, started.text
    enrollment = started.json()
    confirmed = await person.post(
        f"{FACTORS}/totp/{enrollment['id']}/confirm", json={"code": totp_code(enrollment["secret"])}
    )
    assert confirmed.status_code == 200, confirmed.text
    return enrollment["secret"], confirmed.json()


async def add_passkey(person: Person, authenticator: SoftAuthenticator, name: str = "Laptop") -> dict[str, Any]:
    options = await person.post(f"{FACTORS}/passkeys/options")
    assert options.status_code == 200, options.text
    body = options.json()
    added = await person.post(
        f"{FACTORS}/passkeys",
        json={"challenge_id": body["challenge_id"], "credential": authenticator.create(body["options"]), "name": name},
    )
    assert added.status_code == 201, added.text
    return dict(added.json())


async def passkey_sign_in(person: Person, authenticator: SoftAuthenticator, **extra: Any) -> Any:
    options = await person.post("/api/v1/auth/passkey/options")
    assert options.status_code == 200, options.text
    body = options.json()
    return await person.post(
        "/api/v1/auth/passkey",
        json={"challenge_id": body["challenge_id"], "credential": authenticator.get(body["options"]), **extra},
    )


async def age_sessions(app: Litestar, person: Person, minutes: int = 6) -> None:
    """Make the person's sign-in (and any step-up) older than the step-up window."""
    past = utcnow() - timedelta(minutes=minutes)

    async def work(db: AsyncSession) -> None:
        await db.execute(
            update(AuthSession)
            .where(AuthSession.user_id == uuid.UUID(person.user["id"]))
            .values(created_at=past, stepped_up_at=None, last_seen_at=utcnow())
        )

    await with_db(app, work)


async def log_in_with_app(person: Person, secret: str) -> None:
    """Password, then the app's code (of the next step: the current one may be spent already)."""
    pending = await person.log_in()
    assert pending.status_code == 202, pending.text
    done = await person.post("/api/v1/auth/second-step", json={"code": totp_code(secret, 1)})
    assert done.status_code == 200, done.text
