"""Members' words at rest: nothing readable in the database file, its WAL or a pg_dump; the people
allowed still read everything; a value moved to another row does not open (it reads "[unreadable]")."""

from __future__ import annotations

import uuid

import pytest
from litestar import Litestar
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncSession

from tandem.core.crypto import (
    UndecryptableError,
    associated_data,
    new_data_key,
    new_master_key,
    open_sealed,
    open_with,
    parse_master_key,
    seal,
)
from tandem.core.keystore import SCHEMA, Vault, ensure_keystore
from tandem.core.sealing import UNREADABLE

from .at_rest import everything_seen_by, pg_dump_text, plant_words, sqlite_files
from .databases import selected_backend
from .factors_support import add_totp
from .ideas_support import with_db
from .leaks import Markers
from .people import Person
from .routes_checkins import create_checkin
from .world import build_world


async def test_no_word_is_stored_in_clear_and_the_people_allowed_still_read_it(
    app: Litestar, database_url: str
) -> None:
    world = await build_world(app)
    markers = Markers()
    await plant_words(world, markers)
    lone = await Person(app, email=f"{markers.patient.lower()}@example.org", display_name=markers.patient).sign_up()

    seen_by_patient = await everything_seen_by(world, "patient")
    seen_by_partner = await everything_seen_by(world, "partner")
    assert markers.patient in seen_by_patient
    assert markers.partner in seen_by_partner
    # Shared words reach the partner as before: the patient's name, custom idea, plan note.
    assert f"plan {markers.patient}" in seen_by_partner
    assert f"pause {markers.partner}" in seen_by_patient
    assert f"reply {markers.partner}" in seen_by_patient
    me = (await lone.get("/api/v1/me")).json()
    assert (me["email"], me["display_name"]) == (f"{markers.patient.lower()}@example.org", markers.patient)
    # The email still signs in (found by its keyed hash).
    assert (await Person(app, email=lone.email).log_in()).status_code == 200
    # A sign-in factor: its name is the member's words, and the app's shared secret opens the account.
    totp_secret, _ = await add_totp(lone, name=f"factor {markers.patient}")

    if selected_backend() == "sqlite":
        copies = {str(path): path.read_bytes() for path in sqlite_files(database_url)}
        assert any(name.endswith("-wal") for name in copies)
    else:
        copies = {"pg_dump": pg_dump_text(database_url).encode()}
    for name, raw in copies.items():
        for marker in (markers.patient, markers.partner, markers.patient.lower(), totp_secret):
            assert marker.encode() not in raw, (name, marker)
    # The sealed form is there instead (so the copy does hold the words, unreadably).
    assert any(b"tdm1." in raw for raw in copies.values())


async def test_a_value_moved_to_another_row_does_not_open(app: Litestar) -> None:
    world = await build_world(app)
    space = world.space_id
    first = await create_checkin(world.patient, space, note="first words")
    second = await create_checkin(world.patient, space, note="second words")

    async def copy_note(db: AsyncSession) -> None:
        # A database operator (or an attacker with the file) copies one row's sealed note into another.
        note = (
            await db.execute(text("SELECT note FROM checkins WHERE id = :id"), {"id": _db_id(first["id"])})
        ).scalar()
        assert str(note).startswith("tdm1.")
        await db.execute(
            text("UPDATE checkins SET note = :note WHERE id = :id"), {"note": note, "id": _db_id(second["id"])}
        )

    await with_db(app, copy_note)
    moved = await world.patient.get(f"/api/v1/spaces/{space}/checkins/{second['id']}")
    assert moved.status_code == 200, moved.text
    assert moved.json()["note"] == UNREADABLE
    untouched = await world.patient.get(f"/api/v1/spaces/{space}/checkins/{first['id']}")
    assert untouched.json()["note"] == "first words"


def _db_id(api_id: str) -> str:
    # Uuid columns are CHAR(32) hex on SQLite and uuid on PostgreSQL.
    return uuid.UUID(api_id).hex if selected_backend() == "sqlite" else api_id


def test_sealed_values_open_only_in_their_own_place() -> None:
    key, owner, row = new_data_key(), uuid.uuid4(), uuid.uuid4()
    sealed = seal(key, owner, "our words", associated_data("checkins", "note", row, owner))
    assert open_sealed(key, sealed, associated_data("checkins", "note", row, owner)) == "our words"
    for elsewhere in (
        associated_data("checkins", "note", uuid.uuid4(), owner),
        associated_data("checkins", "help_from_you", row, owner),
        associated_data("plans", "note", row, owner),
        associated_data("checkins", "note", row, uuid.uuid4()),
    ):
        with pytest.raises(UndecryptableError, match="does not belong here"):
            open_sealed(key, sealed, elsewhere)
    with pytest.raises(UndecryptableError):
        open_sealed(new_data_key(), sealed, associated_data("checkins", "note", row, owner))


def test_the_ciphers_of_cached_keys_need_no_connection_and_a_destroyed_key_has_none() -> None:
    engine = create_engine("sqlite://")
    with engine.begin() as connection:
        connection.exec_driver_sql(f"ATTACH DATABASE ':memory:' AS {SCHEMA}")
        ensure_keystore(connection)
        kek = parse_master_key(new_master_key())
        alice, bob = uuid.uuid4(), uuid.uuid4()
        keys = Vault(kek).keys(connection, [alice, bob], create=True)
        connected: list[str] = []

        def connect() -> Connection:
            connected.append("asked")
            return connection

        vault = Vault(kek)
        assert set(vault.ciphers(connect, {alice, bob})) == {alice, bob}
        assert connected == ["asked"]  # not cached yet: read once
        row = uuid.uuid4()
        sealed = seal(keys[alice], alice, "our words", associated_data("checkins", "note", row, alice))
        ciphers = vault.ciphers(connect, {alice, bob})
        assert connected == ["asked"]  # cached: no connection asked for
        assert open_with(ciphers[alice], sealed, associated_data("checkins", "note", row, alice)) == "our words"
        vault.destroy(connection, [bob])
        assert set(vault.ciphers(connect, {alice, bob})) == {alice}
        assert connected == ["asked", "asked"]
        # A cache entry expires: the key is read again, so another instance's deletion is seen.
        expiring = Vault(kek, cache_seconds=0)
        expiring.ciphers(connect, {alice})
        expiring.ciphers(connect, {alice})
        assert connected == ["asked"] * 4
    engine.dispose()
