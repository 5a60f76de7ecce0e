"""Building the app under test: test settings, a test-only route, and running an app's lifespan."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import AsyncIterator
from pathlib import Path

from litestar import Litestar, get
from litestar.testing import AsyncTestClient

from tandem.core.config import RateLimits, Settings

TEST_HOST = "testserver.local"


@get("/api/v1/_test/boom", include_in_schema=False)
async def boom() -> None:
    """Test-only route: an unexpected error with private-looking text, to prove none of it leaks."""
    raise RuntimeError("SELECT secret FROM /srv/tandem/private.py line 42")


TEST_ONLY_PATHS = {"/api/v1/_test/boom"}

# One key-encryption key for every app the tests build, since several may share one database.
TEST_MASTER_KEY = "dGFuZGVtLXRlc3RzLW1hc3Rlci1rZXktMzItYnl0ZXM"


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
        master_key=TEST_MASTER_KEY,
    )
    return dataclasses.replace(base, **overrides)  # type: ignore[arg-type]


async def started(application: Litestar) -> AsyncIterator[Litestar]:
    """Run the app's lifespan (engine, session maker) for as long as the caller iterates."""
    async with AsyncTestClient(application):
        yield application


async def lifespan_in_this_loop(application: Litestar) -> AsyncIterator[Litestar]:
    """Run the app's lifespan (and so the channels plugin's workers) in the tests' own event loop.

    The lifespan is entered and left in one task (its task groups insist on that).
    """
    started, stop = asyncio.Event(), asyncio.Event()

    async def serve() -> None:
        async with application.lifespan():
            started.set()
            await stop.wait()

    task = asyncio.create_task(serve())
    await asyncio.wait_for(started.wait(), 10)
    try:
        yield application
    finally:
        stop.set()
        await asyncio.wait_for(task, 20)
