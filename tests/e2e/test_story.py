"""The couple's story in two browsers: sign up, create a space, invite, join, account, leave, delete."""

from __future__ import annotations

import json
import re
import uuid
from pathlib import Path

from playwright.sync_api import Browser, expect

from .conftest import ARTIFACTS
from .helpers import Person, Watch, check_a11y, expect_heading, log_in, sign_up

INVALID_INVITATION = (
    "This invitation can't be used. It may have expired, been used or been revoked. Ask for a new link."
)


def test_couple_story(browser: Browser, live_server: str) -> None:
    patient = Person(display_name="Robin")
    partner = Person(display_name="Sam")
    space_name = f"Robin & Sam {uuid.uuid4().hex[:6]}"

    patient_context = browser.new_context(base_url=live_server)
    partner_context = browser.new_context(base_url=live_server)
    watches = [Watch(live_server), Watch(live_server)]
    watches[0].attach(patient_context)
    watches[1].attach(partner_context)
    p = patient_context.new_page()
    q = partner_context.new_page()

    # The patient arrives logged out and is sent to log in.
    p.goto("/")
    expect(p).to_have_url(f"{live_server}/login")
    expect_heading(p, "Log in")
    expect(p).to_have_title("Log in · Tandem")
    check_a11y(p, "log in")

    p.get_by_role("link", name="Create an account").click()
    expect(p).to_have_url(f"{live_server}/signup")
    expect(p).to_have_title("Create your account · Tandem")
    check_a11y(p, "sign up")

    # Validation errors are announced and accessible.
    p.get_by_role("button", name="Create account").click()
    expect(p.get_by_role("alert").filter(has_text="There is a problem")).to_be_visible()
    check_a11y(p, "sign up with errors")

    sign_up(p, patient)
    expect(p).to_have_url(f"{live_server}/space/new")
    expect_heading(p, "Create your shared space")
    check_a11y(p, "create space")

    p.get_by_label("Name of your space").fill(space_name)
    p.get_by_label("I'm the one doing the treatment").check()
    p.get_by_role("button", name="Create space").click()
    expect(p).to_have_url(f"{live_server}/space")
    expect_heading(p, space_name)
    members = p.locator(".members")
    expect(members).to_contain_text("Robin")
    expect(members).to_contain_text("doing the treatment")
    expect(p.get_by_text("Tandem doesn't give medical advice.")).to_be_visible()
    check_a11y(p, "space home (alone)")

    # The patient creates an invitation and reads the link.
    p.get_by_role("button", name="Create invitation link").click()
    link_input = p.get_by_label("Invitation link")
    expect(link_input).to_be_visible()
    link = link_input.input_value()
    assert re.fullmatch(re.escape(live_server) + r"/join#[^#?\s]+", link), link
    token = link.split("#", 1)[1]
    expect(p.get_by_text(re.compile(r"This link expires on"))).to_be_visible()
    expect(p.get_by_role("button", name=re.compile("^Revoke"))).to_have_count(1)
    check_a11y(p, "space home (invitation created)")

    # The partner opens the link, signs up, and comes back to join.
    q.goto(link)
    expect_heading(q, "You've been invited to Tandem")
    expect(q).to_have_url(f"{live_server}/join")  # the token left the address bar
    expect(q).to_have_title("Join a shared space · Tandem")
    check_a11y(q, "join (logged out)")
    q.get_by_role("link", name="Sign up").click()
    sign_up(q, partner)
    expect(q).to_have_url(f"{live_server}/join")
    expect_heading(q, "Join your partner's space")
    check_a11y(q, "join (logged in)")
    q.get_by_role("button", name="Join space").click()
    expect(q).to_have_url(f"{live_server}/space")
    expect_heading(q, space_name)
    expect(q).to_have_title("Our space · Tandem")
    # The token travelled in the fragment and the request body only, never in a URL the server saw.
    assert not [url for watch in watches for url in watch.request_urls if token in url]

    # Both see both names and roles.
    for page, who in ((q, "partner"), (p, "patient")):
        page.reload()
        expect_heading(page, space_name)
        items = page.locator(".members__item")
        expect(items).to_have_count(2)
        expect(items.filter(has_text="Robin")).to_contain_text("doing the treatment")
        expect(items.filter(has_text="Sam")).to_contain_text("partner")
        expect(page.get_by_role("button", name="Create invitation link")).to_have_count(0)
        check_a11y(page, f"space home ({who}, together)")
    ARTIFACTS.mkdir(exist_ok=True)
    p.screenshot(path=str(ARTIFACTS / "space-home.png"), full_page=True)

    # The patient's account page lists the sessions, this device marked.
    p.get_by_role("link", name="Account").click()
    expect(p).to_have_url(f"{live_server}/account")
    expect_heading(p, "Your account")
    expect(p).to_have_title("Your account · Tandem")
    expect(p.locator(".sessions")).to_contain_text("This device")
    check_a11y(p, "account")

    # "Download my data" saves the export as a JSON file.
    with p.expect_download() as download_info:
        p.get_by_role("button", name="Download my data").click()
    download = download_info.value
    assert download.suggested_filename == "tandem-export.json"
    exported = json.loads(Path(download.path()).read_text())
    assert exported["account"]["email"] == patient.email

    # The patient logs out, fails once with a wrong password, and logs in again.
    p.get_by_role("button", name="Log out").click()
    expect(p).to_have_url(f"{live_server}/login")
    expect(p.get_by_role("status")).to_contain_text("You've logged out.")
    p.goto("/space")
    expect(p).to_have_url(f"{live_server}/login")
    log_in(p, Person(display_name="x", email=patient.email, password="not-the-password"))
    expect(p.get_by_role("alert")).to_contain_text("That email and password don't match.")
    check_a11y(p, "log in with error")
    log_in(p, patient, remember=True)
    expect(p).to_have_url(f"{live_server}/space")
    expect_heading(p, space_name)

    # The partner leaves the space, with a confirmation step.
    q.get_by_role("link", name="Account").click()
    expect_heading(q, "Your account")
    q.get_by_role("button", name="Leave space").click()
    check_a11y(q, "account (confirm leaving)")
    q.get_by_role("button", name="Yes, leave space").click()
    expect(q).to_have_url(f"{live_server}/space/new")

    # The patient's open home learns it live (a content-free "left" signal), without a reload.
    expect_heading(p, space_name)
    expect(p.locator(".members__item")).to_have_count(1)
    expect(p.locator(".members")).to_contain_text("Robin")
    expect(p.locator(".members")).not_to_contain_text("Sam")
    # A calm notice, once: it says the partner is no longer here, never why.
    notice = p.get_by_role("status").filter(has_text="Your partner is no longer in this space.")
    expect(notice).to_be_visible()
    check_a11y(p, "home after the partner left")
    p.reload()
    expect_heading(p, space_name)
    expect(p.get_by_text("Your partner isn't here yet.")).to_be_visible()
    expect(notice).to_have_count(0)

    # The partner deletes the account, and can no longer log in.
    q.get_by_role("link", name="Account").click()
    expect_heading(q, "Your account")
    q.get_by_label("Your password", exact=True).fill(partner.password)
    q.get_by_role("button", name="Delete account").click()
    expect(q.get_by_text("Delete your account and everything you wrote, for good?")).to_be_visible()
    check_a11y(q, "account (confirm deletion)")
    q.get_by_role("button", name="Yes, delete my account").click()
    expect(q).to_have_url(f"{live_server}/login")
    expect(q.get_by_role("status")).to_contain_text("deleted")
    log_in(q, partner)
    expect(q.get_by_role("alert")).to_contain_text("That email and password don't match.")

    for watch in watches:
        watch.assert_clean()
    patient_context.close()
    partner_context.close()


def test_unusable_invitation(browser: Browser, live_server: str) -> None:
    person = Person(display_name="Alex")
    context = browser.new_context(base_url=live_server)
    watch = Watch(live_server)
    watch.attach(context)
    page = context.new_page()
    page.goto("/join#not-a-real-invitation-token")
    expect_heading(page, "You've been invited to Tandem")
    page.get_by_role("link", name="Sign up").click()
    sign_up(page, person)
    expect_heading(page, "Join your partner's space")
    page.get_by_role("button", name="Join space").click()
    expect(page.get_by_role("alert")).to_contain_text(INVALID_INVITATION)
    check_a11y(page, "join (unusable invitation)")
    watch.assert_clean()
    context.close()
