"""The practice story in two browsers: the patient sets up, logs, runs a shortened guided session,
shares a summary with one line kept private; the partner sees exactly the shared lines and reacts;
the patient withdraws it and it is gone for the partner. No page shows the partner anything private.

The guided session runs on the browser's clock, which the test moves forward with Playwright's clock
(the app has no test switch for time).
"""

from __future__ import annotations

import re
import uuid

from playwright.sync_api import Browser, Request, expect

from .conftest import ARTIFACTS
from .helpers import PHONE, Person, Watch, check_a11y, create_couple, expect_heading, fits_the_screen, sign_up

MARKER = f"PRIVATEMARK{uuid.uuid4().hex[:12]}"


def test_practice_story(browser: Browser, live_server: str) -> None:
    patient = Person(display_name="Robin")
    partner = Person(display_name="Sam")
    space = f"Robin & Sam {uuid.uuid4().hex[:6]}"
    patient_context = browser.new_context(base_url=live_server, viewport=PHONE)
    # Without transitions, axe never measures a button halfway between two colours.
    partner_context = browser.new_context(base_url=live_server, reduced_motion="reduce")
    watches = [Watch(live_server), Watch(live_server)]
    watches[0].attach(patient_context)
    watches[1].attach(partner_context)
    p = patient_context.new_page()
    q = partner_context.new_page()
    create_couple(p, q, live_server, patient, partner, space)
    ARTIFACTS.mkdir(exist_ok=True)

    # The patient's home shows their private practice card; the partner's shows summaries only.
    p.reload()
    expect(p.get_by_role("heading", name="Your practice")).to_be_visible()
    check_a11y(p, "space home with practice card")
    q.reload()
    expect(q.get_by_role("heading", name="Progress summaries")).to_be_visible()
    expect(q.get_by_role("heading", name="Your practice")).to_have_count(0)

    # The dilator set, once.
    p.get_by_role("link", name="Practice", exact=True).click()
    expect_heading(p, "Your practice")
    check_a11y(p, "journal (empty)")
    p.get_by_role("link", name="Dilator set, plan and settings").click()
    expect_heading(p, "Your set, plan and settings")
    set_saves: list[object] = []

    def record_set_save(request: Request) -> None:
        if request.method == "PUT" and request.url.endswith("/dilator-set"):
            set_saves.append(request.post_data_json)

    p.on("request", record_set_save)
    p.get_by_label("Size 1 (from smallest)").fill("1")
    p.get_by_role("button", name="Add a size").click()
    p.get_by_label("Size 2 (from smallest)").fill("2")
    p.get_by_role("button", name="Add a size").click()
    p.get_by_role("button", name="Add a size").click()
    p.get_by_label("Size 4 (from smallest)").fill(" 2 ")
    # A label twice (spaces around it don't make it another): the blank row goes, the later "2" is
    # wrong, the summary takes the patient to it, and nothing is saved.
    p.get_by_role("button", name="Save your set").click()
    summary = p.get_by_role("alert").filter(has_text="There is a problem")
    expect(summary.get_by_role("link", name="“2” appears twice.")).to_be_visible()
    expect(p.get_by_label("Size 4 (from smallest)")).to_have_count(0)
    second = p.get_by_label("Size 3 (from smallest)")
    expect(second).to_have_value(" 2 ")
    expect(second).to_have_attribute("aria-invalid", "true")
    summary.get_by_role("link", name="“2” appears twice.").click()
    expect(second).to_be_focused()
    assert set_saves == []
    second.fill("3")
    p.get_by_role("button", name="Add a size").click()  # left blank: not a size, not sent
    p.get_by_role("button", name="Save your set").click()
    expect(p.get_by_text("Your set is saved.")).to_be_visible()
    expect(summary).to_have_count(0)
    expect(p.get_by_label("Size 4 (from smallest)")).to_have_count(0)
    assert set_saves == [{"sizes": [{"label": "1"}, {"label": "2"}, {"label": "3"}]}]
    check_a11y(p, "set, plan and settings")
    p.screenshot(path=str(ARTIFACTS / "practice-setup.png"), full_page=True)

    # A goal in the patient's own words.
    p.goto("/practice/goals")
    expect_heading(p, "Your goals")
    p.get_by_label("Goal", exact=True).fill(f"Use a tampon {MARKER}")
    p.get_by_role("button", name="Add goal").click()
    expect(p.get_by_text("Goal added.")).to_be_visible()
    p.get_by_label(re.compile("^Status of")).select_option("reached")
    expect(p.get_by_text("Goal reached.")).to_be_visible()
    check_a11y(p, "goals")

    # Quick log from the home's tile: the defaults are there, one tap on a size, save.
    p.goto("/space")
    p.get_by_role("region", name="Log practice").get_by_role("link", name="Dilator").click()
    expect_heading(p, "Log practice")
    check_a11y(p, "log practice")
    p.screenshot(path=str(ARTIFACTS / "practice-log.png"), full_page=True)
    p.get_by_label("Size 1").check()
    p.get_by_label("Pain 0", exact=True).check()
    p.get_by_label("Anxiety 1", exact=True).check()
    p.get_by_text("More details: when, and a note").click()
    p.get_by_label("Note (optional)").fill(f"Calm evening {MARKER}")
    p.get_by_role("button", name="Save", exact=True).click()
    expect(p.get_by_role("status").filter(has_text="Saved to your journal.")).to_be_visible()
    expect(p.locator(".journal__item")).to_have_count(1)
    check_a11y(p, "journal with an entry")

    # The guided session; the browser's clock is moved forward instead of waiting minutes.
    p.clock.install()
    p.goto("/practice/session")
    expect_heading(p, "Breathe and settle")
    expect(p.locator(".pacer__circle")).to_be_visible()
    expect(p.get_by_role("button", name="Stop now")).to_be_visible()
    check_a11y(p, "guided session: breathing pacer")
    p.screenshot(path=str(ARTIFACTS / "practice-guided-breathe.png"), full_page=True)
    p.get_by_label("Breathe out for").select_option("8")
    p.get_by_role("button", name="I feel settled, continue").click()
    expect_heading(p, "Get ready")
    expect(p.get_by_text("Oil-based products can damage silicone dilators.")).to_be_visible()
    expect(p.get_by_label("Size 1")).to_be_checked()  # the last size, preselected
    check_a11y(p, "guided session: preparation")
    p.get_by_label("Size 2").check()
    p.get_by_role("button", name="Start the hold timer").click()
    expect_heading(p, "Hold")
    p.clock.fast_forward("06:00")
    expect(p.get_by_role("status").filter(has_text=re.compile(r"You're in your 5.15 minute window"))).to_be_visible()
    expect(p.get_by_role("button", name="Stop now")).to_be_visible()
    check_a11y(p, "guided session: hold")
    p.screenshot(path=str(ARTIFACTS / "practice-guided-hold.png"), full_page=True)
    p.get_by_role("button", name="I'm done").click()
    expect_heading(p, "How did it go?")
    minutes = int(p.get_by_label("Minutes held").input_value())
    assert 5 <= minutes <= 240, minutes
    expect(p.get_by_label("Size 2")).to_be_checked()
    # Pain and anxiety start not rated, never carried over.
    expect(p.locator("#field-pain-none")).to_be_checked()
    expect(p.locator("#field-anxiety-none")).to_be_checked()
    p.get_by_label("Pain 1", exact=True).check()  # anxiety left not rated
    check_a11y(p, "guided session: log")
    p.get_by_role("button", name="Save to my journal").click()
    expect_heading(p, "Afterwards")
    expect(p.get_by_text("mild soap and warm water")).to_be_visible()
    check_a11y(p, "guided session: cleaning reminder")

    # The quickest log: from home, two taps. The last size and values are already filled in.
    p.goto("/space")
    p.get_by_role("region", name="Log practice").get_by_role("link", name="Dilator").click()
    expect(p.get_by_label("Size 2")).to_be_checked()
    expect(p.get_by_label("Minutes held")).to_have_value(str(minutes))
    expect(p.locator("#field-pain-none")).to_be_checked()  # symptoms are asked fresh each time
    p.get_by_label("Pain 1", exact=True).check()
    p.get_by_role("button", name="Save", exact=True).click()
    # The same measures as the guided session a moment ago: the server asks before saving a second copy.
    twin = p.get_by_role("alertdialog")
    expect(twin).to_contain_text("very similar entry")
    check_a11y(p, "near-identical entry question")
    twin.get_by_role("button", name="Save a second copy").click()
    expect(p.locator(".journal__item")).to_have_count(3)
    expect(p.locator(".journal__item").first).to_contain_text("anxiety not rated")

    # Progress: charts and highlights.
    p.get_by_role("link", name="Progress", exact=True).click()
    expect_heading(p, "Your progress")
    expect(p.get_by_role("img", name=re.compile("Pain and anxiety in dilator sessions"))).to_be_visible()
    expect(p.get_by_role("img", name=re.compile("Sizes practised"))).to_be_visible()
    expect(p.get_by_role("img", name=re.compile("Practice days per week"))).to_be_visible()
    expect(p.locator(".chart__dot--pain")).to_have_count(3)
    expect(p.locator(".highlights")).to_contain_text("You practised with sizes 1 and 2.")
    check_a11y(p, "progress")
    assert fits_the_screen(p), "the progress page scrolls sideways at 360px"
    ARTIFACTS.mkdir(exist_ok=True)
    p.locator(".charts").screenshot(path=str(ARTIFACTS / "practice-charts.png"))
    p.screenshot(path=str(ARTIFACTS / "practice-progress.png"), full_page=True)

    # The clinician report: print-friendly, the patient's alone.
    p.goto("/practice/report")
    expect_heading(p, "Practice report")
    expect(p.locator(".report__sessions")).to_contain_text(MARKER)
    check_a11y(p, "clinician report")
    assert fits_the_screen(p), "the report scrolls sideways at 360px"
    p.emulate_media(media="print")
    p.set_viewport_size({"width": 794, "height": 1123})  # an A4 page at 96 dpi
    expect(p.locator(".site-header")).to_be_hidden()
    expect(p.get_by_role("button", name="Print or save as PDF")).to_be_hidden()
    p.screenshot(path=str(ARTIFACTS / "practice-report-print.png"), full_page=True)
    p.pdf(path=str(ARTIFACTS / "practice-report.pdf"))
    p.emulate_media(media="screen")
    p.set_viewport_size(PHONE)

    # Compose a summary: untick one line, add a message, preview, publish.
    p.goto("/practice/summaries")
    expect_heading(p, "Progress summaries")
    check_a11y(p, "summaries")
    p.get_by_role("button", name="Draft a summary").click()
    expect_heading(p, "Your summary")
    check_a11y(p, "compose summary")
    assert fits_the_screen(p), "composing a summary scrolls sideways at 360px"
    lines = p.locator(".summary-lines .checkbox__label")
    expect(lines.filter(has_text=MARKER)).to_have_count(1)
    texts = [t.strip() for t in lines.all_inner_texts()]
    kept_private = next(t for t in texts if MARKER in t)  # the reached goal
    # Nothing is shared unless ticked: every line starts unticked; tick all but the goal.
    for text in texts:
        expect(p.get_by_label(text)).not_to_be_checked()
    shared_lines = [t for t in texts if t != kept_private]
    for text in shared_lines:
        p.get_by_label(text).check()
    message = "Thank you for being so patient with me."
    p.get_by_label("A personal message (optional)").fill(message)
    p.get_by_role("button", name="Preview").click()
    expect_heading(p, "Preview")
    expect(p.get_by_text("This is exactly what Sam will see.")).to_be_visible()
    expect(p.locator(".shared-summary__lines li")).to_have_count(len(shared_lines))
    preview_lines = [t.strip() for t in p.locator(".shared-summary__lines li").all_inner_texts()]
    assert preview_lines == shared_lines
    check_a11y(p, "summary preview")
    p.screenshot(path=str(ARTIFACTS / "practice-summary-preview.png"), full_page=True)
    p.get_by_role("button", name="Publish").click()
    expect(p.get_by_role("status").filter(has_text="Shared with Sam.")).to_be_visible()

    # The partner sees exactly the ticked lines and the message, and reacts.
    q.get_by_role("link", name="Summaries", exact=True).click()
    expect_heading(q, "Shared summaries")
    expect(q.locator(".shared-summary__lines li")).to_have_count(len(shared_lines))
    seen = [t.strip() for t in q.locator(".shared-summary__lines li").all_inner_texts()]
    assert seen == shared_lines
    expect(q.locator(".shared-summary__message")).to_have_text(message)
    assert MARKER not in q.content()
    check_a11y(q, "shared summaries (partner)")
    q.get_by_role("button", name="Proud of you").click()
    expect(q.get_by_role("button", name="Proud of you")).to_have_attribute("aria-pressed", "true")
    check_a11y(q, "shared summaries after reacting")
    q.screenshot(path=str(ARTIFACTS / "practice-partner-summaries.png"), full_page=True)

    # The patient sees the reaction, then withdraws the summary.
    p.reload()
    expect(p.get_by_role("heading", name="Sam's reaction")).to_be_visible()
    expect(p.get_by_text("Proud of you")).to_be_visible()
    p.get_by_role("button", name="Withdraw").click()
    check_a11y(p, "confirm withdrawing")
    p.get_by_role("button", name="Yes, withdraw it").click()
    expect(p.get_by_role("status").filter(has_text="Sam can no longer see it.")).to_be_visible()

    # Gone for the partner.
    q.reload()
    expect_heading(q, "Shared summaries")
    expect(q.get_by_text("Nothing has been shared yet.")).to_be_visible()
    assert message not in q.content()

    # No page of the app shows the partner anything private, journal pages included.
    summary_id = p.url.rsplit("/", 1)[-1]
    for path in (
        "/space",
        "/summaries",
        "/account",
        "/practice",
        "/practice/log",
        "/practice/session",
        "/practice/progress",
        "/practice/goals",
        "/practice/setup",
        "/practice/summaries",
        f"/practice/summaries/{summary_id}",
        "/practice/report",
    ):
        q.goto(path)
        q.wait_for_load_state("networkidle")
        if path.startswith("/practice"):
            expect_heading(q, "Page not found")
        html = q.content()
        assert MARKER not in html, path
        assert message not in html, path
    check_a11y(q, "journal page as the partner")

    for watch in watches:
        watch.assert_clean()
    patient_context.close()
    partner_context.close()


def test_the_hold_timer_keeps_time_while_the_page_sleeps(browser: Browser, live_server: str) -> None:
    """Real session time (no test scale): the browser's clock jumps seven minutes at once, as when a
    phone screen sleeps and timers stop firing, and the timer shows the right time on waking."""
    patient = Person(display_name="Robin")
    context = browser.new_context(base_url=live_server, viewport=PHONE)
    watch = Watch(live_server)
    watch.attach(context)
    p = context.new_page()
    p.clock.install()
    p.goto("/signup")
    sign_up(p, patient)
    p.get_by_label("Name of your space").fill("Just me")
    p.get_by_label("I'm the one doing the treatment").check()
    p.get_by_role("button", name="Create space").click()
    expect_heading(p, "Just me")
    p.goto("/practice/setup")
    p.get_by_label("Size 1 (from smallest)").fill("S")
    p.get_by_role("button", name="Save your set").click()
    expect(p.get_by_text("Your set is saved.")).to_be_visible()

    p.goto("/practice/session")
    p.get_by_role("button", name="I feel settled, continue").click()
    p.get_by_role("button", name="Start the hold timer").click()
    expect(p.locator(".hold__elapsed")).to_have_text("Less than a minute")
    expect(p.get_by_role("status").filter(has_text="Take your time.")).to_be_visible()
    p.clock.fast_forward("07:00")
    p.evaluate("() => document.dispatchEvent(new Event('visibilitychange'))")
    expect(p.locator(".hold__elapsed")).to_have_text("7 minutes")
    expect(p.get_by_role("status").filter(has_text=re.compile(r"You're in your 5.15 minute window"))).to_be_visible()
    # The hold survives a reload (a phone may drop a sleeping tab), then "stop now" goes to the log.
    p.reload()
    expect(p.locator(".hold__elapsed")).to_have_text("7 minutes")
    p.get_by_role("button", name="Stop now").click()
    expect_heading(p, "How did it go?")
    expect(p.get_by_text("Stopping is always okay.")).to_be_visible()
    assert p.get_by_label("Minutes held").input_value() == "7"
    watch.assert_clean()
    context.close()
