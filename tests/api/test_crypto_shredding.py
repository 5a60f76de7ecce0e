"""Crypto-shredding and master-key rotation, on databases of their own.

Shredding: a backup is taken, the partner deletes their account, and the backup is restored into a new
instance with the key store as it is now: the partner's words read "[unreadable]" (never a 500), the
patient's read as before. On SQLite (TANDEM_TEST_DB=sqlite) with `tandem backup`, `tandem restore` and
`tandem backup-keys`; on PostgreSQL (TANDEM_TEST_DB=postgres) with the server's own pg_dump and
pg_restore, the data without the `tandem_keys` schema and the key store on its own, as the README says.
Rotation: every data key is re-wrapped under a new master key; the data is untouched and a new instance
with only the new key reads everything.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import asyncpg
import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient

from tandem.app import create_app
from tandem.core.crypto import MASTER_KEY_FILE, UndecryptableError, new_master_key, parse_master_key
from tandem.core.keystore import keystore_file
from tandem.core.sealing import UNREADABLE
from tandem.migrations.runner import upgrade
from tandem.ops.backup import backup, restore
from tandem.ops.keys import backup_keys, rotate_master_key

from .apps import make_settings
from .at_rest import everything_seen_by, plant_words
from .databases import fresh_postgres_database, run_in_thread, run_outside_loop, selected_backend
from .factors_support import log_in_with_app
from .leaks import Markers
from .matrix import MATRIX
from .people import PASSWORD, Person
from .world import World, build_world


def _sqlite_url(folder: Path) -> str:
    return f"sqlite+aiosqlite:///{folder / 'tandem.db'}"


@asynccontextmanager
async def running(folder: Path, url: str | None = None, **overrides: object) -> AsyncIterator[Litestar]:
    application = create_app(make_settings(folder, url or _sqlite_url(folder), **overrides))
    # As conftest's app: the lifespan runs through the test client (start-up may be slow on a busy machine).
    async with AsyncTestClient(application):
        yield application


def _postgres_tool(name: str) -> str:
    """The newest server's own pg_dump / pg_restore (Debian's /usr/bin wrappers pick a version by cluster,
    which a private cluster does not have). Missing tools fail the test, as a missing server does."""
    found = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), key=lambda p: int(p.parts[-3]))
    if found:
        return str(found[-1])
    binary = shutil.which(name)
    if binary is None:
        raise RuntimeError(f"{name} is not installed (apt-get install -y postgresql-client)")
    return binary


def _pg(tool: str, *args: str) -> None:
    completed = subprocess.run(
        [_postgres_tool(tool), "--no-owner", *args],
        capture_output=True,
        text=True,
        timeout=180,
        env={**os.environ, "PGCONNECT_TIMEOUT": "10"},
    )
    assert completed.returncode == 0, f"{tool} {args}: {completed.stderr}"


def _pg_listing(dump: Path) -> str:
    """pg_restore's table of contents of a custom-format dump."""
    return subprocess.run(
        [_postgres_tool("pg_restore"), "--list", str(dump)], capture_output=True, text=True, check=True, timeout=60
    ).stdout


def _dsn(url: str) -> str:
    return url.replace("postgresql+asyncpg://", "postgresql://", 1)


async def _delete_partner(world: World) -> None:
    deleted = await world.partner.request("DELETE", "/api/v1/me", json={"password": PASSWORD})
    assert deleted.status_code == 204, deleted.text


async def _shred_and_restore_on_sqlite(tmp_path: Path, markers: Markers) -> tuple[World, Path, str]:
    live, restored = tmp_path / "live", tmp_path / "restored"
    live.mkdir()
    run_in_thread(lambda: upgrade(_sqlite_url(live)))
    async with running(live) as app:
        world = await build_world(app)
        await plant_words(world, markers)
        backed_up = backup(app.state.settings, tmp_path / "backup")
        assert not (backed_up.folder / MASTER_KEY_FILE).exists()
        assert not list(backed_up.folder.glob("*keys*"))
        await _delete_partner(world)
        # The key store as it is now (the partner's key is gone), through its own backup command.
        key_copy = backup_keys(app.state.settings, tmp_path / "key-backups")

    restored.mkdir()
    restore(make_settings(restored, _sqlite_url(restored)), backed_up.folder)
    keys_path = keystore_file(_sqlite_url(restored))
    assert keys_path is not None
    shutil.copy(key_copy, keys_path)  # the same master key (the tests' TANDEM_MASTER_KEY) opens it
    return world, restored, _sqlite_url(restored)


async def test_a_deleted_account_is_unreadable_in_a_restored_backup_and_no_one_else_is(tmp_path: Path) -> None:
    markers = Markers()
    if selected_backend() == "sqlite":
        world, restored, url = await _shred_and_restore_on_sqlite(tmp_path, markers)
        await _patient_reads_own_words_and_not_the_partners(world, restored, url, markers)
        return
    with fresh_postgres_database() as live_url, fresh_postgres_database() as restored_url:
        live = tmp_path / "live"
        live.mkdir()
        run_in_thread(lambda: upgrade(live_url))
        data_dump, keys_dump = tmp_path / "tandem.dump", tmp_path / "tandem-keys.dump"
        async with running(live, live_url) as app:
            world = await build_world(app)
            await plant_words(world, markers)
            # The data's backup leaves the key store out; it is backed up on its own rotation.
            _pg("pg_dump", "--format=custom", "--exclude-schema=tandem_keys", f"--file={data_dump}", _dsn(live_url))
            await _delete_partner(world)
            # The key store as it is now: the partner's key is gone.
            _pg("pg_dump", "--format=custom", "--schema=tandem_keys", f"--file={keys_dump}", _dsn(live_url))
        listing = _pg_listing(data_dump)
        assert "tandem_keys" not in listing and "data_keys" not in listing
        # Into a new, empty database: the data first, then the key store.
        _pg("pg_restore", "--exit-on-error", f"--dbname={_dsn(restored_url)}", str(data_dump))
        _pg("pg_restore", "--exit-on-error", f"--dbname={_dsn(restored_url)}", str(keys_dump))
        # The partner's sealed words are back in the restored database; only their key is missing.
        partner_rows, keys = run_outside_loop(lambda: _restored_rows(restored_url, world.partner.id))
        assert partner_rows == 1
        assert uuid.UUID(world.partner.id) not in keys and uuid.UUID(world.patient.id) in keys
        restored = tmp_path / "restored"
        restored.mkdir()
        await _patient_reads_own_words_and_not_the_partners(world, restored, restored_url, markers)


async def _restored_rows(url: str, partner_id: str) -> tuple[int, set[uuid.UUID]]:
    connection = await asyncpg.connect(_dsn(url), timeout=10)
    try:
        sealed = await connection.fetchval(
            "SELECT count(*) FROM users WHERE id = $1 AND display_name LIKE 'tdm1.%'", uuid.UUID(partner_id)
        )
        owners = {row["owner_id"] for row in await connection.fetch("SELECT owner_id FROM tandem_keys.data_keys")}
    finally:
        await connection.close()
    return int(sealed), owners


async def _patient_reads_own_words_and_not_the_partners(
    world: World, restored: Path, url: str, markers: Markers
) -> None:
    async with running(restored, url) as app:
        patient = Person(app, email=world.patient.email)
        # The planted words include an authenticator app (its name is the member's words).
        await log_in_with_app(patient, world.totp_secrets[patient.email])
        world.patient = patient
        for method, path in sorted(MATRIX):
            if method == "GET" and not path.endswith("/events"):
                response = await patient.get(world.fill(path))
                assert response.status_code < 500, (path, response.text)
        seen = await everything_seen_by(world, "patient")
        assert f"plan {markers.patient}" in seen
        assert markers.patient in seen
        assert markers.partner not in seen
        # The partner's words the patient could read (pause note, reply, name) are there, unreadable.
        assert UNREADABLE in seen


async def test_rotating_the_master_key_rewraps_every_key_and_leaves_the_data_alone(tmp_path: Path) -> None:
    folder = tmp_path / "live"
    folder.mkdir()
    run_in_thread(lambda: upgrade(_sqlite_url(folder)))
    markers = Markers()
    # The master key from the key file beside the secret key (mode 600), which rotation replaces.
    async with running(folder, master_key=None) as app:
        world = await build_world(app)
        await plant_words(world, markers)
        settings = app.state.settings
    assert (folder / MASTER_KEY_FILE).stat().st_mode & 0o777 == 0o600
    data_before = (folder / "tandem.db").read_bytes()
    keys_path = keystore_file(_sqlite_url(folder))
    assert keys_path is not None
    old_key = (folder / MASTER_KEY_FILE).read_text()
    with sqlite3.connect(keys_path) as keys:
        wrapped_before = dict(keys.execute("SELECT owner_id, wrapped FROM data_keys"))

    new_key = new_master_key()
    rotated = run_in_thread(lambda: rotate_master_key(settings, new_key))
    assert rotated.keys == len(wrapped_before) >= 3
    assert (folder / MASTER_KEY_FILE).read_text() == new_key != old_key
    with sqlite3.connect(keys_path) as keys:
        wrapped_after = dict(keys.execute("SELECT owner_id, wrapped FROM data_keys"))
    assert wrapped_after.keys() == wrapped_before.keys()
    assert all(wrapped_after[o] != wrapped_before[o] for o in wrapped_before)
    assert (folder / "tandem.db").read_bytes() == data_before

    async with running(folder, master_key=None) as app:
        patient = Person(app, email=world.patient.email)
        # The planted words include an authenticator app (its name is the member's words).
        await log_in_with_app(patient, world.totp_secrets[patient.email])
        world.patient = patient
        assert markers.patient in await everything_seen_by(world, "patient")
    # The old key opens no data key any more.
    old = parse_master_key(old_key)
    for owner, wrapped in wrapped_after.items():
        with pytest.raises(UndecryptableError):
            old.unwrap(wrapped, uuid.UUID(hex=owner) if isinstance(owner, str) else uuid.UUID(bytes=owner))
