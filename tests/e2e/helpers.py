"""Small helpers for the browser tests: accessibility checks, and the app's forms."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import urlsplit

from axe_playwright_python.sync_playwright import Axe, AxeResults
from playwright.sync_api import BrowserContext, ConsoleMessage, Page, Request, expect

BLOCKING_IMPACTS = {"serious", "critical"}
CONSENT = "I agree that Tandem stores what I write, including health information, only to provide this service"

# axe-core's source (about 570 kB), sent to a document once: the app navigates without reloading, so a
# page checked several times keeps it (each run otherwise sent and parsed it again, about 50 ms).
_AXE_SOURCE = Axe().axe_script
# axe leaves WCAG 2.2's target size (2.5.8, at least 24x24 CSS px) off by default; Tandem holds to it.
AXE_OPTIONS = {"resultTypes": ["violations"], "rules": {"target-size": {"enabled": True}}}
# The rules whose answer a colour can change: contrast, and links told apart from text by colour alone.
AXE_COLOUR_OPTIONS = {
    "resultTypes": ["violations"],
    "runOnly": {"type": "rule", "values": ["color-contrast", "link-in-text-block"]},
}


def check_a11y(page: Page, where: str) -> None:
    """Run axe on the page as it is now, in the light and the dark theme (the app follows the system
    setting unless the member chose one on this device); fail on any serious or critical violation."""
    was_dark = page.evaluate("() => matchMedia('(prefers-color-scheme: dark)').matches")
    _check_a11y_once(page, f"{where} (light)", "light", only_colours_changed=False)
    # The dark theme changes colours and nothing else (ui/styles.css sets colour variables only), so on
    # the same markup every other rule answers as it did in light: the dark pass runs the rules a colour
    # can change (about half of a full run's time), and all of them when the markup changed in between.
    _check_a11y_once(page, f"{where} (dark)", "dark", only_colours_changed=True)
    page.emulate_media(color_scheme="dark" if was_dark else "light")


# Whether the app has applied the theme the emulated scheme asks for (src/ui/theme.ts: the device's own
# choice, or the guided session's low light, wins over the system's setting). The app applies it from a
# `matchMedia` listener, which may run a few frames after the emulation changes.
_THEME_APPLIED = """(scheme) => {
  const root = document.documentElement;
  if (root.dataset.theme === undefined) return true;
  let choice = null;
  try { choice = localStorage.getItem("theme"); } catch {}
  const dark = root.dataset.lowLight !== undefined || choice === "dark" || (choice !== "light" && scheme === "dark");
  return root.dataset.theme === (dark ? "dark" : "light");
}"""


# One axe run; with `colour` given, that set of rules alone when the body's markup is the one the last run saw.
_RUN_AXE = """({ full, colour }) => {
  const markup = document.body.outerHTML;
  const unchanged = markup === window.__a11yCheckedMarkup;
  window.__a11yCheckedMarkup = markup;
  return axe.run(document, colour && unchanged ? colour : full);
}"""


def _check_a11y_once(page: Page, where: str, scheme: Literal["light", "dark"], *, only_colours_changed: bool) -> None:
    page.emulate_media(color_scheme=scheme)
    page.wait_for_function(_THEME_APPLIED, arg=scheme)
    # The attribute changed: two frames for the style to follow and its transitions to start.
    page.evaluate("() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")
    # Colours change with a short CSS transition: measure contrast once every running transition has ended.
    page.evaluate("() => Promise.all(document.getAnimations().map((a) => a.finished.catch(() => null)))")
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(_AXE_SOURCE)
    colour = AXE_COLOUR_OPTIONS if only_colours_changed else None
    results = AxeResults(page.evaluate(_RUN_AXE, {"full": AXE_OPTIONS, "colour": colour}))
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
        # Warnings count as much as errors (React Router's missing HydrateFallback, React's key warnings).
        if message.type not in {"error", "warning"}:
            return
        if _is_unexpected_console_error(message.text, message.location.get("url", "")):
            self.problems.append(f"console {message.type}: {message.text}")

    def assert_clean(self) -> None:
        assert not self.foreign_requests, f"requests to other hosts: {self.foreign_requests}"
        assert not self.problems, "\n".join(self.problems)


def _is_unexpected_console_error(text: str, url: str) -> bool:
    # The browser logs every failed response (403 for a wrong password, 404 for a dead invitation,
    # 409 for a near-identical entry) as a console error; those are answers the story asked for.
    # A 401 of GET /me is not: signed out, the app asks /auth/session, which answers 200.
    # Anything else, a CSP violation above all, is unexpected.
    if urlsplit(url).path == "/api/v1/me" and "status of 401" in text:
        return True
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


# A phone's screen, as the stories use it.
PHONE = {"width": 360, "height": 740}


def fits_the_screen(page: Page) -> bool:
    return not page.evaluate(
        "() => document.documentElement.scrollWidth > document.documentElement.clientWidth"
        " || document.body.scrollWidth > document.documentElement.clientWidth"
    )


def create_couple(
    p: Page,
    q: Page,
    live_server: str,
    patient: Person | None = None,
    partner: Person | None = None,
    space: str | None = None,
) -> None:
    """The patient (in `p`) signs up and creates a space; the partner (in `q`) joins by the invitation link."""
    space = space or f"Us {uuid.uuid4().hex[:6]}"
    p.goto("/signup")
    sign_up(p, patient or Person(display_name="Robin"))
    expect_heading(p, "Create your shared space")
    p.get_by_label("Name of your space").fill(space)
    p.get_by_label("I'm the one doing the treatment").check()
    p.get_by_role("button", name="Create space").click()
    expect(p).to_have_url(f"{live_server}/space")
    expect_heading(p, space)
    p.get_by_role("button", name="Create invitation link").click()
    link = p.get_by_label("Invitation link").input_value()
    q.goto(link)
    q.get_by_role("link", name="Sign up").click()
    sign_up(q, partner or Person(display_name="Sam"))
    q.get_by_role("button", name="Join space").click()
    expect(q).to_have_url(f"{live_server}/space")
    expect_heading(q, space)
