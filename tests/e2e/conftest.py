import os
from pathlib import Path

import django.contrib.staticfiles.handlers
import pytest
from django.test.testcases import _StaticFilesHandler
from playwright.sync_api import expect, sync_playwright

from tests.deadlines import scaled
from tests.e2e.accessibility import AccessibilityAudit, check_before_actions
from tests.e2e.steps import Steps

# Playwright's sync API runs an event loop in this thread; Django's ORM refuses to run in a
# thread with a loop unless told that this is deliberate.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# Serve what `collectstatic` wrote (hashed names, as whitenoise does in production) rather than
# the finders' source files, which do not know the hashed names the manifest storage emits.
# pytest-django's live server picks its static handler from this module attribute.
django.contrib.staticfiles.handlers.StaticFilesHandler = _StaticFilesHandler

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.exit("Chromium is missing for the browser tests: apt-get install -y chromium", 3)

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def checked_states():
    """Findings of every page state axe has seen this session, by markup, so the login page
    that every journey passes through is checked once."""
    return {}


@pytest.fixture
def accessibility(checked_states, monkeypatch):
    """Every page of the journey is checked against WCAG 2.1 A/AA (see accessibility.py);
    a violation fails the test that visited it, naming the rule and the elements."""
    audit = AccessibilityAudit(checked_states)
    check_before_actions(monkeypatch, audit)
    yield audit
    if audit.violations:
        pytest.fail(audit.report(), pytrace=False)


@pytest.fixture
def page(browser, live_server, settings, accessibility):
    # Links in emails rendered outside a request (invitations, notifications) use SITE_URL.
    settings.SITE_URL = live_server.url
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    context.set_default_timeout(scaled(10_000))  # ms, stretched on a busy machine
    expect.set_options(timeout=scaled(5_000))  # expect()'s own default, likewise
    accessibility.watch(context)
    page = context.new_page()
    # A console error (a CSP violation, a missing file) is a failure a person would see.
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    yield page
    accessibility.check_all(context)
    context.close()
    assert not errors, errors


@pytest.fixture
def new_page(browser, live_server, accessibility):
    """Another person's browser: a fresh context (own cookies), closed after the test so the
    live server's threads release their database connections."""
    contexts = []

    def make():
        context = browser.new_context(base_url=live_server.url, locale="en-GB")
        context.set_default_timeout(scaled(10_000))  # ms, stretched on a busy machine
        accessibility.watch(context)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        accessibility.check_all(context)
        context.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    # Keeps each phase's outcome on the test, so a fixture's teardown knows whether it failed.
    report = yield
    setattr(item, f"outcome_{report.when}", report)
    return report


@pytest.fixture
def steps(request, page, new_page):
    """Screenshots of the journey's steps under tests/e2e/artifacts/<test>/ (see steps.py).
    Set up after the browsers, so it is torn down before they close: a failed test gets a
    last picture of every page it had shown."""
    taken = Steps(request.node.name)
    yield taken
    outcome = getattr(request.node, "outcome_call", None)
    if outcome is None or outcome.failed:
        taken.shoot_failure()
