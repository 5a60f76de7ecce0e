"""Read-only snapshots (core/snapshots.py): a read request's caller is read by a plain statement and
made detached copies of the mapped rows. They must read exactly like an ORM load (sealed columns opened),
stand for a missing outer-joined row as None, and never be stored, whatever is written to them."""

from __future__ import annotations

import uuid

from litestar import Litestar
from sqlalchemy import inspect, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.orm import object_session

from tandem.accounts.models import User
from tandem.core.db import read_transactions
from tandem.core.snapshots import Shape, columns_of, take_all
from tandem.safety.models import SafetySettings

from .people import Person

SHAPES = (Shape.of(User), Shape.of(SafetySettings))


async def test_a_snapshot_reads_like_a_load_and_is_never_stored(app: Litestar, signed_up: Person) -> None:
    sessions: async_sessionmaker[AsyncSession] = app.state.db_sessions
    user_id = uuid.UUID(signed_up.id)
    statement = (
        select(*columns_of(SHAPES))
        .select_from(User)
        .outerjoin(SafetySettings, SafetySettings.user_id == User.id)
        .where(User.id == user_id)
    )
    with read_transactions():
        async with sessions() as db:
            user, settings = await db.run_sync(lambda s: take_all(s, s.connection().execute(statement).one(), SHAPES))
            loaded = await db.get(User, user_id)
            assert loaded is not None and user is not loaded
            assert [getattr(user, key) for key in SHAPES[0].keys] == [getattr(loaded, key) for key in SHAPES[0].keys]
            assert user.email == signed_up.email  # opened, as a load opens it
            assert user.display_name == signed_up.display_name
            assert settings is None  # no safety settings yet: the outer join found no row
            assert object_session(user) is None and inspect(user).detached
            user.display_name = "Written to a snapshot"
            await db.commit()
    async with sessions() as db:
        stored = await db.get(User, user_id)
        assert stored is not None and stored.display_name == signed_up.display_name


async def test_reads_take_the_caller_as_a_snapshot_and_writes_still_change_it(signed_up: Person) -> None:
    me = await signed_up.get("/api/v1/me")
    assert me.status_code == 200 and me.json()["email"] == signed_up.email
    renamed = await signed_up.patch("/api/v1/me", json={"display_name": "Robin"})
    assert renamed.status_code == 200 and renamed.json()["display_name"] == "Robin"
    assert (await signed_up.get("/api/v1/me")).json()["display_name"] == "Robin"


async def test_a_partial_snapshot_refuses_what_it_did_not_read(app: Litestar, signed_up: Person) -> None:
    import pytest
    from sqlalchemy.orm.exc import DetachedInstanceError

    from tandem.core.snapshots import read_snapshots

    sessions: async_sessionmaker[AsyncSession] = app.state.db_sessions
    name_only = (Shape.of(User, only=("display_name",)),)
    statement = select(*columns_of(name_only)).where(User.id == uuid.UUID(signed_up.id))
    with read_transactions():
        async with sessions() as db:
            ((user,),) = await read_snapshots(db, statement, {}, name_only)
    assert user.display_name == signed_up.display_name and str(user.id) == signed_up.id
    with pytest.raises(DetachedInstanceError):
        _ = user.email  # never read: it does not answer, not even with None


async def test_a_snapshot_read_in_a_write_sees_what_the_write_changed(signed_up: Person) -> None:
    space = await signed_up.post("/api/v1/spaces", json={"name": "Ours", "role": "patient"})
    assert space.status_code == 201, space.text
    renamed = await signed_up.patch(f"/api/v1/spaces/{space.json()['id']}", json={"name": "Our corner"})
    assert renamed.status_code == 200 and renamed.json()["name"] == "Our corner"  # flushed before the read


async def test_the_space_home_read_with_the_caller_answers_as_the_space_read_does(app: Litestar) -> None:
    """GET /spaces/{id} takes the space and the other member with the caller, in one statement
    (READS_SPACE_HOME); its answer is the one `SpaceService.view` gives, for each member and when alone."""
    from tandem.spaces.service import SpaceService

    from .people import make_couple
    from .test_statement_counts import counting

    couple = await make_couple(app)
    sessions: async_sessionmaker[AsyncSession] = app.state.db_sessions

    async def viewed() -> dict[str, object]:
        async with sessions() as db:
            out = await SpaceService(db).view(uuid.UUID(couple.space_id))
        return {
            "id": str(out.id),
            "name": out.name,
            "members": [
                {"user_id": str(m.user_id), "display_name": m.display_name, "role": m.role.value} for m in out.members
            ],
        }

    expected = await viewed()
    assert len(expected["members"]) == 2  # type: ignore[arg-type]
    for person in (couple.patient, couple.partner):
        with counting(app.state.engine.sync_engine) as statements:
            home = (await person.get(f"/api/v1/spaces/{couple.space_id}")).json()
        assert {k: home[k] for k in ("id", "name", "members")} == expected
        assert [s.split(None, 1)[0] for s in statements if not s.startswith(("BEGIN", "COMMIT", "PRAGMA"))] == [
            "SELECT"
        ], statements  # the caller, the space and the other member in one statement
    assert (await couple.partner.post(f"/api/v1/spaces/{couple.space_id}/leave")).status_code == 204
    alone = (await couple.patient.get(f"/api/v1/spaces/{couple.space_id}")).json()
    assert alone["members"] == (await viewed())["members"] and len(alone["members"]) == 1
