"""The planner in two browsers: both rate, see the same matches, plan, accept, pause, reflect."""

from __future__ import annotations

import re

import icalendar
from playwright.sync_api import Browser, Page, expect

from .conftest import ARTIFACTS
from .helpers import Watch, check_a11y, create_couple, expect_heading

NOTICE = "Let's leave this one for now. Thank you for understanding."


def card_titles(page: Page, group: str) -> list[str]:
    section = page.get_by_role("region", name=group)
    return [t.strip() for t in section.locator(".idea__title").all_inner_texts()]


def test_ideas_and_plans_story(browser: Browser, live_server: str) -> None:
    patient_context = browser.new_context(base_url=live_server)
    partner_context = browser.new_context(base_url=live_server, viewport={"width": 360, "height": 740})
    watches = [Watch(live_server), Watch(live_server)]
    watches[0].attach(patient_context)
    watches[1].attach(partner_context)
    p = patient_context.new_page()
    q = partner_context.new_page()
    create_couple(p, q, live_server)

    # The space home has a quiet card for plans.
    expect(p.get_by_role("region", name="Time together")).to_contain_text("Nothing planned right now")

    # The library, from the main navigation.
    p.get_by_role("link", name="Ideas & plans").click()
    expect_heading(p, "Ideas for time together")
    expect(p.locator(".idea")).to_have_count(20)
    check_a11y(p, "ideas library")
    p.get_by_label("Closeness").select_option("3")
    expect(p.get_by_role("status").filter(has_text="ideas")).to_contain_text(
        re.compile(r"Showing (all|the first) \d+ ideas")
    )
    for tag in p.locator(".idea__tag--level3").all():
        expect(tag).to_contain_text("Closeness 3")
    check_a11y(p, "ideas library (filtered)")

    # Both rate a few, one card at a time: the patient with the buttons, the partner with the keyboard.
    p.get_by_role("link", name="Rate a few").first.click()
    expect_heading(p, "Rate a few")
    check_a11y(p, "rate a few")
    titles = []
    for _ in range(3):
        title = p.locator(".idea__title").inner_text()
        titles.append(title)
        p.get_by_role("button", name="Yes", exact=True).click()
        expect(p.get_by_role("status").filter(has_text=title)).to_contain_text("You answered Yes")
    q.goto("/space/ideas/rate")
    expect_heading(q, "Rate a few")
    check_a11y(q, "rate a few (small screen)")
    ARTIFACTS.mkdir(exist_ok=True)
    q.screenshot(path=str(ARTIFACTS / "rate-a-few-360.png"), full_page=True)
    for key, title in zip(("y", "m", "n"), titles, strict=True):
        expect(q.locator(".idea__title")).to_have_text(title)
        q.locator(".rate-few").focus()
        q.keyboard.press(key)
    expect(q.locator(".idea__title")).not_to_have_text(titles[2])

    # Both see the same matches; the "not now" leaves no trace.
    for page in (p, q):
        page.goto("/space/ideas/matches")
        expect_heading(page, "Your matches")
        expect(page.get_by_role("region", name="Both said yes").locator(".idea__title")).to_have_text([titles[0]])
        expect(page.get_by_role("region", name="Open to it").locator(".idea__title")).to_have_text([titles[1]])
    assert card_titles(p, "Both said yes") == card_titles(q, "Both said yes")
    assert titles[2] not in q.content() and titles[2] not in p.locator("main").inner_text()
    check_a11y(q, "matches")

    # The patient proposes a plan for sometime this week, with a note.
    p.get_by_role("region", name="Both said yes").get_by_role("button", name=re.compile("^Plan this")).click()
    p.get_by_label("Sometime this week").check()
    p.get_by_label("A note for your partner (optional)").fill("Tea first?")
    check_a11y(p, "matches (proposing)")
    p.get_by_role("button", name="Suggest this plan").click()
    expect(p).to_have_url(re.compile(rf"{re.escape(live_server)}/space/plans/[0-9a-f-]+$"))
    expect_heading(p, titles[0])
    expect(p.locator(".plan__status")).to_have_text("Waiting for your partner's answer.")
    check_a11y(p, "plan (proposed)")
    plan_url = p.url

    # The partner finds it in their plans and accepts.
    q.goto("/space/plans")
    expect_heading(q, "Plans")
    check_a11y(q, "plans")
    q.get_by_role("link", name=titles[0]).click()
    expect(q.locator(".plan__note")).to_have_text("Tea first?")
    expect(q.locator(".plan__status")).to_have_text("Your partner suggested this.")
    q.get_by_role("button", name="Yes, let's").click()
    expect(q.locator(".plan__status")).to_have_text("You're both on for this.")
    check_a11y(q, "plan (accepted)")

    # A private calendar feed with neutral titles.
    p.goto("/space/plans")
    p.get_by_role("button", name="Turn on my calendar feed").click()
    feed_url = p.get_by_label("Your calendar address").input_value()
    assert re.fullmatch(re.escape(live_server) + r"/api/v1/calendar/[A-Za-z0-9_-]{43}/tandem\.ics", feed_url)
    check_a11y(p, "plans (calendar feed on)")
    feed = p.request.get(feed_url)
    assert feed.status == 200
    events = list(icalendar.Calendar.from_ical(feed.body()).walk("VEVENT"))
    assert [str(e["SUMMARY"]) for e in events] == ["Time together (sometime this week)"]
    assert titles[0].encode() not in feed.body()

    # The patient pauses it, without a reason; the partner sees the gentle notice, never who.
    p.goto(plan_url)
    p.get_by_role("button", name="Pause", exact=True).click()
    check_a11y(p, "plan (pausing)")
    p.get_by_role("button", name="Pause this plan").click()
    expect(p.locator(".plan__notice")).to_have_text(NOTICE)
    q.reload()
    expect(q.locator(".plan__notice")).to_have_text(NOTICE)
    expect(q.locator("main")).not_to_contain_text("Robin")
    check_a11y(q, "plan (paused)")
    q.goto("/space")
    expect(q.get_by_role("region", name="Time together")).to_contain_text(NOTICE)

    # The partner reflects privately, then shares; the patient sees it only once shared.
    q.goto(plan_url)
    expect_heading(q, titles[0])
    q.get_by_label("Close", exact=True).check()
    q.get_by_label("A note (optional)").fill("Felt close even though we stopped.")
    q.get_by_role("button", name="Save reflection").click()
    expect(q.get_by_role("status").filter(has_text="Saved")).to_contain_text("Only you can see it.")
    p.reload()
    expect(p.locator("main")).not_to_contain_text("Felt close even though")
    q.get_by_label("Share this with my partner").check()
    q.get_by_role("button", name="Save reflection").click()
    expect(q.get_by_role("status").filter(has_text="Saved")).to_contain_text("shared with your partner")
    check_a11y(q, "plan (reflection shared)")
    p.reload()
    expect(p.locator(".reflection--partner")).to_contain_text("Felt close even though we stopped.")
    check_a11y(p, "plan (partner's reflection)")

    # An idea of their own.
    p.goto("/space/ideas/new")
    expect_heading(p, "Add your own idea")
    check_a11y(p, "add your own idea")
    p.get_by_role("button", name="Add idea").click()
    expect(p.get_by_role("alert")).to_contain_text("Give your idea a title.")
    p.get_by_label("Title").fill("Breakfast on the balcony")
    p.get_by_label("Holding hands").check()
    p.get_by_role("button", name="Add idea").click()
    expect_heading(p, "Ideas for time together")
    p.get_by_label("Search ideas").fill("balcony")
    p.get_by_role("button", name="Search").click()
    expect(p.locator(".idea__title")).to_have_text(["Breakfast on the balcony"])
    ARTIFACTS.mkdir(exist_ok=True)
    q.goto("/space/ideas/matches")
    expect(q.get_by_role("region", name="Both said yes").locator(".idea__title")).to_have_text([titles[0]])
    q.screenshot(path=str(ARTIFACTS / "matches-360.png"), full_page=True)
    q.goto(plan_url)
    expect(q.locator(".plan__notice")).to_have_text(NOTICE)
    q.screenshot(path=str(ARTIFACTS / "plan-360.png"), full_page=True)

    for watch in watches:
        watch.assert_clean()
    patient_context.close()
    partner_context.close()
