"""OWASP device cookies: wrong passwords from strangers lock out unknown devices only; the owner's own
browser (it signed in before) keeps signing in, within its own smaller allowance."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from litestar import Litestar

from tandem.app import create_app
from tandem.core.config import RateLimits

from .apps import make_settings, started
from .people import Person

WRONG = "not the password at all"


@pytest.fixture
async def strict_app(tmp_path: Path, database_url: str) -> AsyncIterator[Litestar]:
    """The production limits (10 per account, 5 per known device), with counters of its own."""
    async for application in started(create_app(make_settings(tmp_path, database_url, rate_limits=RateLimits()))):
        yield application


async def test_a_stranger_s_guesses_do_not_lock_the_owner_s_own_browser(strict_app: Litestar) -> None:
    owner = await Person(strict_app).sign_up()
    assert owner.client.cookies.get("tandem_device")
    stranger = Person(strict_app, email=owner.email)
    for _ in range(10):
        assert (await stranger.log_in(WRONG)).status_code == 401
    assert (await stranger.log_in(WRONG)).status_code == 429
    # Even with the right password an unknown device waits: the account's allowance is used up.
    assert (await Person(strict_app, email=owner.email).log_in()).status_code == 429
    # The owner's browser signed in before: it is not locked out.
    assert (await owner.log_in()).status_code == 200


async def test_a_known_device_has_its_own_smaller_allowance(strict_app: Litestar) -> None:
    owner = await Person(strict_app).sign_up()
    for _ in range(5):
        assert (await owner.log_in(WRONG)).status_code == 401
    assert (await owner.log_in()).status_code == 429
    # Its failures did not use up the account's allowance for other browsers.
    assert (await Person(strict_app, email=owner.email).log_in()).status_code == 200


async def test_a_cookie_signed_for_another_account_or_forged_counts_as_unknown(strict_app: Litestar) -> None:
    owner = await Person(strict_app).sign_up()
    other = await Person(strict_app).sign_up()
    stranger = Person(strict_app, email=owner.email)
    # The stranger's browser holds a valid cookie, for their own account.
    stranger.client.cookies.set("tandem_device", other.client.cookies["tandem_device"], path="/api/v1/auth")
    for _ in range(10):
        assert (await stranger.log_in(WRONG)).status_code == 401
    assert (await stranger.log_in(WRONG)).status_code == 429
    forged = Person(strict_app, email=owner.email)
    forged.client.cookies.set("tandem_device", "abc.def", path="/api/v1/auth")
    assert (await forged.log_in()).status_code == 429
    assert (await owner.log_in()).status_code == 200


async def test_a_successful_login_makes_the_browser_known(strict_app: Litestar) -> None:
    owner = await Person(strict_app).sign_up()
    laptop = Person(strict_app, email=owner.email)
    assert (await laptop.log_in()).status_code == 200
    assert laptop.client.cookies.get("tandem_device")
    for _ in range(10):
        assert (await Person(strict_app, email=owner.email).log_in(WRONG)).status_code in (401, 429)
    assert (await laptop.log_in()).status_code == 200
