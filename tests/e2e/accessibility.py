"""WCAG 2.1 A/AA checks with axe-core on every state a browser journey acts on.

A journey never calls this itself. `check_before_actions` makes every Playwright action that can
change what a page shows (a click, a fill, `goto`, `reload`, …) first check the page as it is —
the state the person is looking at and about to act on, including what htmx swapped in — and the
fixtures check each page's last state before they close it. No journey can forget a page.

axe is loaded with `page.evaluate`, never a `<script>` tag, so the site's Content Security Policy
stays as real visitors get it. Each state is checked once per session: findings are cached under
a fingerprint of the markup (CSRF tokens left out, since they differ on every render and change
nothing a person perceives), so filling a form field by field, or the login page that every
journey passes, costs one axe run.
"""

import functools
import hashlib
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Error, Locator, Page

AXE_PATH = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
WCAG_21_A_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# Actions that can change what a page shows; the state before each one is checked.
LOCATOR_ACTIONS = (
    "check",
    "clear",
    "click",
    "dblclick",
    "drag_to",
    "fill",
    "press",
    "press_sequentially",
    "select_option",
    "set_checked",
    "set_input_files",
    "tap",
    "type",
    "uncheck",
)
PAGE_ACTIONS = ("go_back", "go_forward", "goto", "reload")

# The markup a person perceives, without the tokens that differ on every render.
FINGERPRINT_JS = """() => document.documentElement.outerHTML
    .replace(/(name="csrfmiddlewaretoken" value=")[^"]*/g, "$1")
    .replace(/(X-CSRFToken&quot;: &quot;)[^&]*/g, "$1")"""

# Runs once the document has loaded: axe measures colours and sizes, so a half-loaded page
# (stylesheets pending) would give answers nobody sees.
RUN_AXE_JS = """async (tags) => {
    if (document.readyState !== "complete") {
        await new Promise((done) => {
            window.addEventListener("load", done, { once: true });
            setTimeout(done, 5000);
        });
    }
    const results = await axe.run(document, {
        runOnly: { type: "tag", values: tags },
        resultTypes: ["violations"],
    });
    return results.violations.map((v) => ({
        rule: v.id,
        impact: v.impact,
        help: v.help,
        help_url: v.helpUrl,
        nodes: v.nodes.map((n) => ({ target: n.target.join(" "), html: n.html })),
    }));
}"""


@dataclass(frozen=True)
class Violation:
    url: str
    rule: str
    impact: str | None
    help: str
    help_url: str
    nodes: tuple[tuple[str, str], ...]  # (selector, HTML) of each offending element

    def describe(self) -> str:
        elements = "\n".join(f"      {target}  {html[:200]}" for target, html in self.nodes)
        return (
            f"  [{self.rule}] ({self.impact}) {self.help}\n"
            f"    on {self.url}  — {self.help_url}\n{elements}"
        )


def check_accessibility(page: Page) -> list[Violation]:
    """Run axe on the page as it is now and return its WCAG 2.1 A/AA violations."""
    if page.evaluate("() => typeof window.axe") == "undefined":
        page.evaluate(AXE_PATH.read_text())
    return [
        Violation(
            url=page.url,
            rule=found["rule"],
            impact=found["impact"],
            help=found["help"],
            help_url=found["help_url"],
            nodes=tuple((node["target"], node["html"]) for node in found["nodes"]),
        )
        for found in page.evaluate(RUN_AXE_JS, WCAG_21_A_AA)
    ]


class AccessibilityAudit:
    """Checks every page of the contexts it watches; collects what fails."""

    def __init__(self, checked: dict[str, list[Violation]]):
        # Shared across the session: fingerprint of a state's markup -> its violations.
        self.checked = checked
        self.contexts: list[BrowserContext] = []
        self.violations: list[Violation] = []

    def watch(self, context: BrowserContext) -> None:
        self.contexts.append(context)

    def check(self, page: Page) -> None:
        if page.is_closed() or page.context not in self.contexts or page.url == "about:blank":
            return
        try:
            # A click that navigates returns once the new document exists, not once it has
            # loaded; axe measures colours and sizes, so it waits for the stylesheets.
            page.wait_for_load_state("load")
            fingerprint = hashlib.sha256(page.evaluate(FINGERPRINT_JS).encode()).hexdigest()
            if fingerprint not in self.checked:
                self.checked[fingerprint] = check_accessibility(page)
        except Error as error:
            # The document was replaced while being read (a navigation still under way): the
            # new one is checked before the next action or when the test ends.
            if "context was destroyed" in str(error):
                return
            raise
        for violation in self.checked[fingerprint]:
            if violation not in self.violations:
                self.violations.append(violation)

    def check_all(self, context: BrowserContext) -> None:
        for page in context.pages:
            self.check(page)

    def report(self) -> str:
        rules = sorted({violation.rule for violation in self.violations})
        return f"WCAG 2.1 A/AA violations ({', '.join(rules)}):\n" + "\n".join(
            violation.describe() for violation in self.violations
        )


def check_before_actions(monkeypatch: pytest.MonkeyPatch, audit: AccessibilityAudit) -> None:
    """Make every state-changing Playwright action first check its page, for this test only."""

    def checked_first(action, page_of):
        @functools.wraps(action)
        def wrapper(self, *args, **kwargs):
            audit.check(page_of(self))
            return action(self, *args, **kwargs)

        return wrapper

    for name in LOCATOR_ACTIONS:
        action = getattr(Locator, name)
        monkeypatch.setattr(Locator, name, checked_first(action, lambda locator: locator.page))
    for name in PAGE_ACTIONS:
        action = getattr(Page, name)
        monkeypatch.setattr(Page, name, checked_first(action, lambda page: page))
