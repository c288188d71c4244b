"""Journey 2 of SPEC §9 by keyboard alone: the member of test_member_journey.py finds the CoP,
joins, replies, marks the answer helpful, downloads the featured template and answers the ping
with Tab, Shift+Tab, Enter, Space, arrow keys and typing. Every tab stop shows its focus
(keyboard.py), and focus stays on the Helpful button through its htmx swap. The facilitator,
in a browser of their own, sends the ping as in the pointer journey."""

import re

import pytest
from playwright.sync_api import expect

from communities.models import Membership, PingAnswer, Post, Reaction
from tests.e2e.keyboard import Keyboard
from tests.e2e.sign_in import PASSWORD_LABEL, log_in
from tests.e2e.test_member_journey import (
    ANSWER,
    COP,
    PING,
    QUESTION,
    REPLY,
    TEMPLATE,
    TEMPLATE_FILE,
    TEMPLATE_TEXT,
    a_public_cop_with_an_answered_question,
    facilitator_sends_a_ping,
)
from tests.factories import PASSWORD, UserFactory
from toolkit.models import ResourceTally

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_member_does_journey_two_by_keyboard_alone(
    page, new_page, steps, mailoutbox, accessibility
):
    cop, facilitator = a_public_cop_with_an_answered_question()
    member = UserFactory(email="member.new@example.org", name="Jo Member")
    keys = Keyboard(page, accessibility)

    logs_in(keys, member.email)
    finds_the_cop_in_the_directory(keys, steps)
    joins(keys, steps)
    replies_to_the_question(keys, steps)
    marks_the_answer_helpful(keys, steps)
    downloads_a_featured_template(keys, steps)

    lead = new_page()
    log_in(lead, facilitator.email)
    facilitator_sends_a_ping(lead, steps, cop)
    answers_the_ping_from_its_email(keys, steps, mailoutbox, member.email)

    assert Membership.objects.filter(community=cop, user=member).exists()
    assert Post.objects.filter(thread__community=cop, author=member).count() == 1
    assert Reaction.objects.get(user=member).post.body_html == f"<p>{ANSWER}</p>"
    assert ResourceTally.objects.get(community=cop, resource__title=TEMPLATE).downloads == 1
    assert PingAnswer.objects.get(user=member).choice == "Thursday"


def logs_in(keys, email: str) -> None:
    page = keys.page
    page.goto("/accounts/login/")
    keys.type_into(page.get_by_label("Email"), email)
    keys.type_into(page.get_by_label(PASSWORD_LABEL), PASSWORD)
    keys.press("Enter")
    expect(page.get_by_role("button", name="Sign In")).to_have_count(0)


def finds_the_cop_in_the_directory(keys, steps) -> None:
    page = keys.page
    keys.activate(page.get_by_role("navigation", name="Main").get_by_role("link", name="Directory"))
    keys.type_into(page.get_by_label("Search name, shared concern or description"), "recovery")
    keys.press("Enter")
    expect(page.get_by_role("article")).to_have_count(1)
    steps.shot(page, "member-finds-the-cop")


def joins(keys, steps) -> None:
    page = keys.page
    keys.activate(page.get_by_role("link", name=COP))
    keys.activate(page.get_by_role("button", name="Join this community"), "Space")
    expect(page.get_by_role("alert").filter(has_text=f"Welcome to {COP}!")).to_be_visible()
    steps.shot(page, "member-joined")


def replies_to_the_question(keys, steps) -> None:
    page = keys.page
    keys.activate(page.get_by_role("link", name="Discussions", exact=True))
    keys.activate(page.get_by_role("link", name=QUESTION))
    keys.type_into(page.get_by_label("Your reply"), REPLY)
    keys.activate(page.get_by_role("button", name="Post reply"))
    expect(page.get_by_role("article", name="Reply by Jo Member")).to_contain_text(REPLY)
    steps.shot(page, "member-replied")


def marks_the_answer_helpful(keys, steps) -> None:
    page = keys.page
    helpful = page.get_by_role("article", name="Reply by Hal Helper").get_by_role(
        "button", name="Helpful"
    )
    # The page opened at the member's own reply, below the answer: back up to its button.
    keys.activate(helpful, "Space", backwards=True)
    expect(helpful).to_have_attribute("aria-pressed", "true")
    expect(helpful).to_contain_text("1")
    # htmx swapped the button: the focus is on the new one, not dropped to the body.
    expect(helpful).to_be_focused()
    keys.focus_shown()
    steps.shot(page, "member-marked-the-answer-helpful")


def downloads_a_featured_template(keys, steps) -> None:
    page = keys.page
    # Back up the page to the CoP's link in the breadcrumb.
    crumbs = page.get_by_role("navigation", name="Breadcrumb")
    keys.activate(crumbs.get_by_role("link", name=COP), backwards=True)
    keys.activate(page.get_by_role("link", name="Open the toolkit"))
    keys.activate(page.get_by_role("region", name="Featured").get_by_role("link", name=TEMPLATE))
    keys.tab_to(page.get_by_role("link", name=f"Download {TEMPLATE_FILE}"))
    with page.expect_download() as arrival:
        keys.press("Enter")
    assert arrival.value.suggested_filename == TEMPLATE_FILE
    assert arrival.value.path().read_text() == TEMPLATE_TEXT
    steps.shot(page, "member-downloaded-a-featured-template")


def answers_the_ping_from_its_email(keys, steps, mailoutbox, address: str) -> None:
    mail = next(m for m in mailoutbox if m.to == [address] and PING in m.body)
    # The email's link, opened in the member's browser (a link from a mail program, no click).
    page = keys.page
    page.goto(re.search(r"See the ping and its answers: (\S+)", mail.body).group(1))
    expect(page.get_by_role("heading", name=PING)).to_be_visible()
    keys.tab_to(page.get_by_label("Tuesday"))
    keys.press("Space")
    keys.press("ArrowDown")
    expect(page.get_by_label("Thursday")).to_be_checked()
    keys.activate(page.get_by_role("button", name="Send my answer"))
    expect(page.get_by_role("alert").filter(has_text="your answer is saved")).to_be_visible()
    steps.shot(page, "member-answered-the-ping")
