"""Two-step sign-in in Debian's Chromium at 360x740: a passkey on a virtual authenticator (the Chrome
DevTools Protocol's WebAuthn domain) is added, and signs in after signing out with no password; an
authenticator app (codes from pyotp) makes the password alone not enough."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator

import pyotp
import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from .helpers import PHONE, Person, Watch, check_a11y, expect_heading, log_in, sign_up


@pytest.fixture
def by_name(live_server: str) -> str:
    """The live server by host name: a passkey's relying party id must be a name, never an IP address."""
    return live_server.replace("127.0.0.1", "localhost")


def _new_member(browser: Browser, origin: str) -> tuple[BrowserContext, Page, Person, Watch]:
    person = Person(display_name=f"Robin{uuid.uuid4().hex[:5]}")
    context = browser.new_context(base_url=origin, viewport=PHONE)
    watch = Watch(origin)
    watch.attach(context)
    page = context.new_page()
    page.goto("/signup")
    sign_up(page, person)
    expect_heading(page, "Create your shared space")
    return context, page, person, watch


def _sign_out(page: Page) -> None:
    page.get_by_role("button", name="Log out").click()
    expect_heading(page, "Log in")


def _open_security(page: Page) -> None:
    page.goto("/account")
    expect(page.get_by_role("heading", name="Sign-in and security")).to_be_visible()


def _save_codes(page: Page) -> None:
    codes = page.get_by_role("list", name="Recovery codes").get_by_role("listitem")
    expect(codes).to_have_count(10)
    check_a11y(page, "recovery codes shown once")
    page.get_by_role("button", name="I've saved them").click()
    expect(page.get_by_role("list", name="Recovery codes")).to_have_count(0)


@pytest.fixture
def member(browser: Browser, by_name: str) -> Iterator[tuple[BrowserContext, Page, Person, Watch]]:
    context, page, person, watch = _new_member(browser, by_name)
    yield context, page, person, watch
    context.close()


def test_a_passkey_signs_in_after_signing_out(member: tuple[BrowserContext, Page, Person, Watch]) -> None:
    context, page, _, watch = member
    cdp = context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
            }
        },
    )
    _open_security(page)
    page.get_by_role("button", name="Add a passkey").click()
    expect(page.get_by_role("status").filter(has_text="Your passkey has been added.")).to_be_visible()
    _save_codes(page)
    factors = page.get_by_role("list", name="Your passkeys and apps").get_by_role("listitem")
    expect(factors).to_have_count(1)
    expect(factors.first).to_contain_text("Not used yet")
    check_a11y(page, "sign-in and security with a passkey")

    _sign_out(page)
    page.get_by_role("button", name="Sign in with a passkey").click()
    expect_heading(page, "Create your shared space")
    _open_security(page)
    expect(page.get_by_role("list", name="Your passkeys and apps")).to_contain_text("Last used")
    watch.assert_clean()


def test_an_authenticator_app_makes_the_password_alone_not_enough(
    member: tuple[BrowserContext, Page, Person, Watch],
) -> None:
    _, page, person, watch = member
    _open_security(page)
    page.get_by_role("button", name="Add an authenticator app").click()
    secret_text = page.locator(".totp-secret")
    expect(secret_text).to_be_visible()
    check_a11y(page, "adding an authenticator app")
    totp = pyotp.TOTP(secret_text.inner_text().strip())
    page.get_by_label("Code from the app").fill(totp.now())
    page.get_by_role("button", name="Turn on").click()
    expect(page.get_by_role("status").filter(has_text="Your authenticator app is on.")).to_be_visible()
    _save_codes(page)

    _sign_out(page)
    log_in(page, person)
    expect_heading(page, "One more step")
    check_a11y(page, "the second step of signing in")
    # The code that turned the app on is spent; the next step's code is accepted (one step of drift).
    accepted = {totp.at(time.time() + 30 * step) for step in (-1, 0, 1, 2)}
    wrong = next(code for code in ("000000", "111111", "222222") if code not in accepted)
    page.get_by_label("Code from your authenticator app, or a recovery code").fill(wrong)
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("alert")).to_contain_text("That code isn't right.")
    page.get_by_label("Code from your authenticator app, or a recovery code").fill(totp.at(time.time() + 30))
    page.get_by_role("button", name="Continue").click()
    expect_heading(page, "Create your shared space")
    watch.assert_clean()
