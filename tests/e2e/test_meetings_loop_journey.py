"""Journey (issue 12): a facilitator writes the charter in steps and schedules a recurring
virtual meeting; a member answers; after a meeting the facilitator takes attendance, writes the
minutes and adds an action item the member owns; the member finds it on "My action items" (and
on their home page), and the next meeting's agenda already lists it. On the way, the CoP page's
meetings panel, the month calendar on a phone and the site search show what was made.

The series starts two weeks ago, so its earlier meetings are over (attendance is taken for a
meeting that has begun) while the next ones are still to come (answers are for those)."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from communities.models import Role
from meetings.models import ActionItem, Attendance, Charter, Meeting, Rsvp
from tests.e2e.meeting_steps import fill_the_charter_in_steps, schedule_weekly_virtual_check_in
from tests.e2e.sign_in import log_in
from tests.factories import CommunityFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}


def test_the_meetings_loop_from_charter_to_the_next_agenda(page, new_page):
    community = CommunityFactory(name="Peer Recovery Circle")
    lead = MembershipFactory(community=community, roles=[Role.FACILITATOR]).user
    member = MembershipFactory(
        community=community, user=UserFactory(name="Robin Member", timezone="Europe/Berlin")
    ).user

    log_in(page, lead.email)
    write_the_charter(page, community)
    began = dt.datetime.now(dt.UTC).date() - dt.timedelta(days=14)
    schedule_a_weekly_virtual_meeting(page, community, began)

    phone = new_page()
    phone.set_viewport_size(PHONE)
    log_in(phone, member.email)
    answer_yes_from_the_cop_page(phone, community)

    follow_up_the_last_meeting(page)
    find_it_as_the_member(phone, community)
    the_next_agenda_lists_it(page, community)

    meeting = Meeting.objects.get(community=community)
    assert Charter.objects.get(community=community).is_published
    assert meeting.format == "virtual" and meeting.recurrence == "weekly"
    assert Rsvp.objects.get(member=member).response == "yes"
    assert Attendance.objects.get().member == member
    item = ActionItem.objects.get()
    assert (item.owner, item.meeting) == (member, meeting)


def write_the_charter(page, community) -> None:
    page.goto(f"/cops/{community.slug}/meetings/")
    page.get_by_role("link", name="Charter and goals").click()
    page.get_by_role("link", name="Start the charter").click()
    fill_the_charter_in_steps(page)


def schedule_a_weekly_virtual_meeting(page, community, began: dt.date) -> None:
    page.goto(f"/cops/{community.slug}/meetings/")
    schedule_weekly_virtual_check_in(page, began)
    expect(page.get_by_role("alert").filter(has_text="Meeting scheduled.")).to_be_visible()


def answer_yes_from_the_cop_page(phone, community) -> None:
    """The member meets the meeting on the CoP page, with the charter's goal, and answers."""
    phone.goto(f"/cops/{community.slug}/")
    panel = phone.get_by_role("region", name="Next meetings")
    expect(panel.get_by_text("A shared on-call rota")).to_be_visible()
    panel.get_by_role("link", name="Not answered yet").first.click()
    phone.get_by_role("group").first.get_by_role("button", name="Yes").click()
    expect(phone.get_by_role("status").filter(has_text="Your answer is saved.")).to_be_visible()
    phone.goto(f"/cops/{community.slug}/")
    expect(panel.get_by_text("Your answer: Yes")).to_have_count(1)
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def follow_up_the_last_meeting(page) -> None:
    page.get_by_role("region", name="Past meetings").get_by_role("link").first.click()
    page.get_by_role("link", name="Take attendance").click()
    page.get_by_role("group", name="Robin Member").get_by_label("Present").check()
    page.get_by_role("button", name="Save attendance").click()
    expect(page.get_by_role("alert").filter(has_text="Attendance saved.")).to_be_visible()

    page.get_by_role("link", name="Write notes and minutes").click()
    page.get_by_label("Minutes").fill("**Agreed:** a rota drafted by Robin.")
    page.get_by_role("button", name="Save notes").click()
    expect(page.get_by_text("Agreed:", exact=True)).to_be_visible()

    page.get_by_role("link", name="Add an action item").click()
    page.get_by_label("Action").fill("Draft the on-call rota")
    page.get_by_label("Owner").select_option(label="Robin Member")
    page.get_by_role("button", name="Add action item").click()
    expect(page.get_by_role("alert").filter(has_text="Action item added.")).to_be_visible()


def find_it_as_the_member(phone, community) -> None:
    phone.goto("/")
    home = phone.get_by_role("region", name="My open action items")
    expect(home.get_by_text("Draft the on-call rota")).to_be_visible()
    expect(phone.get_by_role("region", name="Upcoming meetings")).to_contain_text("Weekly check-in")
    home.get_by_role("link", name="My action items").click()
    expect(phone.get_by_text("Draft the on-call rota", exact=True)).to_be_visible()

    # The month on a phone is a list of days; the minutes are found by a word in them.
    phone.goto(f"/cops/{community.slug}/meetings/calendar/")
    expect(phone.get_by_test_id("month-list")).to_contain_text("Weekly check-in")
    expect(phone.get_by_test_id("month-table")).to_be_hidden()
    phone.goto("/search/?q=drafted")
    expect(phone.get_by_text("Meeting minutes")).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def the_next_agenda_lists_it(page, community) -> None:
    page.goto(f"/cops/{community.slug}/meetings/")
    page.get_by_role("link", name="Month view").click()
    month = page.get_by_role("table")
    expect(month.get_by_role("columnheader", name="Mon")).to_be_visible()
    expect(month.get_by_role("link", name="Weekly check-in").first).to_be_visible()
    page.get_by_role("link", name="Meetings", exact=True).last.click()
    page.get_by_role("link", name="Weekly check-in").first.click()
    page.get_by_role("region", name="Coming up").get_by_role(
        "link", name="Agenda and notes"
    ).first.click()
    review = page.get_by_role("list", name="Review: open action items")
    expect(review.get_by_text("Draft the on-call rota", exact=True)).to_be_visible()
    page.get_by_role("link", name="Minutes of the previous meeting").click()
    expect(page.get_by_text("Agreed:", exact=True)).to_be_visible()
