"""A program's meetings as a month and a list, in the viewer's zone: each viewer sees the
meetings of the program's CoPs they may see, and the convenings they are invited to; the
program's public feed holds its public CoPs' meetings only."""

import datetime as dt

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone

from communities.models import Visibility
from meetings.models import Convening, MeetingFormat
from tests.factories import CommunityFactory, MembershipFactory, ProgramFactory, UserFactory
from tests.meetings.factories import MeetingFactory

pytestmark = pytest.mark.django_db

NEXT_YEAR = timezone.now().year + 1


def month_url(program, month=f"{NEXT_YEAR}-01"):
    return reverse("meetings:program_calendar", args=[program.slug]) + f"?month={month}"


@pytest.fixture
def program():
    program = ProgramFactory()
    public = CommunityFactory(program=program)
    private = CommunityFactory(program=program, visibility=Visibility.PRIVATE)
    day = dt.date(NEXT_YEAR, 1, 5)
    MeetingFactory(community=public, title="Open circle", start_date=day)
    MeetingFactory(community=private, title="Closed circle", start_date=day)
    return {"program": program, "public": public, "private": private}


def test_the_program_month_shows_a_private_cops_meeting_to_its_member_only(client, program):
    insider = MembershipFactory(community=program["private"]).user
    other = MembershipFactory(community=program["public"]).user

    client.force_login(insider)
    seen_by_insider = client.get(month_url(program["program"])).content.decode()
    client.force_login(other)
    seen_by_other = client.get(month_url(program["program"])).content.decode()

    assert "Open circle" in seen_by_insider
    assert "Closed circle" in seen_by_insider
    assert "Open circle" in seen_by_other
    assert "Closed circle" not in seen_by_other


def test_the_program_list_shows_a_private_cops_meeting_to_its_member_only(client, program):
    insider = MembershipFactory(community=program["private"]).user
    url = reverse("meetings:program_meetings", args=[program["program"].slug])

    client.force_login(insider)
    seen_by_insider = client.get(url).content.decode()
    client.force_login(UserFactory())
    seen_by_outsider = client.get(url).content.decode()

    assert "Closed circle" in seen_by_insider
    assert "Open circle" in seen_by_outsider
    assert "Closed circle" not in seen_by_outsider


def test_the_program_month_shows_times_in_the_viewers_zone_and_its_convenings(client, program):
    # 09:00 in Chicago is 16:00 in Berlin in January.
    facilitator = MembershipFactory(
        community=program["public"], roles=["facilitator"], user__timezone="Europe/Berlin"
    ).user
    Convening.objects.create(
        program=program["program"],
        title="Facilitators' round",
        start_date=dt.date(NEXT_YEAR, 1, 14),
        start_time=dt.time(15),
        duration=dt.timedelta(hours=1),
        time_zone="America/New_York",
        format=MeetingFormat.VIRTUAL,
        join_url="https://meet.example.org/round",
    )
    client.force_login(facilitator)

    html = client.get(month_url(program["program"])).content.decode()

    table = html[html.index('data-testid="month-table"') : html.index('data-testid="month-list"')]
    day_5 = table[table.index(f'datetime="{NEXT_YEAR}-01-05"') :]
    assert day_5.index("16:00") < day_5.index("Open circle") < day_5.index("</td>")
    day_14 = table[table.index(f'datetime="{NEXT_YEAR}-01-14"') :]
    assert day_14.index("21:00") < day_14.index("Facilitators&#x27; round") < day_14.index("</td>")


def test_the_program_month_hides_convenings_when_the_viewer_is_not_invited(client, program):
    Convening.objects.create(
        program=program["program"],
        title="Facilitators' round",
        start_date=dt.date(NEXT_YEAR, 1, 14),
        start_time=dt.time(15),
        duration=dt.timedelta(hours=1),
        time_zone="America/New_York",
        format=MeetingFormat.CALL,
    )
    client.force_login(MembershipFactory(community=program["public"]).user)

    assert "Facilitators" not in client.get(month_url(program["program"])).content.decode()


@pytest.mark.parametrize("month", ["2026-13", "January", "0999-01", "2026-1"])
def test_the_program_month_is_refused_when_the_month_is_not_yyyy_mm(client, program, month):
    client.force_login(UserFactory())

    response = client.get(month_url(program["program"], month))

    assert response.status_code == 400
    assert "Choose a month as year and month" in response.content.decode()


def test_the_public_program_feed_holds_no_private_cops_meeting(client, program):
    response = client.get(reverse("meetings:program_feed", args=[program["program"].pk]))

    summaries = {
        str(e["SUMMARY"]) for e in icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    }
    assert response.status_code == 200
    assert summaries == {"Open circle"}


def test_the_public_program_feed_is_not_found_when_the_program_is_missing(client):
    assert client.get(reverse("meetings:program_feed", args=[999999])).status_code == 404


@pytest.mark.parametrize("rows", [1, 10])
def test_program_pages_queries_stay_flat_when_rows_grow(
    rows, client, django_assert_max_num_queries
):
    program = ProgramFactory()
    viewer = UserFactory()
    day = dt.date(NEXT_YEAR, 1, 5)
    for _ in range(rows):
        community = CommunityFactory(program=program)
        MembershipFactory(community=community, user=viewer, roles=["facilitator"])
        MeetingFactory(community=community, start_date=day)
        Convening.objects.create(
            program=program,
            title="Round",
            start_date=day,
            start_time=dt.time(15),
            duration=dt.timedelta(hours=1),
            time_zone="UTC",
            format=MeetingFormat.CALL,
        )
    client.force_login(viewer)

    # The same at 1 and at 10 CoPs, series and convenings (measured: 10, 10 and 5).
    with django_assert_max_num_queries(10):
        assert client.get(month_url(program)).status_code == 200
    with django_assert_max_num_queries(10):
        url = reverse("meetings:program_meetings", args=[program.slug])
        assert client.get(url).status_code == 200
    with django_assert_max_num_queries(5):
        url = reverse("meetings:program_feed", args=[program.pk])
        assert client.get(url).status_code == 200
