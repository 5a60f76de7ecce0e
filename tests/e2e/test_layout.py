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
