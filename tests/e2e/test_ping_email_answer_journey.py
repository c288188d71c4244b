"""Journey: a member answers a ping from its email in one click, without logging in: the link
of their choice opens a page that says whom it answers as, and one Send records the answer."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from communities.discussions.fanout import fan_out_ping
from communities.models import Ping, PingAnswer, Role
from tests.factories import CommunityFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_member_answers_from_the_email_in_one_click(page, mailoutbox):
    community = CommunityFactory(name="Rural Outreach Circle", visibility="private")
    leader = MembershipFactory(community=community, roles=[Role.FACILITATOR])
    member = MembershipFactory(
        community=community, user=UserFactory(email="mem@example.org", name="Mel Ortiz")
    )
    ping = Ping.objects.create(
        community=community,
        author=leader.user,
        question="Which day suits the next meeting?",
        choices=["Tuesday", "Thursday"],
        closes_at=timezone.now() + dt.timedelta(days=2),
    )
    fan_out_ping(ping.pk)
    mail = next(m for m in mailoutbox if m.to == [member.user.email])
    link = re.search(r"- Thursday: (\S+)", mail.body).group(1)

    page.goto(link)  # logged out: no login asked, and opening it answers nothing yet
    expect(page.get_by_role("heading", name="Which day suits the next meeting?")).to_be_visible()
    expect(page.get_by_text("Answering as Mel Ortiz")).to_be_visible()
    assert not PingAnswer.objects.exists()
    page.get_by_role("button", name="Send").click()

    expect(page.get_by_role("heading", name="Thank you, your answer is sent")).to_be_visible()
    assert PingAnswer.objects.get().choice == "Thursday"
    assert PingAnswer.objects.get().user == member.user
