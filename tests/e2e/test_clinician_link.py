"""A clinician link at 360x740: the patient makes it, a browser without an account opens it and sees
only the chosen sections, the patient sees the opening, revokes it, and the link answers 404.
Discreet mode: a neutral tab title, the home's boundaries as counts, a neutral export file name."""

from __future__ import annotations

import re
import uuid
from datetime import date

from playwright.sync_api import Browser, BrowserContext, Page, expect

from .helpers import PHONE, Person, Watch, check_a11y, expect_heading, sign_up

API_WRITE = """async ([path, body]) => {
  await fetch('/api/v1/me');
  const token = document.cookie.split('; ').find((c) => c.startsWith('csrftoken=')).split('=')[1];
  const response = await fetch(path, {
    method: body.method || 'POST',
    headers: {'content-type': 'application/json', 'x-csrftoken': token},
    body: JSON.stringify(body.json),
  });
  return [response.status, await response.text()];
}"""


def _patient(browser: Browser, live_server: str) -> tuple[BrowserContext, Page, str, Watch]:
    person = Person(display_name=f"Robin{uuid.uuid4().hex[:5]}")
    context = browser.new_context(base_url=live_server, viewport=PHONE)
    watch = Watch(live_server)
    watch.attach(context)
    page = context.new_page()
    page.goto("/signup")
    sign_up(page, person)
    expect_heading(page, "Create your shared space")
    page.get_by_label("Name of your space").fill(f"Space {uuid.uuid4().hex[:6]}")
    page.get_by_label("I'm the one doing the treatment").check()
    page.get_by_role("button", name="Create space").click()
    expect(page).to_have_url(re.compile("/space$"))
    space_id = page.evaluate("async () => (await (await fetch('/api/v1/me')).json()).membership.space_id")
    return context, page, space_id, watch


def _write(page: Page, path: str, json: object, method: str = "POST") -> str:
    status, text = page.evaluate(API_WRITE, [path, {"json": json, "method": method}])
    assert status in (200, 201), text
    return str(text)


def _journal(page: Page, space_id: str, note: str, goal: str) -> None:
    practice = f"/api/v1/spaces/{space_id}/practice"
    sizes = _write(page, practice + "/dilator-set", {"sizes": [{"label": "S1"}]}, method="PUT")
    size_id = re.search(r'"id":"([^"]+)"', sizes).group(1)  # type: ignore[union-attr]
    entry = {
        "kind": "dilator",
        "practised_at": f"{date.today().isoformat()}T00:30:00Z",
        "minutes": 10,
        "depth": "fully",
    }
    _write(page, practice + "/entries", {**entry, "size_id": size_id, "note": note})
    _write(page, practice + "/goals", {"title": goal})


def test_a_clinician_link_opens_without_an_account_logs_the_opening_and_dies_when_revoked(
    browser: Browser, live_server: str
) -> None:
    context, page, space_id, watch = _patient(browser, live_server)
    note, goal = f"note-{uuid.uuid4().hex[:8]}", f"goal-{uuid.uuid4().hex[:8]}"
    _journal(page, space_id, note, goal)

    page.goto("/practice/clinician-links")
    expect_heading(page, "Share your report with a clinician")
    # Nothing is chosen for the patient: an untouched form shares nothing.
    page.get_by_role("button", name="Create link").click()
    expect(page.get_by_text("Choose at least one part of the report to share.").first).to_be_visible()
    page.get_by_label("Table of sessions").check()
    page.get_by_label("Stops working after").select_option(label="7 days")
    page.get_by_role("button", name="Create link").click()
    address = page.get_by_test_id("new-link").inner_text().strip()
    assert re.match(rf"^{re.escape(live_server)}/clinician-report#[A-Za-z0-9_-]{{43}}$", address)
    expect(page.get_by_text("Not opened yet.")).to_be_visible()
    check_a11y(page, "clinician links")

    clinician_context = browser.new_context(viewport=PHONE)
    clinician_watch = Watch(live_server)
    clinician_watch.attach(clinician_context)
    clinician = clinician_context.new_page()
    response = clinician.goto(address)
    assert response is not None
    assert response.headers["x-robots-tag"] == "noindex, nofollow"
    assert response.headers["cache-control"] == "no-store"
    assert response.headers["referrer-policy"] == "no-referrer"
    expect_heading(clinician, "Practice report")
    expect(clinician.get_by_role("heading", name="Sessions")).to_be_visible()
    expect(clinician.get_by_text(note)).to_be_visible()
    expect(clinician.get_by_role("heading", name="Goals")).to_have_count(0)
    expect(clinician.get_by_role("heading", name="Charts")).to_have_count(0)
    assert goal not in clinician.content()
    # No way into Tandem from here (index.html's quick-exit link leads out, to a neutral page).
    expect(clinician.get_by_role("navigation")).to_have_count(0)
    expect(clinician.get_by_role("link").filter(has_not_text="Exit")).to_have_count(0)
    check_a11y(clinician, "clinician report")

    page.reload()
    link = page.get_by_test_id("clinician-link")
    expect(link).to_contain_text("Opened once")
    expect(link.get_by_test_id("openings").get_by_role("listitem")).to_have_count(1)
    link.get_by_role("button", name=re.compile("Revoke link")).click()
    expect(page.get_by_text("No links yet.")).to_be_visible()

    clinician.reload()
    expect_heading(clinician, "This link doesn't work")
    expect(clinician.get_by_text(note)).to_have_count(0)
    token = address.split("#", 1)[1]
    assert clinician_context.request.get(f"{live_server}/api/v1/clinician-report/{token}").status == 404
    check_a11y(clinician, "clinician report gone")
    watch.assert_clean()
    clinician_watch.assert_clean()
    clinician_context.close()
    context.close()


def test_discreet_mode_titles_counts_and_file_names(browser: Browser, live_server: str) -> None:
    context, page, _, watch = _patient(browser, live_server)
    page.goto("/space/boundaries")
    expect_heading(page, "Boundaries for now")
    page.get_by_role("group", name="Kissing", exact=True).get_by_label("Ask me first").check()
    page.get_by_role("button", name="Save my boundaries").click()
    expect(page.get_by_role("status").filter(has_text="boundaries")).to_be_visible()

    # Even without discreet mode, the home shows counts, never the activity, until tapped.
    page.goto("/space")
    counts = page.get_by_test_id("boundary-counts")
    expect(counts).to_contain_text("0 welcome · 1 ask first · 0 not now")
    expect(page.get_by_text("Kissing")).to_have_count(0)
    page.get_by_role("button", name="Show the details").click()
    expect(page.get_by_text("Kissing")).to_be_visible()

    page.goto("/account/safety")
    expect_heading(page, "Safety and discretion")
    page.get_by_label("Tab name and icon").select_option(label='"Notes" with a plain icon')
    page.goto("/space")
    expect(page).to_have_title("Notes")
    expect(counts).to_contain_text("1 ask first")
    expect(page.get_by_text("Kissing")).to_have_count(0)
    check_a11y(page, "space home in discreet mode")

    page.goto("/account")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download my data").click()
    assert re.fullmatch(r"notes-\d{4}-\d{2}-\d{2}\.json", download.value.suggested_filename)
    watch.assert_clean()
    context.close()
