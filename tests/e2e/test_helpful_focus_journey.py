"""Journey: a keyboard user marks a reply helpful with Enter and takes the mark back with Space;
htmx swaps the button in place and the keyboard focus stays on the (new) button each time. Then
they delete a reply of their own through its confirmation page."""

import pytest
from playwright.sync_api import expect

from tests.e2e.sign_in import log_in
from tests.factories import (
    CommunityFactory,
    MembershipFactory,
    PostFactory,
    ThreadFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)

FOCUSED_TEXT = "() => document.activeElement.textContent.trim()"
# Bootstrap fades a focused button's colours in (0.15 s); axe looks at the page once it settled.
SETTLED = "() => document.activeElement.getAnimations().length === 0"


def test_the_helpful_button_keeps_keyboard_focus_after_its_swap(page):
    cop = CommunityFactory(name="Peer Supervision Circle")
    reader = UserFactory(email="reader@example.org", name="Kit Keyboard")
    writer = UserFactory(name="Wren Writer")
    MembershipFactory(community=cop, user=reader)
    MembershipFactory(community=cop, user=writer)
    thread = ThreadFactory(community=cop, author=writer)
    PostFactory(thread=thread, author=writer)

    log_in(page, reader.email)
    page.goto(thread.get_absolute_url())
    reply = page.get_by_role("article", name="Reply by Wren Writer")
    helpful = reply.get_by_role("button", name="Helpful")
    expect(helpful).to_have_attribute("aria-pressed", "false")

    helpful.focus()
    page.keyboard.press("Enter")
    expect(helpful).to_have_attribute("aria-pressed", "true")
    expect(helpful).to_contain_text("1")
    expect(helpful).to_be_focused()
    page.wait_for_function(SETTLED)
    assert page.evaluate(FOCUSED_TEXT).startswith("Helpful")

    # Focus was not lost to the page: Space acts on the same button again.
    page.keyboard.press("Space")
    expect(helpful).to_have_attribute("aria-pressed", "false")
    expect(helpful).to_contain_text("0")
    expect(helpful).to_be_focused()
    page.wait_for_function(SETTLED)

    # Deleting their own reply asks first, showing what goes, and works without JavaScript.
    PostFactory(thread=thread, author=reader, body_html="<p>Mondays suit us best.</p>")
    page.reload()
    own = page.get_by_role("article", name="Reply by Kit Keyboard")
    own.get_by_role("link", name="Delete").click()
    expect(page.get_by_role("heading", name="Delete this reply?")).to_be_visible()
    expect(page.get_by_text("Mondays suit us best.")).to_be_visible()
    page.get_by_role("button", name="Delete the reply").click()
    expect(page.get_by_text("This reply was deleted by its author.")).to_be_visible()
