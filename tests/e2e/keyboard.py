"""A keyboard-only person, for the journeys: Tab / Shift+Tab to a control, Enter or Space on it,
arrow keys in a radio group, typing into the focused field. Never a click.

Every stop on the way is checked: the focused element shows a focus indicator (an outline or a
box-shadow), and focus is never on the page's body (lost). Before each key that can change the
page, the page is checked by axe (keyboard presses are not Playwright locator actions, so the
automatic check in accessibility.py does not see them).
"""

from playwright.sync_api import Locator, Page

from tests.e2e.accessibility import AccessibilityAudit

MAX_TAB_STOPS = 80

# What a sighted keyboard user sees of the focus; Bootstrap's buttons and fields draw it as a
# box-shadow, links and the browser's own controls as an outline. Waits for Bootstrap's colour
# transition so the measured style is the settled one.
FOCUS_SHOWN_JS = """async () => {
    const el = document.activeElement;
    if (!el || el === document.body) return "focus is on the body";
    await Promise.all(el.getAnimations().map((a) => a.finished.catch(() => null)));
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
    const shadow = style.boxShadow !== "none";
    return outline || shadow ? "" : `no focus indicator on ${el.outerHTML.slice(0, 160)}`;
}"""
# Tabbing through a Bootstrap button starts its 0.15 s colour transition back from the focused
# colours; axe is shown the page once those have settled, as a person's eye would (a transition
# that never ends, a spinner, is not waited for).
SETTLED_JS = """async () => {
    const finite = document.getAnimations().filter(
        (a) => a.effect && a.effect.getComputedTiming().endTime !== Infinity
    );
    await Promise.all(finite.map((a) => a.finished.catch(() => null)));
}"""
IS_FOCUSED_JS = "(el) => el === document.activeElement"


class Keyboard:
    def __init__(self, page: Page, accessibility: AccessibilityAudit):
        self.page = page
        self.accessibility = accessibility

    def focus_shown(self) -> None:
        problem = self.page.evaluate(FOCUS_SHOWN_JS)
        assert not problem, f"{problem} on {self.page.url}"

    def tab_to(self, target: Locator, *, backwards: bool = False) -> None:
        """Tab (or Shift+Tab) until `target` has the focus, each stop's focus visible."""
        key = "Shift+Tab" if backwards else "Tab"
        target.wait_for()
        for _stop in range(MAX_TAB_STOPS):
            self.page.keyboard.press(key)
            self.focus_shown()
            if target.evaluate(IS_FOCUSED_JS):
                return
        raise AssertionError(f"{key} never reached {target} on {self.page.url}")

    def press(self, key: str) -> None:
        """Enter, Space or an arrow key on the focused element (the page checked by axe first)."""
        self.page.evaluate(SETTLED_JS)
        self.accessibility.check(self.page)
        self.page.keyboard.press(key)

    def activate(self, target: Locator, key: str = "Enter", *, backwards: bool = False) -> None:
        self.tab_to(target, backwards=backwards)
        self.press(key)

    def type_into(self, field: Locator, text: str) -> None:
        self.tab_to(field)
        self.page.keyboard.type(text)
