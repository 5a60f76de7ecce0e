"""Quick exit and the app lock at 360x740: the control and Escape twice, then Back and reload show no
content; the lock after idle minutes (Playwright's clock); the lock screen holds nothing of the member."""

from __future__ import annotations

import re
import uuid

from playwright.sync_api import Browser, BrowserContext, Page, Route, expect

from .helpers import PHONE, Person, Watch, check_a11y, expect_heading, sign_up

PIN = "482916"


def _member_with_space(browser: Browser, live_server: str) -> tuple[BrowserContext, Page, Person, str, Watch]:
    person = Person(display_name=f"Robin{uuid.uuid4().hex[:5]}")
    space_name = f"Marker {uuid.uuid4().hex[:8]}"
    context = browser.new_context(base_url=live_server, viewport=PHONE)
    watch = Watch(live_server)
    watch.attach(context)
    page = context.new_page()
    page.goto("/signup")
    sign_up(page, person)
    expect_heading(page, "Create your shared space")
    page.get_by_label("Name of your space").fill(space_name)
    page.get_by_label("I'm the one doing the treatment").check()
    page.get_by_role("button", name="Create space").click()
    expect(page.get_by_text(space_name).first).to_be_visible()
    return context, page, person, space_name, watch


def _shows_nothing_of(page: Page, *markers: str) -> None:
    html = page.content()
    for marker in markers:
        assert marker not in html


def _turn_on_app_lock(page: Page, person: Person, idle: str = "5 minutes") -> None:
    page.goto("/account/safety")
    expect_heading(page, "Safety and discretion")
    page.get_by_label("PIN", exact=True).fill(PIN)
    page.get_by_label("Lock after").select_option(label=idle)
    page.get_by_label("Your password").first.fill(person.password)
    page.get_by_role("button", name="Turn on app lock").click()
    expect(page.get_by_role("status").filter(has_text="Your app lock is on.")).to_be_visible()


def test_quick_exit_by_the_control_signs_out_and_back_shows_only_the_sign_in_page(
    browser: Browser, live_server: str
) -> None:
    context, page, person, space_name, watch = _member_with_space(browser, live_server)
    page.goto("/space")
    expect(page.get_by_text(space_name).first).to_be_visible()
    # First in the keyboard order, fixed on screen, and not covered by anything.
    page.keyboard.press("Tab")
    expect(page.locator("#quick-exit")).to_be_focused()
    # One more entry in the history, so Back after the exit lands on a page of Tandem (the space home).
    page.get_by_role("link", name="Account").click()
    expect_heading(page, "Your account")
    control = page.get_by_role("link", name="Exit", exact=True)
    assert control.evaluate("e => getComputedStyle(e).position") == "fixed"
    page.mouse.wheel(0, 2000)
    expect(control).to_be_in_viewport()
    on_top = control.evaluate(
        "e => { const r = e.getBoundingClientRect();"
        " return document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2) === e; }"
    )
    assert on_top

    control.click()
    expect(page).to_have_url(f"{live_server}/start")
    assert page.title() == "New tab"
    assert "tandem" not in page.content().casefold()

    page.go_back()
    assert page.url.startswith(live_server)
    expect_heading(page, "Log in")
    _shows_nothing_of(page, space_name, person.display_name)
    page.reload()
    expect_heading(page, "Log in")
    _shows_nothing_of(page, space_name, person.display_name)
    watch.assert_clean()
    context.close()


def test_a_quick_exit_the_server_never_heard_of_is_finished_before_the_app_shows_anything(
    browser: Browser, live_server: str
) -> None:
    context, page, person, space_name, _watch = _member_with_space(browser, live_server)
    page.goto("/space/checkins")
    expect_heading(page, "Check-ins")
    exits: list[str] = []

    def lose_the_first(route: Route) -> None:
        exits.append(route.request.method)
        if len(exits) == 1:
            route.abort()  # the page was gone before its call arrived
        else:
            route.continue_()

    page.route("**/api/v1/me/quick-exit", lose_the_first)
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    expect(page).to_have_url(f"{live_server}/start")
    page.go_back()
    # The app asks the server again before it shows anything: the session is over, so only the sign-in page.
    expect_heading(page, "Log in")
    assert exits == ["POST", "POST"]
    _shows_nothing_of(page, space_name, person.display_name)
    context.close()


def test_escape_twice_locks_an_app_locked_session_and_the_lock_screen_holds_nothing(
    browser: Browser, live_server: str
) -> None:
    context, page, person, space_name, watch = _member_with_space(browser, live_server)
    _turn_on_app_lock(page, person)
    check_a11y(page, "safety settings")
    page.goto("/space")
    expect(page.get_by_text(space_name).first).to_be_visible()

    page.get_by_role("link", name="Account").click()
    expect_heading(page, "Your account")
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    expect(page).to_have_url(f"{live_server}/start")

    page.go_back()
    assert page.url.startswith(live_server)
    expect_heading(page, "Locked")
    _shows_nothing_of(page, space_name, person.display_name, person.email)
    check_a11y(page, "lock screen")
    page.reload()
    expect_heading(page, "Locked")
    _shows_nothing_of(page, space_name, person.display_name, person.email)

    page.get_by_label("PIN").fill("0000")
    page.get_by_role("button", name="Unlock").click()
    expect(page.get_by_text("That PIN isn't right.").first).to_be_visible()
    page.get_by_label("PIN").fill(PIN)
    page.get_by_role("button", name="Unlock").click()
    expect(page.get_by_text(space_name).first).to_be_visible()
    watch.assert_clean()
    context.close()


def test_the_app_locks_after_the_idle_minutes(browser: Browser, live_server: str) -> None:
    context, page, person, space_name, watch = _member_with_space(browser, live_server)
    _turn_on_app_lock(page, person, idle="1 minute")
    page.clock.install()
    # The idle timer starts once the page has the lock's settings: wait for them before moving time
    # (on a busy machine they can arrive after the space has shown).
    with page.expect_response(
        lambda r: r.url.endswith("/api/v1/me/app-lock") and r.request.method == "GET"
    ) as settings:
        page.goto("/space")
    assert settings.value.ok
    expect(page.get_by_text(space_name).first).to_be_visible()
    page.clock.fast_forward("00:50")
    expect(page.get_by_text(space_name).first).to_be_visible()
    # The page locks itself at once and tells the server; wait for that answer, not for a time.
    with page.expect_response(
        lambda r: r.url.endswith("/api/v1/me/app-lock/lock") and r.request.method == "POST"
    ) as told_server:
        page.clock.fast_forward("00:20")
    assert told_server.value.ok
    expect_heading(page, "Locked")
    _shows_nothing_of(page, space_name, person.display_name, person.email)
    assert page.title() == "Locked"
    # The server agrees: the session is locked, not only the page.
    status = page.evaluate("() => fetch('/api/v1/me').then(r => r.status)")
    assert status == 423
    page.get_by_label("PIN").fill(PIN)
    page.get_by_role("button", name="Unlock").click()
    expect(page.get_by_text(space_name).first).to_be_visible()
    expect(page).to_have_title(re.compile("Tandem"))
    watch.assert_clean()
    context.close()


def test_discreet_mode_changes_the_tab_title_and_icon_on_this_device(browser: Browser, live_server: str) -> None:
    context, page, _, space_name, watch = _member_with_space(browser, live_server)
    page.goto("/account/safety")
    expect_heading(page, "Safety and discretion")
    page.get_by_label("Tab name and icon").select_option(label='"Notes" with a plain icon')
    expect(page).to_have_title("Notes")
    page.goto("/space")
    expect(page.get_by_text(space_name).first).to_be_visible()
    expect(page).to_have_title("Notes")
    icon = page.locator('link[rel="icon"]').get_attribute("href") or ""
    assert icon.startswith("data:image/svg+xml") and "favicon" not in icon
    # Turned off, the tab says Tandem again.
    page.goto("/account/safety")
    page.get_by_label("Tab name and icon").select_option(label="Off: the tab says Tandem")
    page.goto("/space")
    expect(page).to_have_title(re.compile("Tandem"))
    watch.assert_clean()
    context.close()
