"""Small helpers for the browser tests: accessibility checks, and the app's forms."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import BrowserContext, ConsoleMessage, Page, Request, expect

BLOCKING_IMPACTS = {"serious", "critical"}
CONSENT = "I agree that Tandem stores what I write, including health information, only to provide this service"

_axe = Axe()


def check_a11y(page: Page, where: str) -> None:
    """Run axe on the page as it is now; fail on any serious or critical violation."""
    results = _axe.run(page)
    violations = results.response.get("violations", [])
    blocking = [v for v in violations if v.get("impact") in BLOCKING_IMPACTS]
    for violation in violations:
        targets = [", ".join(node.get("target", [])) for node in violation.get("nodes", [])]
        print(f"[axe] {where}: {violation.get('impact')} {violation['id']}: {violation.get('help')} -> {targets}")
    assert not blocking, f"axe found {len(blocking)} serious/critical violation(s) on {where}: " + "; ".join(
        f"{v['id']} ({v.get('impact')})" for v in blocking
    )


@dataclass
class Person:
    display_name: str
    email: str = field(default_factory=lambda: f"e2e-{uuid.uuid4().hex}@example.com")
    password: str = field(default_factory=lambda: f"tandem-e2e-{uuid.uuid4().hex[:16]}")


@dataclass
class Watch:
    """What a browser context did that it must not: requests to other hosts, CSP violations, page errors."""

    origin: str
    foreign_requests: list[str] = field(default_factory=list)
    request_urls: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def attach(self, context: BrowserContext) -> None:
        context.on("request", self._on_request)
        context.on("page", self._on_page)
        for page in context.pages:
            self._on_page(page)

    def _on_request(self, request: Request) -> None:
        url = request.url
        self.request_urls.append(url)
        scheme = urlsplit(url).scheme
        if scheme in {"http", "https", "ws", "wss"} and not url.startswith(self.origin + "/"):
            self.foreign_requests.append(url)

    def _on_page(self, page: Page) -> None:
        page.on("pageerror", lambda error: self.problems.append(f"page error: {error}"))
        page.on("console", self._on_console)

    def _on_console(self, message: ConsoleMessage) -> None:
        if message.type == "error" and _is_unexpected_console_error(message.text):
            self.problems.append(f"console error: {message.text}")

    def assert_clean(self) -> None:
        assert not self.foreign_requests, f"requests to other hosts: {self.foreign_requests}"
        assert not self.problems, "\n".join(self.problems)


def _is_unexpected_console_error(text: str) -> bool:
    # The browser logs every failed response (401 before login, 403 for a wrong password,
    # 404 for a dead invitation) as a console error; those are expected answers. Anything
    # else, a CSP violation above all, is not.
    return not re.search(r"Failed to load resource: the server responded with a status of 4\d\d", text)


def expect_heading(page: Page, name: str | re.Pattern[str]) -> None:
    expect(page.get_by_role("heading", level=1, name=name)).to_be_visible()


def sign_up(page: Page, person: Person) -> None:
    expect_heading(page, "Create your account")
    page.get_by_label("Email address").fill(person.email)
    page.get_by_label("Your name").fill(person.display_name)
    page.get_by_label("Password", exact=True).fill(person.password)
    page.get_by_label(CONSENT).check()
    page.get_by_role("button", name="Create account").click()


def log_in(page: Page, person: Person, *, remember: bool = False) -> None:
    expect_heading(page, "Log in")
    page.get_by_label("Email address").fill(person.email)
    page.get_by_label("Password", exact=True).fill(person.password)
    if remember:
        page.get_by_label("Keep me signed in on this device").check()
    page.get_by_role("button", name="Log in").click()
