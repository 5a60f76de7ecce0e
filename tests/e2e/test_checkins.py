"""Check-ins, boundaries and prompts in two browsers: checking in together with a live reveal, a boundary
change marked on the partner's home, and a prompt answered separately and revealed together."""

from __future__ import annotations

import re
import uuid

from playwright.sync_api import Browser, BrowserContext, Page, expect

from .helpers import Person, Watch, check_a11y, expect_heading, sign_up

LIVE = 15_000  # milliseconds to wait for something to arrive over the live event stream


def _couple(browser: Browser, live_server: str) -> tuple[BrowserContext, BrowserContext, Page, Page, list[Watch]]:
    patient, partner = Person(display_name="Robin"), Person(display_name="Sam")
    # The partner uses a small phone; the patient a larger one.
    contexts = [
        browser.new_context(base_url=live_server, viewport=size)
        for size in ({"width": 414, "height": 900}, {"width": 360, "height": 740})
    ]
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
    p.goto("/space")
    expect(p.locator(".members__item")).to_have_count(2)
    return contexts[0], contexts[1], p, q, watches


def _fits(page: Page, where: str) -> None:
    wide = page.evaluate("() => document.documentElement.scrollWidth > document.documentElement.clientWidth")
    assert not wide, f"{where} scrolls sideways at {page.viewport_size}"


def _fill_check_in(page: Page, mood: str, feeling: str, closeness: str, note: str) -> None:
    page.get_by_label(mood, exact=True).check()
    page.get_by_label(feeling, exact=True).check()
    page.get_by_label(closeness, exact=True).check()
    page.get_by_label("Anything else you'd like to note").fill(note)


def test_check_in_together_boundaries_and_a_prompt(browser: Browser, live_server: str) -> None:
    patient_context, partner_context, p, q, watches = _couple(browser, live_server)
    check_a11y(q, "space home with the check-ins card")

    # --- Checking in together: the reveal appears live for the one who answered first. ---
    p.get_by_role("link", name="Check in together").click()
    expect_heading(p, "Check in together")
    check_a11y(p, "check in together (start)")
    p.get_by_role("button", name="Start checking in together").click()
    expect(p).to_have_url(re.compile(r"/space/together/[0-9a-f-]{36}$"))

    # The partner, on the home page, sees the invitation arrive without reloading.
    join = q.get_by_role("link", name="Join in")
    expect(join).to_be_visible(timeout=LIVE)
    join.click()
    expect_heading(q, "Check in together")
    expect(p.get_by_role("status").filter(has_text="Sam has joined")).to_be_visible(timeout=LIVE)

    _fill_check_in(p, "Okay", "hopeful", "Some", "A little nervous about Thursday.")
    p.get_by_label("What would help me from you, Sam?").fill("Sit with me after dinner")
    check_a11y(p, "check in together (form)")
    p.get_by_role("button", name="Send my answer").click()
    expect(p.get_by_text("Your answer is in.")).to_be_visible()
    # The partner sees that Robin has finished, and nothing of what was written.
    expect(q.get_by_role("status").filter(has_text="Robin has finished")).to_be_visible(timeout=LIVE)
    expect(q.get_by_text("A little nervous about Thursday.")).to_have_count(0)
    check_a11y(q, "check in together (partner, before answering)")
    _fits(q, "check in together")

    _fill_check_in(q, "Good", "loving", "Plenty", "Proud of you, whatever Thursday brings.")
    q.get_by_role("button", name="Send my answer").click()
    expect(q.get_by_role("heading", name="You've both checked in")).to_be_visible()
    expect(q.get_by_text("A little nervous about Thursday.")).to_be_visible()
    # The patient's page reveals both without a reload.
    expect(p.get_by_role("heading", name="You've both checked in")).to_be_visible(timeout=LIVE)
    expect(p.get_by_text("Proud of you, whatever Thursday brings.")).to_be_visible()
    check_a11y(p, "check in together (revealed)")

    # --- A check-in of one's own, shared, and the partner's acknowledgement. ---
    p.goto("/space/checkins/new")
    expect_heading(p, "Check in")
    check_a11y(p, "new check-in")
    # The full form: feelings, needs and notes behind "add more".
    p.get_by_role("button", name="Add more: feelings, needs, own words, boundaries").click()
    _fill_check_in(p, "Low", "tired", "A little", "Long day at work.")
    p.get_by_label("Shared with Sam").check()
    p.get_by_role("button", name="Save check-in").click()
    expect(p.get_by_role("status").filter(has_text="shared with Sam")).to_be_visible()
    expect_heading(p, "Check-ins")
    expect(p.get_by_role("img", name=re.compile("My mood over the last 90 days"))).to_be_visible()
    check_a11y(p, "check-ins and mood chart")
    q.goto("/space/checkins")
    robins = q.get_by_role("article", name=re.compile("Robin's check-in")).filter(has_text="Long day at work.")
    expect(robins).to_be_visible()
    robins.get_by_label("I hear you").check()
    robins.get_by_role("button", name="Send").click()
    expect(robins.get_by_text("You answered: I hear you")).to_be_visible()
    check_a11y(q, "check-ins (partner)")
    _fits(q, "check-ins")

    # --- The patient changes a boundary; the partner's home marks it. ---
    q.goto("/space")
    expect_heading(q, re.compile("Us "))
    p.goto("/space/boundaries")
    expect_heading(p, "Boundaries for now")
    check_a11y(p, "boundaries")
    kissing = p.get_by_role("group", name="Kissing", exact=True)
    kissing.get_by_label("Ask me first").check()
    p.get_by_role("button", name="Save my boundaries").click()
    expect(p.get_by_role("status").filter(has_text="Sam sees your boundaries")).to_be_visible()
    # The home shows counts only; the activities are behind a tap.
    robin_counts = q.get_by_test_id("boundary-counts").get_by_role("listitem").filter(has_text="Robin")
    expect(robin_counts).to_contain_text("changed since you last looked", timeout=LIVE)
    expect(q.locator(".boundary").filter(has_text="Kissing")).to_have_count(0)
    q.get_by_role("button", name="Show the details").click()
    robin_boundaries = q.locator(".boundaries-summary__member").filter(has=q.get_by_role("heading", name="Robin"))
    changed = robin_boundaries.locator(".boundary").filter(has_text="Kissing")
    expect(changed).to_contain_text("Ask me first")
    expect(changed).to_contain_text("Changed since you last looked")
    check_a11y(q, "space home with a changed boundary")
    _fits(q, "space home")
    # Having looked, the mark is gone the next time.
    q.reload()
    q.get_by_role("button", name="Show the details").click()
    expect(robin_boundaries.locator(".boundary").filter(has_text="Kissing")).to_contain_text("Ask me first")
    expect(q.get_by_text("Changed since you last looked")).to_have_count(0)

    # --- Prompts: browse, answer separately, see both revealed. ---
    p.goto("/space/prompts")
    expect_heading(p, "Conversation prompts")
    p.get_by_label("Search prompts").fill("fear")
    p.get_by_role("button", name="Search", exact=True).click()
    first = p.locator(".prompt-list .prompt__text a").first
    expect(first).to_contain_text(re.compile("fear", re.IGNORECASE))
    check_a11y(p, "prompts")
    prompt_text = first.inner_text()
    first.click()
    expect_heading(p, prompt_text)
    check_a11y(p, "prompt")
    p.get_by_role("button", name="Answer separately, reveal together").click()
    expect(p).to_have_url(re.compile(r"/space/conversations/[0-9a-f-]{36}$"))
    p.get_by_label("Your answer").fill("That I'll let you down somehow.")
    p.get_by_role("button", name="Send my answer").click()
    expect(p.get_by_text("Your answer is in.")).to_be_visible()
    check_a11y(p, "conversation (waiting)")

    q.goto("/space")
    answer_link = q.get_by_role("link", name="Answer this prompt")
    expect(answer_link).to_be_visible(timeout=LIVE)
    answer_link.click()
    expect_heading(q, prompt_text)
    expect(q.get_by_text("That I'll let you down somehow.")).to_have_count(0)
    _fits(q, "conversation")
    q.get_by_label("Your answer").fill("You never could. I worry about hurting you.")
    q.get_by_role("button", name="Send my answer").click()
    expect(q.get_by_role("heading", name="Both answers")).to_be_visible()
    expect(q.get_by_text("That I'll let you down somehow.")).to_be_visible()
    expect(p.get_by_role("heading", name="Both answers")).to_be_visible(timeout=LIVE)
    expect(p.get_by_text("You never could. I worry about hurting you.")).to_be_visible()
    check_a11y(p, "conversation (revealed)")
    p.get_by_role("button", name="Keep in our history").click()
    expect(p.get_by_text("Kept in your shared history")).to_be_visible()

    # Every new page fits a small phone.
    for path, heading in (("/space/boundaries", "Boundaries for now"), ("/space/prompts", "Conversation prompts")):
        q.goto(path)
        expect_heading(q, heading)
        _fits(q, path)
        check_a11y(q, f"{path} at 360px")

    for watch in watches:
        watch.assert_clean()
    patient_context.close()
    partner_context.close()
