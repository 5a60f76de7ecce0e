from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient

from tandem.app import create_app

from .apps import boom, lifespan_in_this_loop, make_settings
from .databases import fresh_database
from .ideas_support import ensure_library
from .people import Couple, Person, make_couple


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


@pytest.fixture(scope="session")
async def live_app(tmp_root: Path, database_url: str) -> AsyncIterator[Litestar]:
    """An app whose live event streams stay open for 30 s (the shared app's end after 0.3 s, so every GET
    route can be called like any other), its lifespan run in the tests' own loop (its channel workers)."""
    application = create_app(make_settings(tmp_root / "live", database_url, event_stream_seconds=30))
    async for running in lifespan_in_this_loop(application):
        yield running


@pytest.fixture
def person(app: Litestar) -> Person:
    return Person(app)


@pytest.fixture
async def signed_up(app: Litestar) -> Person:
    return await Person(app).sign_up()


@pytest.fixture
async def couple(app: Litestar) -> Couple:
    return await make_couple(app)


@pytest.fixture
async def pair(app: Litestar) -> Couple:
    """A couple in a space whose idea library is loaded (for matches and plans)."""
    await ensure_library(app)
    return await make_couple(app)
