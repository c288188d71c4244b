"""Journey: a leader sends a ping with choices; a member opens the link from the email,
logs in on the way, answers, and sees the results."""

import re

import pytest
from playwright.sync_api import expect

from communities.models import PingAnswer, Role
from tests.factories import PASSWORD, CommunityFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD_LABEL = re.compile(r"^\s*Password\W*$")


def log_in(page, email: str) -> None:
    page.get_by_label("Email").fill(email)
    page.get_by_label(PASSWORD_LABEL).fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()


def test_leader_pings_and_a_member_answers_from_the_email(page, new_page, mailoutbox):
    community = CommunityFactory(name="Rural Outreach Circle", visibility="private")
    leader = MembershipFactory(
        community=community, user=UserFactory(email="lead@example.org"), roles=[Role.FACILITATOR]
    )
    member = MembershipFactory(community=community, user=UserFactory(email="mem@example.org"))

    page.goto("/accounts/login/")
    log_in(page, leader.user.email)
    page.goto(community.get_absolute_url())
    page.get_by_role("link", name="Pings").click()
    page.get_by_role("link", name="Send a ping").click()
    page.get_by_label("Question").fill("Which day suits the next meeting?")
    page.get_by_label("Choices (optional)").fill("Tuesday\nThursday")
    page.get_by_label("Answers close").fill("2099-01-01T10:00")
    page.get_by_role("button", name="Send the ping").click()
    expect(page.get_by_role("alert").filter(has_text="Ping sent to every member.")).to_be_visible()

    mail = next(m for m in mailoutbox if m.to == [member.user.email])
    # The link to the ping itself (the one-click answer links live under /pings/answer/).
    link = re.search(r"See the ping and its answers: (\S+)", mail.body).group(1)

    other = new_page()
    other.goto(link)  # logged out: the link asks to log in, then comes back
    log_in(other, member.user.email)
    expect(other.get_by_role("heading", name="Which day suits the next meeting?")).to_be_visible()
    other.get_by_label("Thursday").check()
    other.get_by_role("button", name="Send my answer").click()

    expect(other.get_by_role("alert").filter(has_text="your answer is saved")).to_be_visible()
    expect(other.get_by_text("1 answer", exact=True)).to_be_visible()
    expect(other.get_by_test_id("count-2")).to_have_text("1")
    assert PingAnswer.objects.get().choice == "Thursday"
