"""A CoP's meetings as a month, in the viewer's zone."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from communities.models import Role
from meetings.recurrence import occurrences_between
from meetings.services import cancel_occurrence, move_occurrence
from tests.factories import CommunityFactory, MembershipFactory
from tests.meetings.factories import MeetingFactory

pytestmark = pytest.mark.django_db

NEXT_YEAR = timezone.now().year + 1


def url(community, month=None):
    address = reverse("meetings:series_calendar", args=[community.slug])
    return f"{address}?month={month}" if month is not None else address


def occurrences(meeting):
    start = dt.datetime(NEXT_YEAR, 1, 1, tzinfo=dt.UTC)
    return occurrences_between(meeting, start, start + dt.timedelta(days=120))


def test_a_month_shows_its_occurrences_moved_and_cancelled_ones_in_the_viewers_zone(client):
    # Weekly at 23:30 in Chicago is 06:30 the next day in Berlin (6, 13, 20 and 27 January).
    meeting = MeetingFactory(
        title="Late check-in", start_date=dt.date(NEXT_YEAR, 1, 5), start_time=dt.time(23, 30)
    )
    viewer = MembershipFactory(community=meeting.community, user__timezone="Europe/Berlin").user
    _first, second, third = occurrences(meeting)[:3]
    cancel_occurrence(actor=None, occurrence=second)
    moved_to = dt.datetime(NEXT_YEAR, 1, 23, 10, tzinfo=dt.UTC)  # 11:00 in Berlin
    move_occurrence(
        actor=None, occurrence=third, start=moved_to, end=moved_to + dt.timedelta(hours=1)
    )
    client.force_login(viewer)

    response = client.get(url(meeting.community, f"{NEXT_YEAR}-01"))

    html = response.content.decode()
    assert response.status_code == 200
    assert f"Meetings in January {NEXT_YEAR}" in html
    table = html[html.index('data-testid="month-table"') : html.index('data-testid="month-list"')]
    assert '<th scope="col"><abbr title="Monday">Mon</abbr></th>' in table
    day_6 = table[table.index(f'datetime="{NEXT_YEAR}-01-06"') :]
    assert day_6.index("06:30") < day_6.index("Late check-in") < day_6.index("</td>")
    day_13 = table[table.index(f'datetime="{NEXT_YEAR}-01-13"') :]
    assert day_13.index("<s>Late check-in</s>") < day_13.index("Cancelled") < day_13.index("</td>")
    day_23 = table[table.index(f'datetime="{NEXT_YEAR}-01-23"') :]
    assert day_23.index("11:00") < day_23.index("Moved") < day_23.index("</td>")
    day_20 = table[table.index(f'datetime="{NEXT_YEAR}-01-20"') :]
    assert "Late check-in" not in day_20[: day_20.index("</td>")]
    assert f"?month={NEXT_YEAR - 1}-12" in html and f"?month={NEXT_YEAR}-02" in html
    # The narrow screen's list holds the same days.
    listed = html[html.index('data-testid="month-list"') :]
    assert "Cancelled" in listed and "Moved" in listed and listed.count("Late check-in") == 4


def test_today_is_marked_and_the_current_month_is_the_default(client):
    member = MembershipFactory()
    client.force_login(member.user)

    html = client.get(url(member.community)).content.decode()

    today = timezone.localdate()
    marked = re.search(r'aria-current="date">\s*<div[^>]*><time datetime="([0-9-]+)"', html)
    assert marked is not None and marked[1] == f"{today:%Y-%m-%d}"
    assert "Today" in html
    assert "No meetings this month." in html


@pytest.mark.parametrize("month", ["2026-13", "2026-00", "2026-1", "abc", "0000-01", "99999-01"])
def test_a_month_that_is_not_one_is_refused_with_a_message(client, month):
    member = MembershipFactory()
    client.force_login(member.user)

    response = client.get(url(member.community, month))

    assert response.status_code == 400
    assert b"Choose a month as year and month" in response.content


def test_queries_stay_the_same_with_ten_times_the_series(client):
    counts = []
    for series in (1, 10):
        community = CommunityFactory()
        for meeting in MeetingFactory.create_batch(
            series, community=community, start_date=dt.date(NEXT_YEAR, 1, 5)
        ):
            cancel_occurrence(actor=None, occurrence=occurrences(meeting)[1])
        client.force_login(MembershipFactory(community=community, roles=[Role.FACILITATOR]).user)
        with CaptureQueriesContext(connection) as captured:
            html = client.get(url(community, f"{NEXT_YEAR}-01")).content.decode()
        assert html.count("Cancelled") == 2 * series
        counts.append(len(captured))
    assert counts[0] == counts[1]
