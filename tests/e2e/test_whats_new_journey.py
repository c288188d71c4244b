"""Journey, on a phone-sized screen: a member's home page says what is new in their CoP; opening
the thread clears its marker, a colleague's reply brings it back with a count, and the New page
lists it until it is read again. A TTA provider's home page lists the CoP they support."""

import pytest
from playwright.sync_api import expect

from communities.discussions.services import reply, start_thread
from tests.e2e.sign_in import log_in
from tests.factories import CommunityFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

TITLE = "Who runs their intake by text message?"


def test_member_sees_what_is_new_and_reading_clears_it(page):
    page.set_viewport_size({"width": 390, "height": 844})
    provider = UserFactory(email="provider.e2e@example.org")
    cop = CommunityFactory(name="Text Intake Circle", provider=provider)
    member = MembershipFactory(community=cop, user__email="reader@example.org").user
    colleague = MembershipFactory(community=cop).user
    thread = start_thread(actor=colleague, community=cop, kind="question", title=TITLE, body="?")

    log_in(page, member.email)
    page.goto("/")
    news = page.get_by_role("region", name="New in your communities")
    expect(news.get_by_text("1 thread with new activity")).to_be_visible()
    news.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", name=TITLE)).to_be_visible()

    page.goto(f"/cops/{cop.slug}/discussions/")
    expect(page.get_by_role("link", name=TITLE)).to_be_visible()
    expect(page.get_by_text("(unread)")).to_have_count(0)

    reply(actor=colleague, thread=thread, body="We do, since March.")
    page.reload()
    expect(page.get_by_text("1 new reply")).to_be_visible()

    page.goto("/new/")
    page.get_by_role("link", name=TITLE).click()
    page.goto("/new/")
    expect(page.get_by_text("You're all caught up.")).to_be_visible()

    page.context.clear_cookies()
    log_in(page, provider.email)
    page.goto("/")
    supported = page.get_by_role("region", name="Communities you support")
    expect(supported.get_by_role("link", name="Text Intake Circle")).to_be_visible()
