"""Small-screen layout and keyboard basics."""

from __future__ import annotations

from playwright.sync_api import Browser, Page, expect

from .helpers import check_a11y, expect_heading


def _has_horizontal_scroll(page: Page) -> bool:
    return bool(
        page.evaluate(
            "() => document.documentElement.scrollWidth > document.documentElement.clientWidth"
            " || document.body.scrollWidth > document.documentElement.clientWidth"
        )
    )


def test_sign_up_fits_a_360px_screen(browser: Browser, live_server: str) -> None:
    context = browser.new_context(base_url=live_server, viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto("/signup")
    expect_heading(page, "Create your account")
    assert not _has_horizontal_scroll(page), "the sign-up page scrolls sideways at 360px"

    # With every error showing, it still fits.
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("alert").filter(has_text="There is a problem")).to_be_visible()
    assert not _has_horizontal_scroll(page), "the sign-up page with errors scrolls sideways at 360px"
    check_a11y(page, "sign up at 360px")
    context.close()


def test_skip_link_comes_first(browser: Browser, live_server: str) -> None:
    context = browser.new_context(base_url=live_server)
    page = context.new_page()
    page.goto("/login")
    expect_heading(page, "Log in")
    # Quick exit is first of all (issue 11); the skip link comes right after it.
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Exit", exact=True)).to_be_focused()
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    context.close()


def test_a_page_whose_code_cannot_load_shows_the_error_inside_the_layout(browser: Browser, live_server: str) -> None:
    # No service worker: its cache would serve the page's code past the blocked request.
    context = browser.new_context(base_url=live_server, service_workers="block")
    page = context.new_page()
    page.goto("/login")
    expect_heading(page, "Log in")
    # A release replaced the sign-up page's code while this tab was open: its request fails.
    page.route("**/assets/SignUpPage-*.js", lambda route: route.abort())
    page.get_by_role("link", name="Create an account").click()
    expect_heading(page, "Something went wrong")
    # The layout stays around the error, with a way on.
    expect(page.get_by_role("link", name="Tandem")).to_be_visible()
    expect(page.get_by_role("button", name="Load the page again")).to_be_visible()
    check_a11y(page, "a page that could not load")
    # Going elsewhere leaves the error behind.
    page.get_by_role("link", name="Go to the start page").click()
    expect_heading(page, "Log in")
    context.close()


def test_a_new_page_starts_at_the_top_with_its_heading_focused(browser: Browser, live_server: str) -> None:
    context = browser.new_context(base_url=live_server, viewport={"width": 360, "height": 400})
    page = context.new_page()
    page.goto("/signup")
    expect_heading(page, "Create your account")
    login = page.get_by_role("link", name="Log in", exact=True)
    login.scroll_into_view_if_needed()
    page.wait_for_function("() => window.scrollY > 0")
    login.click()
    expect_heading(page, "Log in")
    expect(page.get_by_role("heading", level=1, name="Log in")).to_be_focused()
    page.wait_for_function("() => window.scrollY === 0")
    # Back: screen-reader users hear where they are again (the heading takes focus, at the top).
    page.go_back()
    expect(page.get_by_role("heading", level=1, name="Create your account")).to_be_focused()
    context.close()
