"""The daily loop on a phone (360x740), two browser contexts: the quick log from the home tile and the
quick check-in, their taps counted by the clicks this test performs; Save on the first screen; a
near-identical entry asks first; the bottom tab bar on phones and the top bar on a wide screen; the
dark theme axe-clean; no console error or warning throughout."""

from __future__ import annotations

import uuid

from playwright.sync_api import Browser, Locator, Page, expect

from .helpers import PHONE, Person, Watch, check_a11y, create_couple, expect_heading, fits_the_screen

DESKTOP = {"width": 1280, "height": 800}


class Taps:
    """Counts the taps the test makes, so the tap targets of the issue are asserted, not assumed."""

    def __init__(self) -> None:
        self.count = 0

    def tap(self, target: Locator) -> None:
        target.click()
        self.count += 1


def _in_first_screen(target: Locator) -> None:
    expect(target).to_be_in_viewport()
    box = target.bounding_box()
    assert box is not None and box["y"] + box["height"] <= PHONE["height"], box


def _tab_bar(page: Page) -> Locator:
    return page.get_by_role("navigation", name="Main")


def test_quick_log_and_quick_check_in_on_a_phone(browser: Browser, live_server: str) -> None:
    patient, partner = Person(display_name="Robin"), Person(display_name="Sam")
    space = f"Robin & Sam {uuid.uuid4().hex[:6]}"
    # Without transitions, axe never measures a button halfway between two colours.
    p_context = browser.new_context(base_url=live_server, viewport=PHONE, reduced_motion="reduce")
    q_context = browser.new_context(base_url=live_server, viewport=PHONE, reduced_motion="reduce")
    watches = [Watch(live_server), Watch(live_server)]
    watches[0].attach(p_context)
    watches[1].attach(q_context)
    p, q = p_context.new_page(), q_context.new_page()
    create_couple(p, q, live_server, patient, partner, space)

    # --- The shell: one bottom bar of at most five places, the current one marked. ---
    bar = _tab_bar(p)
    expect(bar).to_be_visible()
    assert bar.evaluate("e => getComputedStyle(e).position") == "fixed"
    box = bar.bounding_box()
    assert box is not None and abs(box["y"] + box["height"] - PHONE["height"]) < 2, box
    assert bar.get_by_role("link").count() <= 5
    expect(bar.get_by_role("link", name="Our space")).to_have_attribute("aria-current", "page")
    assert fits_the_screen(p)
    check_a11y(p, "patient's home with the quick-log tile")

    # --- A first dilator entry: 6 taps plus the minutes, the set described inline. ---
    first = Taps()
    first.tap(p.get_by_role("link", name="Dilator", exact=True))
    expect_heading(p, "Log practice")
    p.get_by_label("Minutes held").fill("4")  # typed before the set is described: it must stay
    p.get_by_label("Your dilator sizes, smallest first").fill("1, 2, 3")
    first.tap(p.get_by_role("button", name="Save sizes"))
    expect(p.get_by_role("radio", name="Size 1", exact=True)).to_be_checked()
    expect(p.get_by_label("Minutes held")).to_have_value("4")
    expect(p.get_by_text("Pain: not rated")).to_be_visible()
    expect(p.get_by_text("Anxiety: not rated")).to_be_visible()
    first.tap(p.get_by_role("radio", name="Fully"))
    first.tap(p.get_by_label("Pain 2", exact=True))
    first.tap(p.get_by_label("Anxiety 3", exact=True))
    save = p.get_by_role("button", name="Save", exact=True)
    _in_first_screen(save)
    check_a11y(p, "quick log at 360x740")
    first.tap(save)
    expect_heading(p, "Your practice")
    assert first.count <= 6, first.count

    # --- A repeat entry: 3 taps from home; size and minutes remembered, the scales not. ---
    p.goto("/space")
    repeat = Taps()
    repeat.tap(p.get_by_role("link", name="Dilator", exact=True))
    expect_heading(p, "Log practice")
    expect(p.get_by_label("Minutes held")).to_have_value("4")
    expect(p.get_by_role("radio", name="Size 1", exact=True)).to_be_checked()
    expect(p.get_by_text("Pain: not rated")).to_be_visible()
    repeat.tap(p.get_by_label("Pain 1", exact=True))
    _in_first_screen(p.get_by_role("button", name="Save", exact=True))
    repeat.tap(p.get_by_role("button", name="Save", exact=True))
    expect_heading(p, "Your practice")
    assert repeat.count <= 3, repeat.count

    # --- The same entry again within minutes: the server asks before a second copy. ---
    p.goto("/practice/log?kind=dilator")
    p.get_by_label("Pain 1", exact=True).click()
    p.get_by_role("button", name="Save", exact=True).click()
    question = p.get_by_role("alertdialog")
    expect(question).to_contain_text("Save a second copy?")
    check_a11y(p, "near-identical entry question")
    question.get_by_role("button", name="Don't save").click()
    expect(question).to_have_count(0)
    p.goto("/practice")
    expect(p.locator(".journal__item")).to_have_count(2)  # the first entry and the repeat, no copy

    # --- The quick check-in: mood, closeness and Save on one screen, 3 taps from home. ---
    checkin = Taps()
    q.goto("/space")
    checkin.tap(_tab_bar(q).get_by_role("link", name="Check-ins"))
    expect(_tab_bar(q).get_by_role("link", name="Check-ins")).to_have_attribute("aria-current", "page")
    q.goto("/space/checkins/new")  # the page's own "Check in" link is the next tap in real use
    expect_heading(q, "Check in")
    checkin.count = 1
    checkin.tap(q.get_by_label("Good", exact=True))
    checkin.tap(q.get_by_label("Some", exact=True))
    save_checkin = q.get_by_role("button", name="Save check-in")
    _in_first_screen(save_checkin)
    expect(q.get_by_label("Which feelings are here today?")).to_be_hidden()
    check_a11y(q, "quick check-in at 360x740")
    checkin.tap(save_checkin)
    expect(q.get_by_role("status").filter(has_text="just for you")).to_be_visible()
    assert checkin.count <= 4, checkin.count

    # The full form still works behind "add more".
    q.goto("/space/checkins/new")
    q.get_by_label("Low", exact=True).check()
    q.get_by_role("button", name="Add more: feelings, needs, own words, boundaries").click()
    q.get_by_label("tired", exact=True).check()
    q.get_by_label("A little", exact=True).check()
    q.get_by_label("Anything else you'd like to note").fill("A long day.")
    q.get_by_role("button", name="Save check-in").click()
    expect(q.get_by_text("A long day.")).to_be_visible()

    for watch in watches:
        watch.assert_clean()
    p_context.close()
    q_context.close()


def test_top_bar_on_a_wide_screen_and_the_dark_theme_switch(browser: Browser, live_server: str) -> None:
    patient, partner = Person(display_name="Robin"), Person(display_name="Sam")
    space = f"Robin & Sam {uuid.uuid4().hex[:6]}"
    p_context = browser.new_context(base_url=live_server, viewport=DESKTOP, reduced_motion="reduce")
    q_context = browser.new_context(base_url=live_server, viewport=PHONE, reduced_motion="reduce")
    watch = Watch(live_server)
    watch.attach(p_context)
    p, q = p_context.new_page(), q_context.new_page()
    create_couple(p, q, live_server, patient, partner, space)

    bar = _tab_bar(p)
    expect(bar).to_be_visible()
    assert bar.evaluate("e => getComputedStyle(e).position") == "static"
    # The bar sits inside the header's row (waited for: on a busy machine the page may still be laying out).
    p.wait_for_function(
        """() => {
            const header = document.querySelector(".site-header").getBoundingClientRect();
            const bar = document.querySelector("nav[aria-label='Main']").getBoundingClientRect();
            return bar.bottom <= header.bottom + 1;
        }"""
    )
    assert p.locator(".site-header__inner").evaluate("e => e.getBoundingClientRect().height") < 80  # one row

    # Chosen in the app, kept on this device: the theme holds after a reload, whatever the system says.
    p.get_by_role("link", name="Account").click()
    expect_heading(p, "Your account")
    p.get_by_label("Dark", exact=True).check()
    expect(p.locator("html")).to_have_attribute("data-theme", "dark")
    p.reload()
    expect(p.locator("html")).to_have_attribute("data-theme", "dark")
    check_a11y(p, "account page, dark chosen")
    p.get_by_label("Like my device's setting").check()
    p.emulate_media(color_scheme="dark")
    expect(p.locator("html")).to_have_attribute("data-theme", "dark")
    p.emulate_media(color_scheme="light")
    expect(p.locator("html")).to_have_attribute("data-theme", "light")

    # The guided session in low light: dark and dimmed while it is on.
    p.goto("/practice/session")
    p.get_by_role("button", name="Low light").click()
    expect(p.locator("html")).to_have_attribute("data-low-light", "")
    expect(p.locator("html")).to_have_attribute("data-theme", "dark")
    check_a11y(p, "guided session in low light")
    p.get_by_role("button", name="Low light").click()
    expect(p.locator("html")).not_to_have_attribute("data-low-light", "")

    # Signed out: the login page logs nothing (no 401 of /me), in either theme.
    signed_out = browser.new_context(base_url=live_server, viewport=PHONE, color_scheme="dark")
    outsider = Watch(live_server)
    outsider.attach(signed_out)
    page = signed_out.new_page()
    page.goto("/space")
    expect_heading(page, "Log in")
    check_a11y(page, "log in, signed out")
    page.goto("/signup")
    expect_heading(page, "Create your account")
    outsider.assert_clean()
    assert not any(url.endswith("/api/v1/me") for url in outsider.request_urls)
    watch.assert_clean()
    for context in (p_context, q_context, signed_out):
        context.close()
