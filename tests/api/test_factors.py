"""Two-step sign-in: an authenticator app, passkeys, recovery codes, the pending sign-in and its limits."""

from __future__ import annotations

from pathlib import Path

from litestar import Litestar

from tandem.app import create_app
from tandem.core.config import RateLimits

from .apps import make_settings, started
from .authenticator import SoftAuthenticator
from .factors_support import FACTORS, add_passkey, add_totp, passkey_sign_in, totp_code, wrong_code
from .people import Person

SECOND_STEP = "/api/v1/auth/second-step"


async def test_with_an_app_on_a_password_alone_opens_nothing(app: Litestar, signed_up: Person) -> None:
    secret, added = await add_totp(signed_up)
    assert len(added["recovery_codes"]) == 10 and len(set(added["recovery_codes"])) == 10
    assert added["factor"]["name"] == "Phone app"

    fresh = Person(app, email=signed_up.email)
    pending = await fresh.log_in()
    assert pending.status_code == 202, pending.text
    assert pending.json() == {"second_step": "required", "methods": ["totp", "recovery_code"]}
    assert "tandem_session" not in fresh.client.cookies
    assert (await fresh.get("/api/v1/me")).status_code == 401

    wrong = await fresh.post(SECOND_STEP, json={"code": wrong_code(secret)})
    assert wrong.status_code == 403, wrong.text
    done = await fresh.post(SECOND_STEP, json={"code": totp_code(secret, 1)})
    assert done.status_code == 200, done.text
    assert done.json()["email"] == signed_up.email
    assert (await fresh.get("/api/v1/me")).status_code == 200
    # The pending sign-in was spent.
    assert (await fresh.post(SECOND_STEP, json={"code": totp_code(secret, 1)})).status_code == 401


async def test_an_app_code_is_never_accepted_twice(app: Litestar, signed_up: Person) -> None:
    secret, _ = await add_totp(signed_up)
    # The code that confirmed the app is spent.
    again = Person(app, email=signed_up.email)
    assert (await again.log_in()).status_code == 202
    assert (await again.post(SECOND_STEP, json={"code": totp_code(secret)})).status_code == 403


async def test_recovery_codes_are_single_use(app: Litestar, signed_up: Person) -> None:
    _, added = await add_totp(signed_up)
    first, second = added["recovery_codes"][:2]

    one = Person(app, email=signed_up.email)
    assert (await one.log_in()).status_code == 202
    # Typed with capitals and spaces, as people do.
    assert (await one.post(SECOND_STEP, json={"code": f" {first.upper().replace('-', ' ')} "})).status_code == 200

    two = Person(app, email=signed_up.email)
    assert (await two.log_in()).status_code == 202
    assert (await two.post(SECOND_STEP, json={"code": first})).status_code == 403
    assert (await two.post(SECOND_STEP, json={"code": second})).status_code == 200
    assert (await two.get(FACTORS)).json()["recovery_codes_left"] == 8


async def test_replacing_recovery_codes_ends_the_old_ones(app: Litestar, signed_up: Person) -> None:
    _, added = await add_totp(signed_up)
    replaced = await signed_up.post("/api/v1/me/recovery-codes")
    assert replaced.status_code == 200, replaced.text
    new_codes = replaced.json()["recovery_codes"]
    assert len(new_codes) == 10 and not set(new_codes) & set(added["recovery_codes"])
    other = Person(app, email=signed_up.email)
    assert (await other.log_in()).status_code == 202
    assert (await other.post(SECOND_STEP, json={"code": added["recovery_codes"][0]})).status_code == 403
    assert (await other.post(SECOND_STEP, json={"code": new_codes[0]})).status_code == 200


async def test_a_passkey_signs_in_without_a_password(app: Litestar, signed_up: Person) -> None:
    key = SoftAuthenticator()
    added = await add_passkey(signed_up, key, name="Work laptop")
    assert len(added["recovery_codes"]) == 10
    assert added["factor"]["kind"] == "passkey" and added["factor"]["last_used_at"] is None

    elsewhere = Person(app)
    response = await passkey_sign_in(elsewhere, key)
    assert response.status_code == 200, response.text
    assert response.json()["email"] == signed_up.email
    listed = (await elsewhere.get(FACTORS)).json()
    assert [f["name"] for f in listed["factors"]] == ["Work laptop"]
    assert listed["factors"][0]["last_used_at"] is not None and listed["two_step"] is True


async def test_a_passkey_completes_a_pending_sign_in(app: Litestar, signed_up: Person) -> None:
    await add_totp(signed_up)
    key = SoftAuthenticator()
    assert (await add_passkey(signed_up, key))["recovery_codes"] is None  # codes come with the first factor only
    browser = Person(app, email=signed_up.email)
    pending = await browser.log_in(remember_me=True)
    assert pending.json()["methods"] == ["passkey", "totp", "recovery_code"]
    # After the password only this account's passkeys are offered.
    options = (await browser.post("/api/v1/auth/passkey/options")).json()["options"]
    assert [c["id"] for c in options["allowCredentials"]] == [added_id(key)]
    done = await passkey_sign_in(browser, key)
    assert done.status_code == 200, done.text
    assert (await browser.post(SECOND_STEP, json={"code": "abcde-fghij"})).status_code == 401


def added_id(key: SoftAuthenticator) -> str:
    from .authenticator import b64url

    return b64url(key.credential_id)


async def test_a_passkey_without_user_verification_or_from_another_site_is_refused(
    app: Litestar, signed_up: Person
) -> None:
    key = SoftAuthenticator()
    await add_passkey(signed_up, key)
    key.verifies_user = False
    assert (await passkey_sign_in(Person(app), key)).status_code == 403
    key.verifies_user, key.origin = True, "http://phishing.example"
    assert (await passkey_sign_in(Person(app), key)).status_code == 403
    unknown = SoftAuthenticator()
    unknown.user_handle = b"nobody"
    assert (await passkey_sign_in(Person(app), unknown)).status_code == 403


async def test_a_challenge_is_single_use(app: Litestar, signed_up: Person) -> None:
    key = SoftAuthenticator()
    await add_passkey(signed_up, key)
    browser = Person(app)
    body = (await browser.post("/api/v1/auth/passkey/options")).json()
    credential = key.get(body["options"])
    first = await browser.post(
        "/api/v1/auth/passkey", json={"challenge_id": body["challenge_id"], "credential": credential}
    )
    assert first.status_code == 200
    replay = await Person(app).post(
        "/api/v1/auth/passkey", json={"challenge_id": body["challenge_id"], "credential": credential}
    )
    assert replay.status_code == 409


async def test_renaming_and_removing_factors(app: Litestar, signed_up: Person) -> None:
    key = SoftAuthenticator()
    passkey = (await add_passkey(signed_up, key))["factor"]
    _, app_added = await add_totp(signed_up)
    renamed = await signed_up.patch(f"{FACTORS}/{passkey['id']}", json={"name": "  Old laptop "})
    assert renamed.status_code == 200 and renamed.json()["name"] == "Old laptop"

    assert (await signed_up.delete(f"{FACTORS}/{passkey['id']}")).status_code == 204
    assert (await passkey_sign_in(Person(app), key)).status_code == 403
    state = (await signed_up.get(FACTORS)).json()
    assert state["two_step"] is True and state["recovery_codes_left"] == 10

    # The password stays a way in: removing the last factor turns two-step sign-in off with its codes.
    assert (await signed_up.delete(f"{FACTORS}/{app_added['factor']['id']}")).status_code == 204
    state = (await signed_up.get(FACTORS)).json()
    assert state == {"factors": [], "two_step": False, "recovery_codes_left": 0}
    assert (await Person(app, email=signed_up.email).log_in()).status_code == 200


async def test_wrong_codes_are_limited_like_passwords(tmp_root: Path, database_url: str) -> None:
    settings = make_settings(tmp_root, database_url, rate_limits=RateLimits())
    async for limited in started(create_app(settings)):
        owner = await Person(limited).sign_up()
        secret, _ = await add_totp(owner)
        statuses = []
        for _ in range(11):
            browser = Person(limited, email=owner.email)
            assert (await browser.log_in()).status_code == 202
            response = await browser.post(SECOND_STEP, json={"code": "zzzzz-zzzzz"})
            statuses.append(response.status_code)
        assert statuses[:10] == [403] * 10 and statuses[10] == 429
        # The right code is refused too until the window passes, and so is a step-up by code.
        browser = Person(limited, email=owner.email)
        assert (await browser.log_in()).status_code == 202
        assert (await browser.post(SECOND_STEP, json={"code": totp_code(secret, 1)})).status_code == 429
        assert (await owner.post("/api/v1/me/step-up", json={"code": totp_code(secret, 1)})).status_code == 429


async def test_the_export_lists_factors_without_any_secret(app: Litestar, signed_up: Person) -> None:
    secret, added = await add_totp(signed_up, name="Pocket phone")
    exported = await signed_up.get("/api/v1/me/export")
    assert exported.status_code == 200, exported.text
    factors = exported.json()["records"]["sign_in_factors"]
    assert [f["name"] for f in factors["authored"]] == ["Pocket phone"]
    assert factors["recovery_codes_left"] == 10
    assert secret not in exported.text
    assert not any(code in exported.text for code in added["recovery_codes"])
