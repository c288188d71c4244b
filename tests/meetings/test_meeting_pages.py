"""Scheduling, the meeting pages, cancelling or moving one occurrence, and RSVPs, as the people
who use them see it."""

import datetime as dt
import zoneinfo

import pytest
from django.urls import reverse

from communities.models import Role, Stage, Visibility
from meetings.models import Meeting, OccurrenceChange, Rsvp
from meetings.recurrence import OPEN_ENDED, occurrences_between
from tests.factories import CommunityFactory, MembershipFactory, UserFactory
from tests.meetings.factories import MeetingFactory

pytestmark = pytest.mark.django_db

CHICAGO = zoneinfo.ZoneInfo("America/Chicago")
NEXT_WEEK = dt.datetime.now(dt.UTC).date() + dt.timedelta(days=7)
VALID = {
    "title": "Monthly peer learning",
    "start_date": NEXT_WEEK.isoformat(),
    "start_time": "09:00",
    "end_time": "10:30",
    "time_zone": "America/Chicago",
    "format": "virtual",
    "join_url": "https://meet.example.org/peer",
    "recurrence": "monthly_weekday",
    "repeat_count": "6",
    "agenda": "Welcome\n\nCase review\nNext steps",
}


def occurrences(meeting):
    now = dt.datetime.now(dt.UTC)
    return occurrences_between(meeting, now, now + dt.timedelta(days=800))


@pytest.fixture
def facilitator(client):
    membership = MembershipFactory(roles=[Role.FACILITATOR])
    client.force_login(membership.user)
    return membership


def test_facilitator_schedules_a_series_with_its_agenda_in_order(client, facilitator):
    community = facilitator.community

    response = client.post(reverse("meetings:create", args=[community.slug]), VALID, follow=True)

    meeting = Meeting.objects.get(community=community)
    assert [i.title for i in meeting.agenda_items.all()] == ["Welcome", "Case review", "Next steps"]
    assert (meeting.duration, meeting.time_zone) == (dt.timedelta(minutes=90), "America/Chicago")
    assert b"Meeting scheduled." in response.content
    assert len(occurrences(meeting)) == 6


def test_a_series_without_an_end_ends_after_two_years(client, facilitator):
    data = VALID | {"repeat_count": ""}

    client.post(reverse("meetings:create", args=[facilitator.community.slug]), data)

    assert Meeting.objects.get().repeat_until == NEXT_WEEK + OPEN_ENDED


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"end_time": "08:00"}, "The end must be after the start."),
        ({"join_url": ""}, "A virtual or hybrid meeting needs a join link."),
        ({"join_url": "not a link"}, "Enter a valid URL."),
        ({"repeat_until": "2030-01-01"}, "Give a number of meetings or an end date, not both."),
        ({"time_zone": "Mars/Olympus"}, "Select a valid choice."),
        ({"repeat_count": "1000"}, "A series has between 2 and 200 meetings."),
        ({"repeat_count": "", "repeat_until": "2001-01-01"}, "cannot end before it starts"),
    ],
)
def test_schedule_form_explains_and_saves_nothing_when_input_is_bad(
    client, facilitator, change, message
):
    url = reverse("meetings:create", args=[facilitator.community.slug])

    response = client.post(url, VALID | change)

    assert response.status_code == 422
    assert message in response.content.decode()
    assert not Meeting.objects.exists()


def test_nothing_is_scheduled_or_edited_in_an_archived_cop(client):
    meeting = MeetingFactory(community=CommunityFactory(stage=Stage.ARCHIVED))
    community = meeting.community
    client.force_login(MembershipFactory(community=community, roles=[Role.FACILITATOR]).user)

    listed = client.get(reverse("meetings:list", args=[community.slug]))
    created = client.post(reverse("meetings:create", args=[community.slug]), VALID)
    edited = client.post(reverse("meetings:edit", args=[community.slug, meeting.pk]), VALID)

    assert b"Schedule a meeting" not in listed.content
    assert (created.status_code, edited.status_code) == (403, 403)
    assert list(Meeting.objects.values_list("title", flat=True)) == [meeting.title]


def test_editing_a_meeting_bumps_its_sequence_and_keeps_changes_when_the_rule_stays(
    client, facilitator
):
    meeting = MeetingFactory(community=facilitator.community)
    second = occurrences(meeting)[1]
    OccurrenceChange.objects.create(
        meeting=meeting, original_start=second.original_start, cancelled=True
    )
    data = {
        **VALID,
        "start_date": meeting.start_date.isoformat(),
        "recurrence": "weekly",
        "repeat_count": "10",
        "title": "Renamed",
    }

    client.post(reverse("meetings:edit", args=[meeting.community.slug, meeting.pk]), data)

    meeting.refresh_from_db()
    assert (meeting.title, meeting.sequence) == ("Renamed", 1)
    assert meeting.changes.count() == 1


def test_ending_a_series_sooner_drops_the_changes_and_answers_past_its_new_end(client, facilitator):
    meeting = MeetingFactory(community=facilitator.community)
    second, ninth = occurrences(meeting)[1], occurrences(meeting)[8]
    for occurrence in (second, ninth):
        OccurrenceChange.objects.create(
            meeting=meeting, original_start=occurrence.original_start, cancelled=True
        )
        Rsvp.objects.create(
            meeting=meeting,
            occurrence_start=occurrence.original_start,
            member=facilitator.user,
            response="no",
        )
    data = {
        **VALID,
        "start_date": meeting.start_date.isoformat(),
        "recurrence": "weekly",
        "repeat_count": "5",
        "end_time": "10:00",
    }

    client.post(reverse("meetings:edit", args=[meeting.community.slug, meeting.pk]), data)

    assert list(OccurrenceChange.objects.values_list("original_start", flat=True)) == [
        second.original_start
    ]
    assert list(Rsvp.objects.values_list("occurrence_start", flat=True)) == [second.original_start]


def test_editing_the_time_drops_the_changes_to_single_occurrences(client, facilitator):
    meeting = MeetingFactory(community=facilitator.community)
    OccurrenceChange.objects.create(
        meeting=meeting, original_start=occurrences(meeting)[1].original_start, cancelled=True
    )
    data = {
        **VALID,
        "start_date": meeting.start_date.isoformat(),
        "start_time": "11:00",
        "end_time": "12:00",
        "recurrence": "weekly",
        "repeat_count": "10",
    }

    client.post(reverse("meetings:edit", args=[meeting.community.slug, meeting.pk]), data)

    assert not OccurrenceChange.objects.filter(meeting=meeting).exists()


def occurrence_url(name, occurrence):
    meeting = occurrence.meeting
    return reverse(f"meetings:{name}", args=[meeting.community.slug, meeting.pk, occurrence.key])


def test_cancel_asks_first_then_cancels_that_occurrence_only(client, facilitator):
    meeting = MeetingFactory(community=facilitator.community)
    second = occurrences(meeting)[1]

    page = client.get(occurrence_url("cancel", second))
    assert b"Keep it" in page.content
    assert not OccurrenceChange.objects.exists()

    client.post(occurrence_url("cancel", second))

    assert [o.cancelled for o in occurrences(meeting)][:3] == [False, True, False]
    meeting.refresh_from_db()
    assert meeting.sequence == 1


def test_move_takes_the_new_time_in_the_series_zone(client, facilitator):
    meeting = MeetingFactory(community=facilitator.community)
    second = occurrences(meeting)[1]
    day = second.start.astimezone(CHICAGO).date() + dt.timedelta(days=1)

    client.post(
        occurrence_url("move", second),
        {"date": day.isoformat(), "start_time": "14:00", "end_time": "15:00"},
    )

    moved = occurrences(meeting)[1]
    assert moved.start == dt.datetime.combine(day, dt.time(14), tzinfo=CHICAGO)
    assert moved.key == second.key


def test_move_explains_and_changes_nothing_when_the_end_is_before_the_start(client, facilitator):
    second = occurrences(MeetingFactory(community=facilitator.community))[1]
    data = {"date": "2030-01-02", "start_time": "14:00", "end_time": "13:00"}

    response = client.post(occurrence_url("move", second), data)

    assert response.status_code == 422
    assert b"The end must be after the start." in response.content
    assert not OccurrenceChange.objects.exists()


def test_a_member_cannot_cancel_or_move(client):
    meeting = MeetingFactory()
    client.force_login(MembershipFactory(community=meeting.community).user)
    second = occurrences(meeting)[1]

    assert client.post(occurrence_url("cancel", second)).status_code == 403
    assert client.get(occurrence_url("move", second)).status_code == 403
    assert not OccurrenceChange.objects.exists()


# --- RSVP --------------------------------------------------------------------------------------


def test_member_answers_and_changes_their_answer_for_one_occurrence(client):
    meeting = MeetingFactory()
    member = MembershipFactory(community=meeting.community).user
    client.force_login(member)
    second = occurrences(meeting)[1]

    client.post(occurrence_url("rsvp", second), {"response": "yes"})
    response = client.post(occurrence_url("rsvp", second), {"response": "maybe"}, follow=True)

    assert list(Rsvp.objects.values_list("occurrence_start", "response")) == [
        (second.original_start, "maybe")
    ]
    assert b"Your answer is saved." in response.content


def test_rsvp_from_htmx_answers_with_the_row_pressed_and_counted(client):
    meeting = MeetingFactory()
    lead = MembershipFactory(community=meeting.community, roles=[Role.FACILITATOR]).user
    client.force_login(lead)
    first = occurrences(meeting)[0]

    response = client.post(
        occurrence_url("rsvp", first), {"response": "maybe"}, headers={"HX-Request": "true"}
    )

    row = response.content.decode()
    assert response.status_code == 200
    assert "HX-Request" in response["Vary"]
    assert row.lstrip().startswith('<li class="list-group-item">')
    assert 'value="maybe" aria-pressed="true"' in row
    assert "Yes 0 · No 0 · Maybe 1" in row
    assert "Your answer is saved." in row
    assert Rsvp.objects.get().response == "maybe"


def test_rsvp_is_post_only(client):
    meeting = MeetingFactory()
    client.force_login(MembershipFactory(community=meeting.community).user)

    assert client.get(occurrence_url("rsvp", occurrences(meeting)[0])).status_code == 405


def test_rsvp_to_a_cancelled_occurrence_is_refused_and_saves_nothing(client):
    meeting = MeetingFactory()
    client.force_login(MembershipFactory(community=meeting.community).user)
    second = occurrences(meeting)[1]
    OccurrenceChange.objects.create(
        meeting=meeting, original_start=second.original_start, cancelled=True
    )

    response = client.post(occurrence_url("rsvp", second), {"response": "yes"})

    assert response.status_code == 409
    assert b"This meeting is cancelled." in response.content
    assert not Rsvp.objects.exists()


def test_rsvp_to_a_meeting_that_is_over_is_refused_and_saves_nothing(client):
    meeting = MeetingFactory(start_date=dt.date(2025, 1, 7))
    client.force_login(MembershipFactory(community=meeting.community).user)
    past = occurrences_between(
        meeting, dt.datetime(2025, 1, 1, tzinfo=dt.UTC), dt.datetime(2025, 2, 1, tzinfo=dt.UTC)
    )[0]

    response = client.post(occurrence_url("rsvp", past), {"response": "yes"})

    assert response.status_code == 409
    assert b"This meeting is over." in response.content
    assert not Rsvp.objects.exists()


def test_rsvp_with_an_unknown_answer_is_refused(client):
    meeting = MeetingFactory()
    client.force_login(MembershipFactory(community=meeting.community).user)

    response = client.post(occurrence_url("rsvp", occurrences(meeting)[0]), {"response": "ok"})

    assert response.status_code == 400
    assert not Rsvp.objects.exists()


def test_rsvp_refused_for_a_non_member_of_a_public_cop_and_not_found_in_a_private_one(client):
    public, private = (
        MeetingFactory(),
        MeetingFactory(community=CommunityFactory(visibility=Visibility.PRIVATE)),
    )
    client.force_login(UserFactory())

    refused = client.post(occurrence_url("rsvp", occurrences(public)[0]), {"response": "yes"})
    hidden = client.post(occurrence_url("rsvp", occurrences(private)[0]), {"response": "yes"})

    assert (refused.status_code, hidden.status_code) == (403, 404)
    assert not Rsvp.objects.exists()


def test_rsvp_is_refused_in_an_archived_cop(client):
    meeting = MeetingFactory(community=CommunityFactory(stage=Stage.ARCHIVED))
    client.force_login(MembershipFactory(community=meeting.community).user)

    response = client.post(occurrence_url("rsvp", occurrences(meeting)[0]), {"response": "yes"})

    assert response.status_code == 403
    assert not Rsvp.objects.exists()


def test_an_occurrence_the_series_does_not_have_or_another_cops_meeting_is_not_found(client):
    meeting, elsewhere = MeetingFactory(), MeetingFactory()
    client.force_login(MembershipFactory(community=meeting.community).user)
    slug = meeting.community.slug
    key = occurrences(meeting)[0].key
    wrong_hour = key[:9] + "03" + key[11:]

    for pk, occurrence in [(meeting.pk, wrong_hour), (meeting.pk, "garbage"), (elsewhere.pk, key)]:
        url = reverse("meetings:rsvp", args=[slug, pk, occurrence])
        assert client.post(url, {"response": "yes"}).status_code == 404
    assert not Rsvp.objects.exists()


# --- What each person sees ---------------------------------------------------------------------


def test_facilitator_sees_counts_and_who_has_not_answered_and_a_member_does_not(client):
    meeting = MeetingFactory()
    lead = MembershipFactory(community=meeting.community, roles=[Role.FACILITATOR]).user
    answered = MembershipFactory(community=meeting.community).user
    silent = MembershipFactory(community=meeting.community, user__name="Quiet Quentin").user
    first = occurrences(meeting)[0]
    Rsvp.objects.create(
        meeting=meeting, occurrence_start=first.original_start, member=answered, response="yes"
    )

    client.force_login(lead)
    lead_page = client.get(meeting.get_absolute_url()).content.decode()
    client.force_login(silent)
    member_page = client.get(meeting.get_absolute_url()).content.decode()

    assert "Yes 1 · No 0 · Maybe 0" in lead_page
    assert "Quiet Quentin" in lead_page
    assert answered.display_name not in lead_page.split("Not answered yet")[1]
    assert "Yes 1" not in member_page
    assert "Not answered yet" not in member_page


def next_winter_day() -> dt.date:
    """A day soon when both Chicago and Berlin keep standard time."""
    day = dt.datetime.now(dt.UTC).date() + dt.timedelta(days=7)
    while day.month not in {12, 1, 2}:
        day += dt.timedelta(days=1)
    return day


def test_times_are_shown_in_the_viewers_zone(client):
    # 09:00 in Chicago in winter (UTC-6) is 16:00 in Berlin (UTC+1).
    meeting = MeetingFactory(start_date=next_winter_day(), recurrence="none", repeat_count=None)
    viewer = MembershipFactory(community=meeting.community, user__timezone="Europe/Berlin").user
    client.force_login(viewer)

    page = client.get(reverse("meetings:list", args=[meeting.community.slug])).content.decode()

    assert "16:00\N{EN DASH}17:00 CET" in page
    detail = client.get(meeting.get_absolute_url()).content.decode()
    # The series itself is described in its own zone, as it was scheduled.
    assert "09:00\N{EN DASH}10:00 America/Chicago" in detail


def test_meetings_list_says_so_when_nothing_is_coming(client, facilitator):
    page = client.get(reverse("meetings:list", args=[facilitator.community.slug]))

    assert b"No meetings coming up." in page.content
    assert b"Schedule a meeting" in page.content


def test_meetings_list_pages_through_many_occurrences(client):
    meeting = MeetingFactory(repeat_count=30)
    client.force_login(MembershipFactory(community=meeting.community).user)
    url = reverse("meetings:list", args=[meeting.community.slug])

    first, second = client.get(url), client.get(url, {"page": 2})

    assert len(first.context["page"]) == 20
    assert len(second.context["page"]) == 10


@pytest.mark.parametrize("series", [1, 10])
def test_meeting_pages_queries_stay_flat_when_series_grow(
    series, client, django_assert_max_num_queries
):
    community = CommunityFactory()
    meetings = MeetingFactory.create_batch(series, community=community)
    for meeting in meetings:
        OccurrenceChange.objects.create(
            meeting=meeting, original_start=occurrences(meeting)[1].original_start, cancelled=True
        )
    lead = MembershipFactory(community=community, roles=[Role.FACILITATOR]).user
    client.force_login(lead)

    with django_assert_max_num_queries(10):
        client.get(reverse("meetings:list", args=[community.slug]))
    with django_assert_max_num_queries(14):
        client.get(meetings[0].get_absolute_url())
    with django_assert_max_num_queries(14):
        client.get(reverse("meetings:calendar"))
