"""Step-up in Debian's Chromium at 360x740: a member who signed in more than five minutes ago asks for a
copy of their data; the "Confirm it's you" dialog opens (axe finds nothing serious in it), a wrong
password is refused with a clear message and the dialog stays, and the right one downloads the export.

The sign-in is made old the way the API tests do it (tests/api/factors_support.py `age_sessions`): the
session's `created_at` is moved six minutes back in the live server's database, so the story never
waits and the app has no test-only switch."""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from .helpers import PHONE, Person, Watch, check_a11y, expect_heading, sign_up


def _age_sign_in(database: Path, user_id: str, minutes: int = 6) -> int:
    """Move every session of the person (and any step-up) `minutes` back; returns the sessions moved."""
    with sqlite3.connect(database, timeout=30) as db:
        rows = db.execute("SELECT id, created_at FROM auth_sessions WHERE user_id = ?", (uuid.UUID(user_id).hex,))
        moved = 0
        for session_id, created_at in rows.fetchall():
            # Written back in the format the app stored (SQLAlchemy's SQLite DATETIME text).
            then = datetime.fromisoformat(created_at) - timedelta(minutes=minutes)
            db.execute(
                "UPDATE auth_sessions SET created_at = ?, stepped_up_at = NULL WHERE id = ?",
                (then.strftime("%Y-%m-%d %H:%M:%S.%f"), session_id),
            )
            moved += 1
    return moved


@pytest.fixture
def member(browser: Browser, live_server: str) -> Iterator[tuple[BrowserContext, Page, Person, Watch]]:
    person = Person(display_name=f"Robin{uuid.uuid4().hex[:5]}")
    context = browser.new_context(base_url=live_server, viewport=PHONE, accept_downloads=True)
    watch = Watch(live_server)
    watch.attach(context)
    page = context.new_page()
    page.goto("/signup")
    sign_up(page, person)
    expect_heading(page, "Create your shared space")
    yield context, page, person, watch
    context.close()


def test_an_old_sign_in_confirms_the_password_before_the_export(
    member: tuple[BrowserContext, Page, Person, Watch], live_database: Path
) -> None:
    _, page, person, watch = member
    me = page.request.get("/api/v1/me")
    assert me.ok, me.text()
    assert _age_sign_in(live_database, me.json()["id"]) == 1

    page.goto("/account")
    expect(page.get_by_role("heading", name="Your data")).to_be_visible()
    page.get_by_role("button", name="Download my data").click()

    dialog = page.get_by_role("dialog", name="Confirm it's you")
    expect(dialog).to_be_visible()
    password = dialog.get_by_label("Your password")
    expect(password).to_be_focused()
    check_a11y(page, "the step-up dialog at phone size")

    password.fill(person.password + "-wrong")
    dialog.get_by_role("button", name="Confirm").click()
    alert = dialog.get_by_role("alert")
    expect(alert).to_contain_text("This didn't work")
    expect(alert).to_contain_text("That password isn't right.")
    expect(dialog).to_be_visible()
    check_a11y(page, "the step-up dialog with its error")

    password.fill(person.password)
    with page.expect_download() as download_info:
        dialog.get_by_role("button", name="Confirm").click()
    expect(dialog).to_be_hidden()
    saved = download_info.value.path()
    exported = json.loads(Path(saved).read_text())
    # The export holds the member's own words, opened again from their sealed columns.
    assert person.display_name in json.dumps(exported)
    assert "tdm1." not in json.dumps(exported)

    # Confirmed just now: a second export within five minutes asks nothing.
    with page.expect_download():
        page.get_by_role("button", name="Download my data").click()
    expect(dialog).to_be_hidden()
    watch.assert_clean()
