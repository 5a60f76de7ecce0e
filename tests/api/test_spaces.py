from __future__ import annotations

import asyncio
import uuid

from litestar import Litestar

from .people import Couple, Person

UNUSABLE = "This invitation can't be used. It may have expired, been used or been revoked. Ask for a new link."


async def test_create_space_and_see_it(signed_up: Person) -> None:
    space = await signed_up.create_space("patient", name="  Our corner ")
    assert space["name"] == "Our corner"
    assert space["members"] == [{"user_id": signed_up.id, "display_name": "Sam", "role": "patient"}]
    me = (await signed_up.get("/api/v1/me")).json()
    assert me["membership"] == {"space_id": space["id"], "role": "patient"}
    assert (await signed_up.get(f"/api/v1/spaces/{space['id']}")).json() == space


async def test_space_input_is_validated(signed_up: Person) -> None:
    bad_role = await signed_up.post("/api/v1/spaces", json={"name": "Us", "role": "admin"})
    assert bad_role.status_code == 400
    assert bad_role.json()["errors"][0]["field"] == "role"
    blank = await signed_up.post("/api/v1/spaces", json={"name": "   ", "role": "partner"})
    assert blank.status_code == 400
    assert blank.json()["errors"][0]["field"] == "name"
    missing = await signed_up.post("/api/v1/spaces", json={"name": "Us"})
    assert missing.status_code == 400
    assert missing.json()["errors"][0]["field"] == "role"
    assert (await signed_up.get("/api/v1/me")).json()["membership"] is None


async def test_one_space_per_person(signed_up: Person) -> None:
    await signed_up.create_space()
    again = await signed_up.post("/api/v1/spaces", json={"name": "Second", "role": "partner"})
    assert again.status_code == 409


async def test_invitation_is_for_the_other_role_and_joins_once(app: Litestar, couple: Couple) -> None:
    space = (await couple.partner.get(f"/api/v1/spaces/{couple.space_id}")).json()
    roles = {m["display_name"]: m["role"] for m in space["members"]}
    assert roles == {"Robin": "patient", "Alex": "partner"}
    assert "email" not in str(space)
    full = await couple.patient.post(f"/api/v1/spaces/{couple.space_id}/invitations")
    assert full.status_code == 409


async def test_every_unusable_invitation_answers_the_same(app: Litestar, signed_up: Person) -> None:
    space = await signed_up.create_space("partner")
    used = await signed_up.invite(space["id"])
    revoked = await signed_up.invite(space["id"])
    assert (await signed_up.delete(f"/api/v1/spaces/{space['id']}/invitations/{revoked['id']}")).status_code == 204
    joiner = await Person(app).sign_up()
    assert (await joiner.accept(used["token"])).status_code == 200
    assert (await joiner.get("/api/v1/me")).json()["membership"]["role"] == "patient"

    answers = []
    for token in (used["token"], revoked["token"], "x" * 43):
        response = await (await Person(app).sign_up()).accept(token)
        answers.append((response.status_code, response.json()))
    assert answers == [(400, {"status": 400, "title": "Bad request", "detail": UNUSABLE})] * 3


async def test_expired_invitation_is_refused(app: Litestar, signed_up: Person, database_url: str) -> None:
    from sqlalchemy import update

    from tandem.core.db import make_engine, utcnow
    from tandem.spaces.models import Invitation

    space = await signed_up.create_space()
    invitation = await signed_up.invite(space["id"])
    engine = make_engine(database_url)
    async with engine.begin() as connection:
        await connection.execute(
            update(Invitation).where(Invitation.id == uuid.UUID(invitation["id"])).values(expires_at=utcnow())
        )
    await engine.dispose()
    listed = (await signed_up.get(f"/api/v1/spaces/{space['id']}/invitations")).json()
    assert listed == []
    response = await (await Person(app).sign_up()).accept(invitation["token"])
    assert response.status_code == 400
    assert response.json()["detail"] == UNUSABLE


async def test_pending_invitations_are_listed_without_tokens(signed_up: Person) -> None:
    space = await signed_up.create_space()
    created = await signed_up.invite(space["id"])
    listed = (await signed_up.get(f"/api/v1/spaces/{space['id']}/invitations")).json()
    assert [i["id"] for i in listed] == [created["id"]]
    assert "token" not in listed[0]
    assert created["role"] == "partner"


async def test_two_people_racing_for_one_link_cannot_both_join(app: Litestar, signed_up: Person) -> None:
    space = await signed_up.create_space()
    invitation = await signed_up.invite(space["id"])
    racers = [await Person(app).sign_up() for _ in range(4)]
    responses = await asyncio.gather(*(r.accept(invitation["token"]) for r in racers))
    assert sorted(r.status_code for r in responses) == [200, 400, 400, 400]
    members = (await signed_up.get(f"/api/v1/spaces/{space['id']}")).json()["members"]
    assert len(members) == 2


async def test_leaving_keeps_the_space_for_the_other_member(app: Litestar, couple: Couple) -> None:
    left = await couple.partner.post(f"/api/v1/spaces/{couple.space_id}/leave")
    assert left.status_code == 204
    assert (await couple.partner.get("/api/v1/me")).json()["membership"] is None
    assert (await couple.partner.get(f"/api/v1/spaces/{couple.space_id}")).status_code == 404
    remaining = (await couple.patient.get(f"/api/v1/spaces/{couple.space_id}")).json()["members"]
    assert [m["role"] for m in remaining] == ["patient"]
    # The patient can invite again, and the person who left can start a space of their own.
    again = await couple.patient.invite(couple.space_id)
    assert again["role"] == "partner"
    assert (await couple.partner.create_space("partner"))["members"][0]["role"] == "partner"


async def test_the_last_member_leaving_removes_the_space(signed_up: Person, app: Litestar) -> None:
    space = await signed_up.create_space()
    invitation = await signed_up.invite(space["id"])
    assert (await signed_up.post(f"/api/v1/spaces/{space['id']}/leave")).status_code == 204
    assert (await (await Person(app).sign_up()).accept(invitation["token"])).status_code == 400


async def test_revoking_needs_a_member_of_that_space(app: Litestar, signed_up: Person) -> None:
    space = await signed_up.create_space()
    invitation = await signed_up.invite(space["id"])
    outsider = await Person(app).sign_up()
    their_space = await outsider.create_space()
    # T2: another space's invitation id, through the outsider's own space, answers like a random id.
    foreign = await outsider.delete(f"/api/v1/spaces/{their_space['id']}/invitations/{invitation['id']}")
    random = await outsider.delete(f"/api/v1/spaces/{their_space['id']}/invitations/{uuid.uuid4()}")
    assert foreign.status_code == random.status_code == 404
    assert foreign.content == random.content
    direct = await outsider.delete(f"/api/v1/spaces/{space['id']}/invitations/{invitation['id']}")
    assert direct.status_code == 404
    assert len((await signed_up.get(f"/api/v1/spaces/{space['id']}/invitations")).json()) == 1


async def test_display_name_change_is_seen_by_the_partner(couple: Couple) -> None:
    await couple.patient.patch("/api/v1/me", json={"display_name": "Robin R."})
    members = (await couple.partner.get(f"/api/v1/spaces/{couple.space_id}")).json()["members"]
    assert "Robin R." in {m["display_name"] for m in members}
