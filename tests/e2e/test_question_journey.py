"""Journey: a member asks a question, a peer replies and the asker is emailed; the asker accepts
the reply and finds it helpful, then reports it; a moderator hides it from the queue, and plain
members see a placeholder instead of the reply."""

import pytest
from playwright.sync_api import expect

from communities.models import Role
from tests.e2e.sign_in import log_in
from tests.factories import CommunityFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

TITLE = "How do you schedule supervision for part-time peers?"
REPLY = "We hold a 30-minute group check-in on the one day everyone overlaps."


def ask_question(page, cop) -> str:
    """Start a question from the CoP's page; returns the thread's URL."""
    page.goto(cop.get_absolute_url())
    page.get_by_role("link", name="Discussions", exact=True).click()
    page.get_by_role("link", name="Start a thread").first.click()
    page.get_by_label("Kind").select_option(label="Question")
    page.get_by_label("Title").fill(TITLE)
    page.get_by_label("Text").fill("Half our peer specialists work **two days** a week. Ideas?")
    page.get_by_role("button", name="Post", exact=True).click()
    expect(page.get_by_role("heading", name=TITLE)).to_be_visible()
    return page.url


def test_question_is_answered_marked_helpful_reported_and_hidden(page, new_page, mailoutbox):
    cop = CommunityFactory(name="Peer Supervision Circle")
    asker = UserFactory(email="asker@example.org", name="Asha Asker")
    helper = UserFactory(email="helper@example.org", name="Hal Helper")
    moderator = UserFactory(email="moderator.e2e@example.org", name="Mo Moderator")
    MembershipFactory(community=cop, user=asker)
    MembershipFactory(community=cop, user=helper)
    MembershipFactory(community=cop, user=moderator, roles=[Role.DISCUSSION_MODERATOR])

    # The asker starts a question from the CoP's page.
    log_in(page, asker.email)
    thread_url = ask_question(page, cop)

    # A peer replies from another browser.
    helper_page = new_page()
    log_in(helper_page, helper.email)
    helper_page.goto(thread_url)
    helper_page.get_by_label("Your reply").fill(REPLY)
    helper_page.get_by_role("button", name="Post reply").click()
    expect(helper_page.get_by_text(REPLY)).to_be_visible()

    # The asker follows their own thread, so the reply reaches them by email.
    to_asker = [mail for mail in mailoutbox if asker.email in mail.to]
    assert len(to_asker) == 1
    assert TITLE in to_asker[0].subject

    # The asker accepts the reply and finds it helpful; htmx swaps the button in place.
    page.reload()
    reply = page.get_by_role("article", name="Reply by Hal Helper")
    reply.get_by_role("button", name="Accept as answer").click()
    reply = page.get_by_role("article", name="Reply by Hal Helper")
    expect(reply.get_by_text("Accepted answer", exact=True)).to_be_visible()
    helpful = reply.get_by_role("button", name="Helpful")
    expect(helpful).to_have_attribute("aria-pressed", "false")
    helpful.click()
    expect(helpful).to_have_attribute("aria-pressed", "true")
    expect(helpful).to_contain_text("1")

    # …and then reports it to the moderators.
    reply.get_by_role("link", name="Report", exact=True).click()
    page.get_by_label("What is wrong with this reply?").fill("It names a colleague.")
    page.get_by_role("button", name="Send to the moderators").click()
    expect(page.get_by_text("The moderators will look at it.")).to_be_visible()

    # The moderator finds the report in the queue and hides the reply.
    moderator_page = new_page()
    log_in(moderator_page, moderator.email)
    moderator_page.goto(thread_url)
    moderator_page.get_by_role("link", name="Moderation queue").click()
    expect(moderator_page.get_by_text("It names a colleague.")).to_be_visible()
    moderator_page.get_by_role("button", name="Hide the reply").click()
    expect(moderator_page.get_by_text("No reports are waiting.")).to_be_visible()

    # A plain member now sees a placeholder where the reply was.
    page.goto(thread_url)
    reply = page.get_by_role("article", name="Reply by Hal Helper")
    expect(reply.get_by_text("This reply was hidden by a moderator.")).to_be_visible()
    expect(page.get_by_text(REPLY)).to_have_count(0)
