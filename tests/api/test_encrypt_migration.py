"""Migration 0027_encrypt on a database full of words: its downgrade opens every sealed value in place,
its upgrade seals them again under the same people's keys, and the app reads them as before."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from tandem.app import create_app
from tandem.migrations.runner import downgrade, upgrade

from .apps import TEST_MASTER_KEY, make_settings
from .at_rest import everything_seen_by, plant_words
from .databases import fresh_database, run_in_thread
from .leaks import Markers
from .people import Person
from .world import build_world

# A sealed column of every kind: a member's note, a JSON list of words, a name, an email, a pause note
# written by the other member, a summary line (its summary's author's), a quick-exit address.
COLUMNS = [
    ("checkins", "note"),
    ("checkins", "own_words"),
    ("users", "display_name"),
    ("plans", "pause_note"),
    ("progress_summary_lines", "text"),
    ("safety_settings", "quick_exit_url"),
]


@asynccontextmanager
async def running(folder: Path, url: str) -> AsyncIterator[Litestar]:
    application = create_app(make_settings(folder, url))
    # As conftest's app: the lifespan runs through the test client (start-up may be slow on a busy machine).
    async with AsyncTestClient(application):
        yield application


def _raw_values(url: str) -> str:
    async def read() -> str:
        engine = create_async_engine(url)
        try:
            async with engine.connect() as connection:
                found = []
                for table, column in COLUMNS:
                    rows = await connection.execute(text(f"SELECT {column} FROM {table}"))  # noqa: S608 (fixed names)
                    found += [str(value) for value in rows.scalars()]
                return "\n".join(found)
        finally:
            await engine.dispose()

    return run_in_thread(lambda: asyncio.run(read()))


async def test_downgrade_opens_every_word_and_upgrade_seals_it_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The migration finds the key-encryption key as the app does (here: TANDEM_MASTER_KEY).
    monkeypatch.setenv("TANDEM_MASTER_KEY", TEST_MASTER_KEY)
    markers = Markers()
    with fresh_database(tmp_path) as url:
        async with running(tmp_path, url) as app:
            world = await build_world(app)
            await plant_words(world, markers)
        assert markers.patient not in _raw_values(url)

        run_in_thread(lambda: downgrade(url, "0023_daily"))
        opened = _raw_values(url)
        for marker in (markers.patient, markers.partner):
            assert marker in opened
        assert f"pause {markers.partner}" in opened
        assert "tdm1." not in opened

        run_in_thread(lambda: upgrade(url))
        sealed = _raw_values(url)
        assert markers.patient not in sealed
        assert markers.partner not in sealed
        async with running(tmp_path, url) as app:
            patient = Person(app, email=world.patient.email)
            assert (await patient.log_in()).status_code == 200
            world.patient = patient
            seen = await everything_seen_by(world, "patient")
            assert f"pause {markers.partner}" in seen
            assert f"plan {markers.patient}" in seen
