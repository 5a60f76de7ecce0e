"""The path in two phones (360 by 740): both turn it on, readiness stays private, moving on and stepping
back arrive live in the other browser. Then the guides it links to, and their sources."""

from __future__ import annotations

from playwright.sync_api import Browser, Page, expect

from .helpers import PHONE, Watch, check_a11y, create_couple, expect_heading


def stage_heading(page: Page, number: int) -> None:
    expect(page.get_by_role("heading", level=2, name=f"Stage {number} of 5")).to_be_visible()


def test_the_path_together_in_two_phones(browser: Browser, live_server: str) -> None:
    patient_context = browser.new_context(base_url=live_server, viewport=PHONE)
    partner_context = browser.new_context(base_url=live_server, viewport=PHONE)
    watches = [Watch(live_server), Watch(live_server)]
    watches[0].attach(patient_context)
    watches[1].attach(partner_context)
    p = patient_context.new_page()
    q = partner_context.new_page()
    create_couple(p, q, live_server)

    for page in (p, q):
        page.goto("/space/path")
        expect_heading(page, "Your path")
        expect(page.get_by_role("heading", name="The path is off")).to_be_visible()
    check_a11y(p, "path, off")

    # One turns it on: they are told it waits for both; the other sees nothing at all.
    p.get_by_role("button", name="Turn the path on for me").click()
    expect(p.get_by_role("status")).to_contain_text("It starts once you've both turned it on")
    q.reload()
    expect(q.get_by_role("heading", name="The path is off")).to_be_visible()
    expect(q.get_by_role("button", name="Turn the path on for me")).to_be_visible()
    expect(q.get_by_text("You've turned the path on")).to_have_count(0)

    # The second turns it on: both are in the first stage, the first one live.
    q.get_by_role("button", name="Turn the path on for me").click()
    stage_heading(q, 1)
    stage_heading(p, 1)
    expect(p.get_by_role("heading", level=2)).to_contain_text(["Closeness without expectations"])
    check_a11y(p, "path, first stage")

    # One says ready: only they see it; the other still sees no answer of theirs, nothing else changes.
    p.get_by_role("button", name="I feel ready for the next stage").click()
    expect(p.get_by_role("status")).to_contain_text("You've said you feel ready")
    q.reload()
    stage_heading(q, 1)
    expect(q.get_by_role("status")).to_contain_text("You haven't answered")

    # The second says ready: both see the next stage, the first one live.
    q.get_by_role("button", name="I feel ready for the next stage").click()
    stage_heading(q, 2)
    stage_heading(p, 2)
    expect(p.get_by_role("status")).to_contain_text("You haven't answered")
    check_a11y(q, "path, second stage")

    # One steps back alone, without a reason: both are in the first stage again.
    q.get_by_role("button", name="Go back a stage").click()
    stage_heading(q, 1)
    stage_heading(p, 1)

    # The guides the path links to, and every source once.
    p.get_by_role("link", name="How the path works").click()
    expect_heading(p, "The path and sensate focus")
    expect(p.get_by_role("heading", level=2, name="Sources")).to_be_visible()
    expect(p.locator(".guide__disclaimer")).to_contain_text("not medical advice")
    check_a11y(p, "guide")
    p.get_by_role("navigation", name="Guides").get_by_role("link", name="Sources").click()
    expect_heading(p, "Sources")
    check_a11y(p, "sources")
    p.get_by_role("navigation", name="Guides").get_by_role("link", name="All guides").click()
    expect_heading(p, "Guides")
    expect(p.get_by_role("heading", level=2, name="For the partner")).to_be_visible()
    check_a11y(p, "guides")

    for watch in watches:
        watch.assert_clean()
    patient_context.close()
    partner_context.close()
