"""Journey: a facilitator schedules a weekly virtual meeting; a member, on a phone-sized
screen, answers yes for the first one; the facilitator sees the answer counted."""

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from communities.models import Role
from meetings.models import Rsvp
from tests.e2e.meeting_steps import schedule_weekly_virtual_check_in
from tests.e2e.sign_in import log_in
from tests.factories import CommunityFactory, MembershipFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_facilitator_schedules_a_weekly_meeting_and_a_member_answers(page, new_page):
    community = CommunityFactory(name="Peer Recovery Circle")
    lead = MembershipFactory(community=community, roles=[Role.FACILITATOR]).user
    member = MembershipFactory(community=community, user__timezone="Europe/Berlin").user
    day = dt.datetime.now(dt.UTC).date() + dt.timedelta(days=7)

    log_in(page, lead.email)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Meetings").click()
    page.get_by_role("link", name="Peer Recovery Circle").click()
    expect(page.get_by_text("No meetings coming up.")).to_be_visible()
    schedule_weekly_virtual_check_in(page, day)

    expect(page.get_by_role("heading", name="Weekly check-in", level=1)).to_be_visible()
    expect(page.get_by_role("alert").filter(has_text="Meeting scheduled.")).to_be_visible()
    expect(
        page.get_by_role("list").filter(has_text="Case review").get_by_role("listitem")
    ).to_have_count(2)

    phone = new_page()
    phone.set_viewport_size({"width": 390, "height": 844})
    log_in(phone, member.email)
    phone.goto(page.url)
    first = phone.get_by_role("group").first
    first.get_by_role("button", name="Yes").click()
    # htmx swaps the occurrence's row in place and says so in its status region.
    expect(phone.get_by_role("status").filter(has_text="Your answer is saved.")).to_be_visible()
    expect(phone.get_by_role("button", name="Yes", pressed=True)).to_have_count(1)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390

    page.reload()
    expect(page.get_by_text(re.compile(r"Yes 1 · No 0 · Maybe 0"))).to_have_count(1)
    assert Rsvp.objects.filter(member=member, response="yes").count() == 1
