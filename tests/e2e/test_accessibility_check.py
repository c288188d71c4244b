"""The accessibility check itself: it finds a known violation, and it runs without being asked
on a page a journey merely passes through."""

from tests.e2e.accessibility import AccessibilityAudit, check_accessibility, check_before_actions

IMAGE_WITHOUT_ALT = """<!doctype html><html lang="en"><head><title>Known fault</title></head>
<body><main><h1>Known fault</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></main>
</body></html>"""

PALE_TEXT = """<!doctype html><html lang="en"><head><title>Pale text</title></head>
<body><main><h1>Pale text</h1><p style="color:#bbb;background:#fff">Hard to read</p></main>
</body></html>"""


def test_check_reports_rule_and_element_when_an_image_has_no_alt(browser):
    context = browser.new_context()
    page = context.new_page()
    page.set_content(IMAGE_WITHOUT_ALT)

    violations = check_accessibility(page)

    context.close()
    assert [v.rule for v in violations] == ["image-alt"]
    [(selector, html)] = violations[0].nodes
    assert selector == "img"
    assert html.startswith("<img src=")
    assert "alternative text" in violations[0].help


def test_check_reports_colour_contrast_when_text_is_pale(browser):
    context = browser.new_context()
    page = context.new_page()
    page.set_content(PALE_TEXT)

    violations = check_accessibility(page)

    context.close()
    assert [v.rule for v in violations] == ["color-contrast"]


def test_audit_checks_a_page_when_the_journey_navigates_away_from_it(browser, monkeypatch):
    """No explicit call: leaving the faulty page is enough for the audit to have judged it."""
    context = browser.new_context()
    pages = {"/fault": IMAGE_WITHOUT_ALT, "/next": PALE_TEXT.replace("#bbb", "#222")}
    context.route(
        "http://a11y.test/*",
        lambda route: route.fulfill(
            content_type="text/html", body=pages[route.request.url.removeprefix("http://a11y.test")]
        ),
    )
    audit = AccessibilityAudit(checked={})
    check_before_actions(monkeypatch, audit)
    audit.watch(context)
    page = context.new_page()
    page.goto("http://a11y.test/fault")
    page.goto("http://a11y.test/next")

    assert [(v.rule, v.url) for v in audit.violations] == [("image-alt", "http://a11y.test/fault")]
    audit.check_all(context)  # the clean last page adds nothing
    context.close()
    assert len(audit.violations) == 1
    assert "[image-alt]" in audit.report()


def test_audit_checks_a_state_once_when_only_its_csrf_token_differs(browser, monkeypatch):
    """Every journey logs in through the same page; axe should judge it once, not each time."""
    context = browser.new_context()
    tokens = iter(["first-token", "second-token"])
    context.route(
        "http://a11y.test/login",
        lambda route: route.fulfill(
            content_type="text/html",
            body=PALE_TEXT.replace("#bbb", "#222").replace(
                "<body>",
                f"""<body hx-headers='{{"X-CSRFToken": "{next(tokens)}"}}'>""",
            ),
        ),
    )
    checked = {}
    audit = AccessibilityAudit(checked=checked)
    check_before_actions(monkeypatch, audit)
    audit.watch(context)
    page = context.new_page()
    page.goto("http://a11y.test/login")
    page.reload()
    audit.check_all(context)
    context.close()
    assert len(checked) == 1
