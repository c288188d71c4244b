"""Journey: after a meeting, its facilitator takes attendance, writes the minutes and adds an
action item owned by a member; the member finds it on "My action items" and moves it along
from a phone; the next meeting's agenda already lists it, with its new status."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from communities.models import Role
from meetings.models import ActionItem, Attendance
from tests.e2e.sign_in import log_in
from tests.factories import CommunityFactory, MembershipFactory, UserFactory
from tests.meetings.factories import MeetingFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_facilitator_follows_up_a_meeting_and_the_next_agenda_reviews_it(page, new_page):
    community = CommunityFactory(name="Peer Recovery Circle")
    lead = MembershipFactory(community=community, roles=[Role.FACILITATOR]).user
    member = MembershipFactory(
        community=community, user=UserFactory(name="Robin Member", timezone="Europe/Berlin")
    ).user
    began = dt.datetime.now(dt.UTC).date() - dt.timedelta(days=14)
    meeting = MeetingFactory(community=community, title="Weekly check-in", start_date=began)

    log_in(page, lead.email)
    page.goto(meeting.get_absolute_url())
    page.get_by_role("region", name="Past meetings").get_by_role("link").first.click()
    page.get_by_role("link", name="Take attendance").click()
    page.get_by_role("group", name="Robin Member").get_by_label("Present").check()
    page.get_by_role("button", name="Save attendance").click()
    expect(page.get_by_role("alert").filter(has_text="Attendance saved.")).to_be_visible()
    expect(page.get_by_text("Present 1 · Absent 0 · Excused 0")).to_be_visible()

    page.get_by_role("link", name="Write notes and minutes").click()
    page.get_by_label("Minutes").fill("**Agreed:** a shared on-call rota.")
    page.get_by_role("button", name="Save notes").click()
    expect(page.get_by_text("Agreed:", exact=True)).to_be_visible()

    page.get_by_role("link", name="Add an action item").click()
    page.get_by_label("Action").fill("Draft the on-call rota")
    page.get_by_label("Owner").select_option(label="Robin Member")
    page.get_by_label("Due date").fill((began + dt.timedelta(days=19)).isoformat())
    page.get_by_role("button", name="Add action item").click()
    expect(page.get_by_role("alert").filter(has_text="Action item added.")).to_be_visible()
    review = page.get_by_role("list", name="Review: open action items")
    expect(review.get_by_text("Draft the on-call rota", exact=True)).to_be_visible()

    phone = new_page()
    phone.set_viewport_size({"width": 390, "height": 844})
    log_in(phone, member.email)
    phone.goto("/actions/mine/")
    phone.get_by_label("Status").select_option(label="In progress")
    phone.get_by_role("button", name="Update").click()
    # htmx swaps the item's row in place and says so in its status region.
    expect(phone.get_by_role("status").filter(has_text="Status saved.")).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390

    page.goto(meeting.get_absolute_url())
    page.get_by_role("region", name="Coming up").get_by_role(
        "link", name="Agenda and notes"
    ).first.click()
    review = page.get_by_role("list", name="Review: open action items")
    expect(review.get_by_text("Draft the on-call rota", exact=True)).to_be_visible()
    expect(review.get_by_role("combobox")).to_have_value("in_progress")
    page.get_by_role("link", name="Minutes of the previous meeting").click()
    expect(page.get_by_text("Agreed:", exact=True)).to_be_visible()
    assert Attendance.objects.get().member == member
    assert ActionItem.objects.get().status == "in_progress"
