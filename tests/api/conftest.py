from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from litestar import Litestar, get
from litestar.testing import AsyncTestClient

from tandem.app import create_app
from tandem.core.config import RateLimits, Settings

from .databases import fresh_database
from .people import Couple, Person, make_couple

TEST_HOST = "testserver.local"


@get("/api/v1/_test/boom", include_in_schema=False)
async def boom() -> None:
    """Test-only route: an unexpected error with private-looking text, to prove none of it leaks."""
    raise RuntimeError("SELECT secret FROM /srv/tandem/private.py line 42")


TEST_ONLY_PATHS = {"/api/v1/_test/boom"}


def make_settings(tmp_dir: Path, database_url: str, **overrides: object) -> Settings:
    dist = tmp_dir / "dist"
    (dist / "assets").mkdir(parents=True, exist_ok=True)
    (dist / "index.html").write_text('<!doctype html><html lang="en"><title>Tandem</title><div id="root"></div>')
    (dist / "assets" / "app.js").write_text("console.log('tandem')")
    base = Settings(
        data_dir=tmp_dir,
        database_url=database_url,
        secret_key="test-secret-key-that-is-long-enough-for-hmac",
        allowed_hosts=(TEST_HOST,),
        password_profile="cheapest",
        frontend_dist=dist,
        rate_limits=RateLimits(multiplier=1000),
        # Live event streams end this soon, so every GET route can be called like any other.
        event_stream_seconds=0.3,
    )
    return dataclasses.replace(base, **overrides)  # type: ignore[arg-type]


@pytest.fixture(scope="session")
def tmp_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("tandem")


@pytest.fixture(scope="session")
def database_url(tmp_root: Path) -> Iterator[str]:
    with fresh_database(tmp_root) as url:
        yield url


@pytest.fixture(scope="session")
async def app(tmp_root: Path, database_url: str) -> AsyncIterator[Litestar]:
    """One app for the whole run; each test isolates itself with its own people and spaces."""
    application = create_app(make_settings(tmp_root, database_url), extra_route_handlers=[boom])
    async with AsyncTestClient(application):  # runs the lifespan once: engine and session maker ready
        yield application


@pytest.fixture
def person(app: Litestar) -> Person:
    return Person(app)


@pytest.fixture
async def signed_up(app: Litestar) -> Person:
    return await Person(app).sign_up()


@pytest.fixture
async def couple(app: Litestar) -> Couple:
    return await make_couple(app)
