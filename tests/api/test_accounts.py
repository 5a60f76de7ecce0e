from __future__ import annotations

from litestar import Litestar

from .people import PASSWORD, Person, unique_email


async def test_sign_up_normalises_email_and_signs_in(app: Litestar) -> None:
    raw = unique_email("Mixed").upper()
    person = Person(app, email=f"  {raw}  ", display_name="  Robin ")
    await person.sign_up()
    assert person.user["email"] == raw.strip().casefold()
    assert person.user["display_name"] == "Robin"
    assert person.user["membership"] is None
    me = await person.get("/api/v1/me")
    assert me.status_code == 200
    assert me.json()["id"] == person.id


async def test_sign_up_refuses_weak_or_common_passwords(person: Person) -> None:
    for password, fragment in [("short", "at least 10"), ("password123", "too common"), ("x" * 257, "at most 256")]:
        response = await person.post(
            "/api/v1/auth/signup",
            json={"email": person.email, "password": password, "display_name": "Sam", "consent_health_data": True},
        )
        assert response.status_code == 400
        body = response.json()
        assert body["errors"][0]["field"] == "password"
        assert fragment in body["errors"][0]["message"]


async def test_sign_up_needs_consent_and_a_name(person: Person) -> None:
    no_consent = await person.post(
        "/api/v1/auth/signup", json={"email": person.email, "password": PASSWORD, "display_name": "Sam"}
    )
    assert no_consent.status_code == 400
    assert no_consent.json()["errors"][0]["field"] == "consent_health_data"
    blank_name = await person.post(
        "/api/v1/auth/signup",
        json={"email": person.email, "password": PASSWORD, "display_name": "   ", "consent_health_data": True},
    )
    assert blank_name.status_code == 400
    assert blank_name.json()["errors"][0]["field"] == "display_name"
    too_long = await person.post(
        "/api/v1/auth/signup",
        json={"email": person.email, "password": PASSWORD, "display_name": "x" * 61, "consent_health_data": True},
    )
    assert too_long.status_code == 400
    assert too_long.json()["errors"] == [{"field": "display_name", "message": "Use at most 60 characters."}]


async def test_sign_up_with_a_taken_email_reveals_nothing(app: Litestar, signed_up: Person) -> None:
    again = Person(app, email=signed_up.email.upper())
    response = await again.post(
        "/api/v1/auth/signup",
        json={"email": again.email, "password": PASSWORD, "display_name": "Other", "consent_health_data": True},
    )
    assert response.status_code == 400
    assert "errors" not in response.json()
    assert "session" not in " ".join(again.client.cookies.keys())


async def test_log_in_and_log_out(app: Litestar, signed_up: Person) -> None:
    fresh = Person(app, email=signed_up.email)
    response = await fresh.log_in()
    assert response.status_code == 200
    assert response.json()["id"] == signed_up.id
    assert (await fresh.get("/api/v1/me")).status_code == 200
    logout = await fresh.post("/api/v1/auth/logout")
    assert logout.status_code == 204
    assert "cache" in logout.headers["clear-site-data"]
    assert (await fresh.get("/api/v1/me")).status_code == 401
    # The other device is unaffected.
    assert (await signed_up.get("/api/v1/me")).status_code == 200


async def test_wrong_password_and_unknown_email_answer_alike(app: Litestar, signed_up: Person) -> None:
    wrong = await Person(app, email=signed_up.email).log_in("not the password at all")
    unknown = await Person(app).log_in(PASSWORD)
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.content == unknown.content


async def test_sessions_are_listed_and_can_be_ended(app: Litestar, signed_up: Person) -> None:
    phone = Person(app, email=signed_up.email)
    await phone.log_in(headers={"user-agent": "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0) Safari/604.1"})
    listed = (await signed_up.get("/api/v1/me/sessions")).json()
    assert len(listed) == 2
    assert sum(1 for s in listed if s["current"]) == 1
    other = next(s for s in listed if not s["current"])
    ended = await signed_up.delete(f"/api/v1/me/sessions/{other['id']}")
    assert ended.status_code == 204
    assert (await phone.get("/api/v1/me")).status_code == 401
    assert (await signed_up.delete(f"/api/v1/me/sessions/{other['id']}")).status_code == 404


async def test_someone_elses_session_cannot_be_ended(app: Litestar, signed_up: Person) -> None:
    stranger = await Person(app).sign_up()
    theirs = (await stranger.get("/api/v1/me/sessions")).json()[0]["id"]
    assert (await signed_up.delete(f"/api/v1/me/sessions/{theirs}")).status_code == 404
    assert (await stranger.get("/api/v1/me")).status_code == 200


async def test_password_change_ends_other_sessions_only(app: Litestar, signed_up: Person) -> None:
    laptop = Person(app, email=signed_up.email)
    assert (await laptop.log_in()).status_code == 200
    wrong = await signed_up.post(
        "/api/v1/me/password", json={"current_password": "nope nope nope", "new_password": "a brand new phrase"}
    )
    assert wrong.status_code == 403
    weak = await signed_up.post("/api/v1/me/password", json={"current_password": PASSWORD, "new_password": "password1"})
    assert weak.status_code == 400
    assert weak.json()["errors"][0]["field"] == "new_password"
    changed = await signed_up.post(
        "/api/v1/me/password", json={"current_password": PASSWORD, "new_password": "a brand new phrase"}
    )
    assert changed.status_code == 204
    assert (await signed_up.get("/api/v1/me")).status_code == 200
    assert (await laptop.get("/api/v1/me")).status_code == 401
    assert (await Person(app, email=signed_up.email).log_in()).status_code == 401
    assert (await Person(app, email=signed_up.email).log_in("a brand new phrase")).status_code == 200


async def test_display_name_can_change_but_nothing_else(signed_up: Person) -> None:
    renamed = await signed_up.patch("/api/v1/me", json={"display_name": "Robin B."})
    assert renamed.status_code == 200
    assert renamed.json()["display_name"] == "Robin B."
    # T3: fields a person may not set are refused, and nothing changes.
    escalate = await signed_up.patch("/api/v1/me", json={"display_name": "X", "role": "patient", "is_admin": True})
    assert escalate.status_code == 400
    assert (await signed_up.get("/api/v1/me")).json()["display_name"] == "Robin B."


async def test_export_holds_the_account_sessions_and_membership(signed_up: Person) -> None:
    space = await signed_up.create_space("partner", name="Home")
    await signed_up.invite(space["id"])
    response = await signed_up.get("/api/v1/me/export")
    assert response.status_code == 200
    assert "attachment" in response.headers["content-disposition"]
    export = response.json()
    assert export["account"]["email"] == signed_up.email
    assert export["account"]["health_data_consent_at"] is not None
    assert len(export["sessions"]) == 1
    assert export["membership"]["role"] == "partner"
    assert export["membership"]["space_name"] == "Home"
    assert len(export["invitations_created"]) == 1
    assert "token" not in export["invitations_created"][0]
    assert "password_hash" not in response.text


async def test_delete_account_needs_the_password_and_removes_everything(app: Litestar, signed_up: Person) -> None:
    space = await signed_up.create_space()
    refused = await signed_up.delete("/api/v1/me", json={"password": "not my password!"})
    assert refused.status_code == 403
    assert (await signed_up.get("/api/v1/me")).status_code == 200
    deleted = await signed_up.delete("/api/v1/me", json={"password": PASSWORD})
    assert deleted.status_code == 204
    assert (await signed_up.get("/api/v1/me")).status_code == 401
    assert (await Person(app, email=signed_up.email).log_in()).status_code == 401
    # The space had no one else, so it is gone too.
    newcomer = await Person(app).sign_up()
    assert (await newcomer.get(f"/api/v1/spaces/{space['id']}")).status_code == 404
    # The email is free again.
    assert (await Person(app, email=signed_up.email).sign_up()).user["email"] == signed_up.email


async def test_expired_sessions_and_old_invitations_are_purged(signed_up: Person, database_url: str) -> None:
    import uuid
    from datetime import timedelta

    from sqlalchemy import func, select, update

    from tandem.accounts.models import AuthSession
    from tandem.core.db import make_engine, utcnow
    from tandem.maintenance import purge_expired
    from tandem.spaces.models import Invitation

    space = await signed_up.create_space()
    old = await signed_up.invite(space["id"])
    fresh = await signed_up.invite(space["id"])
    engine = make_engine(database_url)
    async with engine.begin() as connection:
        await connection.execute(
            update(AuthSession)
            .where(AuthSession.user_id == uuid.UUID(signed_up.id))
            .values(expires_at=utcnow() - timedelta(seconds=1))
        )
        await connection.execute(
            update(Invitation)
            .where(Invitation.id == uuid.UUID(old["id"]))
            .values(expires_at=utcnow() - timedelta(days=31))
        )
    await purge_expired(database_url)
    async with engine.connect() as connection:
        sessions = await connection.scalar(
            select(func.count()).select_from(AuthSession).where(AuthSession.user_id == uuid.UUID(signed_up.id))
        )
        invitations = set(
            await connection.scalars(select(Invitation.id).where(Invitation.space_id == uuid.UUID(space["id"])))
        )
    await engine.dispose()
    assert sessions == 0
    assert invitations == {uuid.UUID(fresh["id"])}
