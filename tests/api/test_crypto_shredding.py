"""Crypto-shredding and master-key rotation, on SQLite files of their own (`tandem backup` is SQLite's).

Shredding: a backup is taken, the partner deletes their account, and the backup is restored into a new
instance with the key store as it is now: the partner's words read "[unreadable]" (never a 500), the
patient's read as before. Rotation: every data key is re-wrapped under a new master key; the data is
untouched and a new instance with only the new key reads everything.
"""

from __future__ import annotations

import shutil
import sqlite3
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

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
from .databases import run_in_thread
from .factors_support import log_in_with_app
from .leaks import Markers
from .matrix import MATRIX
from .people import PASSWORD, Person
from .world import build_world


def _sqlite_url(folder: Path) -> str:
    return f"sqlite+aiosqlite:///{folder / 'tandem.db'}"


@asynccontextmanager
async def running(folder: Path, **overrides: object) -> AsyncIterator[Litestar]:
    application = create_app(make_settings(folder, _sqlite_url(folder), **overrides))
    # As conftest's app: the lifespan runs through the test client (start-up may be slow on a busy machine).
    async with AsyncTestClient(application):
        yield application


async def test_a_deleted_account_is_unreadable_in_a_restored_backup_and_no_one_else_is(tmp_path: Path) -> None:
    live, restored = tmp_path / "live", tmp_path / "restored"
    live.mkdir()
    run_in_thread(lambda: upgrade(_sqlite_url(live)))
    markers = Markers()
    async with running(live) as app:
        world = await build_world(app)
        await plant_words(world, markers)
        backed_up = backup(app.state.settings, tmp_path / "backup")
        assert not (backed_up.folder / MASTER_KEY_FILE).exists()
        assert not list(backed_up.folder.glob("*keys*"))
        deleted = await world.partner.request("DELETE", "/api/v1/me", json={"password": PASSWORD})
        assert deleted.status_code == 204, deleted.text
        # The key store as it is now (the partner's key is gone), through its own backup command.
        key_copy = backup_keys(app.state.settings, tmp_path / "key-backups")

    restored.mkdir()
    restore(make_settings(restored, _sqlite_url(restored)), backed_up.folder)
    keys_path = keystore_file(_sqlite_url(restored))
    assert keys_path is not None
    shutil.copy(key_copy, keys_path)  # the same master key (the tests' TANDEM_MASTER_KEY) opens it
    async with running(restored) as app:
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
