"""The daily loop, live, in two phones (360x740): a question for today answered apart and revealed
together, a summary withdrawn while the partner looks at it, and a new match appearing by itself.

No page is reloaded while waiting for the other member: each change arrives through the event stream.
"""

from __future__ import annotations

import re
import uuid

from playwright.sync_api import Browser, BrowserContext, Page, expect

from .helpers import PHONE, Person, Watch, check_a11y, expect_heading, sign_up

LIVE_MS = 2000


def couple(browser: Browser, live_server: str) -> tuple[list[BrowserContext], Page, Page, list[Watch]]:
    contexts = [browser.new_context(base_url=live_server, viewport=PHONE) for _ in range(2)]
    watches = [Watch(live_server), Watch(live_server)]
    for watch, context in zip(watches, contexts, strict=True):
        watch.attach(context)
    p, q = (context.new_page() for context in contexts)
    p.goto("/signup")
    sign_up(p, Person(display_name="Robin"))
    expect_heading(p, "Create your shared space")
    p.get_by_label("Name of your space").fill(f"Us {uuid.uuid4().hex[:6]}")
    p.get_by_label("I'm the one doing the treatment").check()
    p.get_by_role("button", name="Create space").click()
    expect(p).to_have_url(f"{live_server}/space")
    p.get_by_role("button", name="Create invitation link").click()
    link = p.get_by_label("Invitation link").input_value()
    q.goto(link)
    q.get_by_role("link", name="Sign up").click()
    sign_up(q, Person(display_name="Sam"))
    q.get_by_role("button", name="Join space").click()
    expect(q).to_have_url(f"{live_server}/space")
    return contexts, p, q, watches


def test_today_answered_apart_revealed_live_withdrawn_at_once_and_a_new_match(
    browser: Browser, live_server: str
) -> None:
    contexts, p, q, watches = couple(browser, live_server)

    # --- A question for today: the same for both, answered apart, revealed together, live. ---
    p.goto("/space")
    today_p = p.get_by_role("region", name="A question for today")
    today_q = q.get_by_role("region", name="A question for today")
    expect(today_p.locator(".today__prompt")).to_be_visible()
    question = today_p.locator(".today__prompt").inner_text()
    expect(today_q.locator(".today__prompt")).to_have_text(question)
    check_a11y(p, "home with the question for today")

    today_p.get_by_label("Your answer").fill("Slowly, and together.")
    today_p.get_by_role("button", name="Send my answer").click()
    expect(today_p.get_by_role("status")).to_contain_text("Your answer is kept for you")
    # The partner learns that Robin answered, without the answer and without a reload.
    expect(today_q.get_by_text("Robin has answered.")).to_be_visible(timeout=LIVE_MS)
    assert "Slowly, and together." not in q.content()
    # ...and the home says quietly that something waits for them.
    expect(q.get_by_role("region", name="Waiting for you")).to_contain_text("Robin answered")
    check_a11y(q, "home with an answer waiting")

    today_q.get_by_label("Your answer").fill("With tea first.")
    today_q.get_by_role("button", name="Send my answer").click()
    expect(today_q.get_by_label("Robin's answer")).to_contain_text("Slowly, and together.")
    expect(today_p.get_by_label("Sam's answer")).to_contain_text("With tea first.", timeout=LIVE_MS)
    expect(q.get_by_role("region", name="Waiting for you")).to_have_count(0)
    check_a11y(p, "home with the question revealed")

    # --- A shared summary withdrawn while the partner's page is open leaves it at once. ---
    p.goto("/practice/summaries")
    p.get_by_role("button", name="Draft a summary").click()
    expect_heading(p, "Your summary")
    message = "Thank you for today."
    p.get_by_label("A personal message (optional)").fill(message)
    p.get_by_role("button", name="Preview").click()
    p.get_by_role("button", name="Publish").click()
    expect(p.get_by_role("status").filter(has_text="Shared with Sam.")).to_be_visible()

    q.goto("/summaries")
    expect_heading(q, "Shared summaries")
    expect(q.locator(".shared-summary__message")).to_have_text(message)
    check_a11y(q, "shared summaries")
    p.get_by_role("button", name="Withdraw").click()
    p.get_by_role("button", name="Yes, withdraw it").click()
    expect(p.get_by_role("status").filter(has_text="Sam can no longer see it.")).to_be_visible()
    expect(q.locator(".shared-summary")).to_have_count(0, timeout=LIVE_MS)
    expect(q.get_by_text(message)).to_have_count(0)

    # --- A new match appears by itself on the partner's home, and is "new" once. ---
    q.goto("/space/ideas/rate")
    expect_heading(q, "Rate a few")
    title = q.locator(".idea__title").inner_text()
    q.get_by_role("button", name="Yes", exact=True).click()
    expect(q.get_by_role("status").filter(has_text=title)).to_contain_text("You answered Yes")
    q.goto("/space")
    expect(today_q).to_be_visible()
    # One "yes" alone is nobody's news.
    expect(q.get_by_role("region", name="Waiting for you")).to_have_count(0)

    p.goto("/space/ideas/rate")
    expect(p.locator(".idea__title")).to_have_text(title)
    p.get_by_role("button", name="Yes", exact=True).click()
    expect(p.get_by_role("status").filter(has_text=title)).to_contain_text("You answered Yes")
    waiting = q.get_by_role("region", name="Waiting for you")
    expect(waiting.get_by_role("link", name=f"New match: {title}")).to_be_visible(timeout=LIVE_MS)
    check_a11y(q, "home with a new match")

    waiting.get_by_role("link", name=f"New match: {title}").click()
    expect_heading(q, "Your matches")
    expect(q.locator(".idea").filter(has_text=title).get_by_text("New match")).to_be_visible()
    check_a11y(q, "matches with a new one")
    # Seen once: after the visit, it is a match like the others.
    q.goto("/space")
    expect(today_q).to_be_visible()
    expect(q.get_by_role("region", name="Waiting for you")).to_have_count(0)
    q.goto("/space/ideas/matches")
    expect(q.locator(".idea").filter(has_text=title)).to_be_visible()
    expect(q.get_by_text("New match")).to_have_count(0)

    # --- Reminders: off by default, one switch each. ---
    q.goto("/space/plans")
    reminders = q.get_by_role("region", name="Gentle reminders")
    # Exact: the status after turning one off ("Reminder off. …") must not count as a switch that is off.
    expect(reminders.get_by_text("Off.", exact=True)).to_have_count(2)
    reminders.get_by_role("button", name=re.compile("^Add a reminder to check in")).click()
    reminders.get_by_label("Time").fill("21:30")
    reminders.get_by_label("Wednesday").check()
    reminders.get_by_role("button", name="Save reminder").click()
    expect(reminders.get_by_text("On Wednesday at 21:30.").first).to_be_visible()
    check_a11y(q, "plans with a reminder")
    reminders.get_by_role("button", name=re.compile("^Turn off a reminder to check in")).click()
    expect(reminders.get_by_role("status").filter(has_text="Reminder off.")).to_be_visible()
    expect(reminders.get_by_text("Off.", exact=True)).to_have_count(2)

    for watch in watches:
        watch.assert_clean()
    for context in contexts:
        context.close()
