"""The feeds read by an independent implementation: `icalendar` parses them and
`recurring_ical_events` expands them. For a year, across daylight saving changes, with a
cancelled and a moved occurrence, it must find exactly the meetings the app's pages list."""

import datetime as dt
import zoneinfo

import icalendar
import pytest
import recurring_ical_events
from django.urls import reverse

from communities.models import Role, Visibility
from meetings.models import MeetingFormat, OccurrenceChange, Recurrence
from meetings.recurrence import occurrences_between
from meetings.services import feed_token_of
from tests.factories import CommunityFactory, MembershipFactory
from tests.meetings.factories import MeetingFactory

pytestmark = pytest.mark.django_db

CHICAGO = zoneinfo.ZoneInfo("America/Chicago")
UTC = dt.UTC


def today() -> dt.date:
    return dt.datetime.now(UTC).date()


@pytest.fixture
def member_with_meetings():
    """A member of a public and a private CoP, each with series in zones whose clocks change
    on different dates; one Chicago occurrence cancelled and one moved to another day."""
    public = CommunityFactory()
    private = CommunityFactory(visibility=Visibility.PRIVATE)
    member = MembershipFactory(community=public).user
    MembershipFactory(community=private, user=member, roles=[Role.FACILITATOR])
    start = today() + dt.timedelta(days=2)
    weekly = MeetingFactory(
        community=public,
        start_date=start,
        repeat_count=None,
        repeat_until=start + dt.timedelta(days=730),
    )
    monthly = MeetingFactory(
        community=private,
        start_date=start,
        start_time=dt.time(18, 30),
        time_zone="Europe/Berlin",
        recurrence=Recurrence.MONTHLY_WEEKDAY,
        repeat_count=20,
        format=MeetingFormat.VIRTUAL,
        join_url="https://meet.example.org/x",
    )
    MeetingFactory(
        community=private,
        start_date=start + dt.timedelta(days=40),
        time_zone="Asia/Kolkata",
        recurrence=Recurrence.NONE,
        repeat_count=None,
    )
    now = dt.datetime.now(UTC)
    first_weeks = occurrences_between(weekly, now, now + dt.timedelta(days=60))
    third, fifth = first_weeks[2], first_weeks[4]
    OccurrenceChange.objects.create(
        meeting=weekly, original_start=third.original_start, cancelled=True
    )
    moved_to = fifth.start.astimezone(CHICAGO).replace(hour=13) + dt.timedelta(days=2)
    OccurrenceChange.objects.create(
        meeting=weekly,
        original_start=fifth.original_start,
        new_start=moved_to,
        new_end=moved_to + dt.timedelta(hours=2),
    )
    return {
        "member": member,
        "cops": (public, private),
        "monthly": monthly,
        "moved_to": moved_to,
        "cancelled": third.start,
    }


def window():
    """Starts inside the year the pages list, away from its edges."""
    begins = dt.datetime.combine(today() + dt.timedelta(days=1), dt.time(), tzinfo=UTC)
    return begins, begins + dt.timedelta(days=360)


def shown_on_pages(client, community) -> set[tuple]:
    """(UID, start, end) of every occurrence a CoP's meetings list shows, page by page."""
    found, number = set(), 1
    while True:
        response = client.get(reverse("meetings:list", args=[community.slug]), {"page": number})
        page = response.context["page"]
        found |= {
            (f"meeting-{o.meeting.pk}@", o.start.astimezone(UTC), o.end.astimezone(UTC))
            for o in page
            if not o.cancelled
        }
        if not page.has_next():
            return found
        number += 1


def expanded_by_parser(body: bytes) -> set[tuple]:
    calendar = icalendar.Calendar.from_ical(body)
    return {
        (
            str(event["UID"]).split("@")[0] + "@",
            event["DTSTART"].dt.astimezone(UTC),
            event["DTEND"].dt.astimezone(UTC),
        )
        for event in recurring_ical_events.of(calendar).between(*window())
    }


def within_window(occurrences: set[tuple]) -> set[tuple]:
    begins, ends = window()
    return {o for o in occurrences if begins <= o[1] < ends}


def test_parser_expands_the_personal_feed_to_the_meetings_the_pages_list(
    client, member_with_meetings
):
    member = member_with_meetings["member"]
    client.force_login(member)
    shown = set().union(*(shown_on_pages(client, cop) for cop in member_with_meetings["cops"]))
    client.logout()  # calendar apps send no cookies: the token alone opens the feed

    feed = client.get(reverse("meetings:feed", args=[feed_token_of(user=member).token]))
    parsed = expanded_by_parser(feed.content)

    assert parsed == within_window(shown)
    # It is a real test: a year of meetings, across daylight saving, with both changes in it.
    chicago_hours = {start.astimezone(CHICAGO).hour for _uid, start, _end in parsed}
    utc_hours = {start.hour for uid, start, _end in parsed if start.astimezone(CHICAGO).hour == 9}
    assert len(parsed) > 60
    assert chicago_hours >= {9, 13}
    assert utc_hours == {14, 15}
    assert member_with_meetings["moved_to"] in {start for _uid, start, _end in parsed}
    assert member_with_meetings["cancelled"] not in {start for _uid, start, _end in parsed}


def test_parser_expands_a_public_cop_feed_to_its_meetings_list(client, member_with_meetings):
    public = member_with_meetings["cops"][0]
    client.force_login(member_with_meetings["member"])
    shown = shown_on_pages(client, public)
    client.logout()

    feed = client.get(reverse("meetings:community_feed", args=[public.pk]))

    assert expanded_by_parser(feed.content) == within_window(shown)
