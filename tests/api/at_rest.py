"""Words planted through the API in every free-text field, and raw copies of the database to search.

`plant_words` writes the leak test's markers (every private field) and, on top, the shared fields the
leak test leaves out because the partner may read them (display names, custom ideas and activities,
plan and pause notes, acknowledgement replies), so every sealed column holds a marker.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from sqlalchemy.engine import make_url

from .leaks import Markers, seed_all_private
from .matrix import MATRIX
from .routes_boundaries import add_custom
from .routes_plans import make_match, propose
from .world import World

SPACE = "/api/v1/spaces/{space_id}"


async def plant_words(world: World, markers: Markers) -> None:
    shared_checkin = world.params["checkin_id"]  # the private seeds point the parameter elsewhere
    await seed_all_private(world, markers)
    space = f"/api/v1/spaces/{world.space_id}"
    for person, marker in ((world.patient, markers.patient), (world.partner, markers.partner)):
        renamed = await person.request("PATCH", "/api/v1/me", json={"display_name": marker})
        assert renamed.status_code == 200, renamed.text
        idea = await person.post(
            space + "/custom-ideas",
            json={
                "title": f"idea {marker}",
                "description": f"about {marker}",
                "category": "connection",
                "closeness": 1,
                "duration_minutes": 30,
            },
        )
        assert idea.status_code == 201, idea.text
        await add_custom(person, world.space_id, f"act {marker}"[:80], note=f"why {marker}")
    reply = await world.partner.request(
        "PUT",
        space + f"/checkins/{shared_checkin}/acknowledgement",
        json={"kind": "hug", "reply": f"reply {markers.partner}"},
    )
    assert reply.status_code == 200, reply.text
    plan = await propose(world, world.patient, await make_match(world, index=2), note=f"plan {markers.patient}")
    paused = await world.partner.post(space + f"/plans/{plan['id']}/pause", json={"note": f"pause {markers.partner}"})
    assert paused.status_code == 200, paused.text


async def everything_seen_by(world: World, who: str) -> str:
    """Every GET route's answer for one member, and their export, as one text."""
    person = world.caller(who)
    texts = []
    for method, path in sorted(MATRIX):
        if method == "GET" and not path.endswith("/events"):
            texts.append((await person.get(world.fill(path))).text)
    texts.append((await person.get("/api/v1/me/export")).text)
    return "\n".join(texts)


def sqlite_files(database_url: str) -> list[Path]:
    """The database file and its write-ahead log (and shared memory), as they are on disk."""
    path = Path(str(make_url(database_url).database))
    return [p for p in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")) if p.exists()]


def pg_dump_text(database_url: str) -> str:
    """A plain-text pg_dump of the whole database, with the server's own pg_dump when it is installed."""
    servers = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_dump"))
    binary = str(servers[-1]) if servers else "pg_dump"
    dsn = database_url.replace("postgresql+asyncpg://", "postgresql://", 1)
    completed = subprocess.run(
        [binary, "--no-owner", f"--dbname={dsn}"],
        capture_output=True,
        check=True,
        timeout=120,
        env={**os.environ, "PGCONNECT_TIMEOUT": "10"},
    )
    return completed.stdout.decode("utf-8", errors="replace")
