"""Search on a phone: words people type find prompts and ideas; the address keeps the search and filters."""

from __future__ import annotations

import re
import uuid

from playwright.sync_api import Browser, Page, expect

from .helpers import Person, Watch, check_a11y, expect_heading, sign_up

AFRAID = "Are you afraid of hurting me?"
FAMILY = "like family questions or how others see us"


def start_space(page: Page, live_server: str) -> None:
    page.goto("/signup")
    sign_up(page, Person(display_name="Robin"))
    expect_heading(page, "Create your shared space")
    page.get_by_label("Name of your space").fill(f"Us {uuid.uuid4().hex[:6]}")
    page.get_by_label("I'm the one doing the treatment").check()
    page.get_by_role("button", name="Create space").click()
    expect(page).to_have_url(f"{live_server}/space")


def prompt_list(page: Page) -> None:
    expect(page.locator(".prompt-list .prompt").first).to_be_visible()


def test_search_and_filters_live_in_the_address(browser: Browser, live_server: str) -> None:
    context = browser.new_context(base_url=live_server, viewport={"width": 360, "height": 740})
    watch = Watch(live_server)
    watch.attach(context)
    page = context.new_page()
    start_space(page, live_server)

    # Prompts: "scared" finds what the library says as "afraid"; a depth filter narrows it.
    page.goto("/space/prompts")
    expect_heading(page, "Conversation prompts")
    search = page.get_by_label("Search prompts")
    search.fill("scared")
    page.get_by_role("button", name="Search", exact=True).click()
    expect(page).to_have_url(re.compile(r"[?&]q=scared"))
    expect(page.locator(".prompt-list .prompt").first).to_contain_text("worry")
    found = page.get_by_role("heading", level=2, name=re.compile(r"^\d+\+? prompts?$"))
    scared_total = found.inner_text()
    # A click, not check(): the box follows the address, which changes a moment after the click.
    page.get_by_label("Deep", exact=True).click()
    expect(page).to_have_url(re.compile(r"[?&]depth=deep"))
    expect(page.locator(".prompt-list")).to_contain_text(AFRAID)
    for depth in page.locator(".prompt-list .depth").all():
        expect(depth).to_have_text("Deep")
    check_a11y(page, "prompt search (360 px)")

    # Reload keeps the words, the filter and what they found.
    page.reload()
    expect(page.get_by_label("Search prompts")).to_have_value("scared")
    expect(page.get_by_label("Deep", exact=True)).to_be_checked()
    expect(page.locator(".prompt-list")).to_contain_text(AFRAID)

    # A new search, then Back: the previous words and results return, and the filter one step further back.
    page.get_by_label("Deep", exact=True).click()
    expect(page).not_to_have_url(re.compile(r"depth="))
    page.get_by_label("Search prompts").fill("family")
    page.get_by_role("button", name="Search", exact=True).click()
    expect(page).to_have_url(re.compile(r"[?&]q=family"))
    expect(page.locator(".prompt-list")).to_contain_text(FAMILY)
    expect(found).not_to_have_text(scared_total)
    page.go_back()
    expect(page).to_have_url(re.compile(r"[?&]q=scared"))
    expect(page.get_by_label("Search prompts")).to_have_value("scared")
    expect(page.locator(".prompt-list .prompt").first).to_contain_text("worry")
    expect(found).to_have_text(scared_total)
    page.go_back()
    expect(page.get_by_label("Deep", exact=True)).to_be_checked()
    expect(page.locator(".prompt-list")).to_contain_text(AFRAID)

    # Ideas: the same for their search box and filters.
    page.goto("/space/ideas")
    expect_heading(page, "Ideas for time together")
    page.get_by_label("Search ideas").fill("massages")
    page.get_by_role("button", name="Search", exact=True).click()
    expect(page).to_have_url(re.compile(r"[?&]q=massages"))
    expect(page.locator(".idea__title").first).to_contain_text(re.compile("massage", re.IGNORECASE))
    page.get_by_label("Closeness").select_option("2")
    expect(page).to_have_url(re.compile(r"[?&]closeness=2"))
    for tag in page.locator(".idea__tag--level2").all():
        expect(tag).to_contain_text("Closeness 2")
    expect(page.locator(".idea__tag--level3")).to_have_count(0)
    check_a11y(page, "idea search (360 px)")
    page.reload()
    expect(page.get_by_label("Search ideas")).to_have_value("massages")
    expect(page.get_by_label("Closeness")).to_have_value("2")
    page.go_back()
    expect(page).not_to_have_url(re.compile(r"closeness="))
    expect(page.get_by_label("Closeness")).to_have_value("")
    expect(page.get_by_label("Search ideas")).to_have_value("massages")
    page.get_by_role("button", name="Show all ideas").click()
    expect(page.get_by_label("Search ideas")).to_have_value("")
    expect(page).not_to_have_url(re.compile(r"q="))

    watch.assert_clean()
    context.close()
