"""Journey: a member sees unread notifications under the bell, marks them read, and opens the
page where they choose what they receive. (Unread items sit on a tinted background: the page an
accessibility audit once found short of WCAG colour contrast.)"""

import re

import pytest
from playwright.sync_api import expect

from communities.notifications.models import DeliveryMode, Notification
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_member_reads_notifications_and_marks_them_read(page):
    member = UserFactory(email="reader@example.org")
    for number in (1, 2):
        Notification.objects.create(
            key=f"e2e:reply:{number}",
            recipient=member,
            kind="reply",
            title=f"New reply in thread {number}",
            body="Someone answered your question.",
            group="Peer Supervision Circle",
            email_mode=DeliveryMode.IMMEDIATELY,
        )

    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(member.email)
    page.get_by_label(re.compile(r"^\s*Password\W*$")).fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()

    nav = page.get_by_role("navigation", name="Main")
    expect(nav.get_by_test_id("unread-count")).to_contain_text("2")
    nav.get_by_role("link", name=re.compile("Notifications")).click()
    expect(page.get_by_role("link", name="New reply in thread 1")).to_be_visible()
    expect(page.get_by_text("Peer Supervision Circle").first).to_be_visible()

    page.get_by_role("button", name="Mark all as read").click()
    expect(nav.get_by_test_id("unread-count")).to_have_count(0)
    assert not Notification.objects.filter(recipient=member, read_at=None).exists()

    page.get_by_role("link", name="Choose what you receive").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
