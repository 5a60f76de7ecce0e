"""GET /api/v1/auth/session: the app's start-up question. Signed out is an ordinary 200 (user null), so a
signed-out page logs no failed request; signed in, it names the same user as GET /me."""

from __future__ import annotations

from litestar import Litestar

from .people import Person


async def test_the_session_answers_signed_out_signed_in_and_after_logout(app: Litestar) -> None:
    person = Person(app, display_name="Sam")
    signed_out = await person.get("/api/v1/auth/session")
    assert signed_out.status_code == 200
    assert signed_out.json() == {"user": None}

    await person.sign_up()
    signed_in = await person.get("/api/v1/auth/session")
    assert signed_in.status_code == 200
    assert signed_in.json()["user"] == (await person.get("/api/v1/me")).json()

    assert (await person.post("/api/v1/auth/logout")).status_code == 204
    after = await person.get("/api/v1/auth/session")
    assert after.status_code == 200 and after.json() == {"user": None}
    assert (await person.get("/api/v1/me")).status_code == 401


async def test_a_session_cookie_that_names_no_session_is_signed_out(app: Litestar) -> None:
    person = Person(app, display_name="Sam")
    person.client.cookies.set("tandem_session", "x" * 40)
    answer = await person.get("/api/v1/auth/session")
    assert answer.status_code == 200 and answer.json() == {"user": None}
