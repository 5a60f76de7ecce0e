"""What I share now, at 360x740: the patient shares two check-ins, stops one from the overview and then
everything at once; the partner's open check-ins page (another browser) loses each without a reload."""

from __future__ import annotations

import uuid

from playwright.sync_api import Browser, BrowserContext, Page, expect

from .helpers import PHONE, Person, Watch, check_a11y, expect_heading, sign_up

LIVE = 15_000  # milliseconds to wait for something to arrive over the live event stream


def _couple(browser: Browser, live_server: str) -> tuple[list[BrowserContext], Page, Page, list[Watch]]:
    patient, partner = Person(display_name="Robin"), Person(display_name="Sam")
    contexts = [browser.new_context(base_url=live_server, viewport=PHONE) for _ in range(2)]
    watches = [Watch(live_server), Watch(live_server)]
    for watch, context in zip(watches, contexts, strict=True):
        watch.attach(context)
    p, q = contexts[0].new_page(), contexts[1].new_page()
    p.goto("/signup")
    sign_up(p, patient)
    expect_heading(p, "Create your shared space")
    p.get_by_label("Name of your space").fill(f"Us {uuid.uuid4().hex[:6]}")
    p.get_by_label("I'm the one doing the treatment").check()
    p.get_by_role("button", name="Create space").click()
    p.get_by_role("button", name="Create invitation link").click()
    link = p.get_by_label("Invitation link").input_value()
    q.goto(link)
    q.get_by_role("link", name="Sign up").click()
    sign_up(q, partner)
    q.get_by_role("button", name="Join space").click()
    expect(q).to_have_url(f"{live_server}/space")
    return contexts, p, q, watches


def _share_check_in(page: Page, note: str) -> None:
    page.goto("/space/checkins/new")
    page.get_by_label("Okay", exact=True).check()
    page.get_by_role("button", name="Add more: feelings, needs, own words, boundaries").click()
    page.get_by_label("hopeful", exact=True).check()
    page.get_by_label("Some", exact=True).check()
    page.get_by_label("Anything else you'd like to note").fill(note)
    page.get_by_label("Shared with Sam").check()
    page.get_by_role("button", name="Save check-in").click()
    expect(page.get_by_text("Your check-in is saved and shared with Sam.")).to_be_visible()


def test_see_what_i_share_and_stop_sharing_everything(browser: Browser, live_server: str) -> None:
    contexts, p, q, watches = _couple(browser, live_server)
    first, second = f"First {uuid.uuid4().hex[:8]}", f"Second {uuid.uuid4().hex[:8]}"
    _share_check_in(p, first)
    _share_check_in(p, second)

    # The partner keeps the check-ins page open all along.
    q.goto("/space/checkins")
    expect(q.get_by_text(first)).to_be_visible()
    expect(q.get_by_text(second)).to_be_visible()

    # The way in: from the account page.
    p.goto("/account")
    p.get_by_role("link", name="What I share now, and stop sharing everything").click()
    expect_heading(p, "What I share now")
    shared = p.get_by_role("region", name="Shared check-ins")
    expect(shared.get_by_role("listitem")).to_have_count(2)
    # Neutral labels only: nothing of what the check-ins say.
    expect(p.get_by_text(first)).to_have_count(0)
    check_a11y(p, "what I share now")

    # One item's own stop control (the newest is listed first).
    shared.get_by_role("button", name="Stop sharing").first.click()
    expect(shared.get_by_role("listitem")).to_have_count(1)
    expect(q.get_by_text(second)).to_have_count(0, timeout=LIVE)
    expect(q.get_by_text(first)).to_be_visible()

    # Everything at once, confirmed in a dialog whose options start unticked.
    p.get_by_role("button", name="Stop sharing everything…").click()
    dialog = p.get_by_role("dialog", name="Stop sharing everything?")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_label("Also leave this space")).not_to_be_checked()
    expect(dialog.get_by_label('Also set all my boundaries to "ask me first"')).not_to_be_checked()
    check_a11y(p, "stop sharing everything (dialog)")
    dialog.get_by_role("button", name="Yes, stop sharing").click()
    expect(dialog).to_be_hidden()
    expect(p.get_by_role("status").filter(has_text="What you shared is private again")).to_be_visible()
    expect(p.get_by_role("region", name="Shared check-ins")).to_have_count(0)

    # The partner's open page drops it without a reload, and says nothing about it.
    expect(q.get_by_text(first)).to_have_count(0, timeout=LIVE)
    expect(q.get_by_text("withdrawn", exact=False)).to_have_count(0)
    expect(q.get_by_text("unshared", exact=False)).to_have_count(0)

    for watch in watches:
        watch.assert_clean()
    for context in contexts:
        context.close()
