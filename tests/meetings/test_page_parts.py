"""Where people meet meetings: the CoP page's panel and the home page's sections."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from communities.models import Role, Visibility
from meetings.models import Convening, ConveningRsvp, GoalStatus, MeetingFormat, Rsvp
from meetings.page_parts import meetings_panel, program_meetings_panel
from meetings.recurrence import occurrences_between
from meetings.services import cancel_occurrence
from tests.factories import CommunityFactory, MembershipFactory, ProgramFactory, UserFactory
from tests.meetings.factories import (
    ActionItemFactory,
    CharterFactory,
    GoalFactory,
    MeetingFactory,
)

pytestmark = pytest.mark.django_db


def coming(meeting):
    now = timezone.now()
    return occurrences_between(meeting, now, now + dt.timedelta(days=400))


def soon(days=2):
    return timezone.now().date() + dt.timedelta(days=days)


def page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_cop_page_shows_the_next_meetings_with_my_answer_and_the_charters_goals(client):
    meeting = MeetingFactory(title="Weekly check-in", start_date=soon())
    member = MembershipFactory(community=meeting.community).user
    first = coming(meeting)[0]
    Rsvp.objects.create(
        meeting=meeting, occurrence_start=first.original_start, member=member, response="yes"
    )
    CharterFactory(community=meeting.community)
    GoalFactory(community=meeting.community, title="Shorter waits", status=GoalStatus.IN_PROGRESS)
    client.force_login(member)

    html = page(client, meeting.community.get_absolute_url())

    assert "Next meetings" in html
    assert html.count("Weekly check-in") == 3
    assert "Your answer: Yes" in html and "Not answered yet" in html
    assert "Shorter waits" in html and "In progress" in html
    assert reverse("meetings:series_calendar", args=[meeting.community.slug]) in html
    assert reverse("meetings:actions", args=[meeting.community.slug]) in html


def test_the_panel_marks_a_cancelled_occurrence_and_shows_no_goals_of_a_draft_charter(client):
    meeting = MeetingFactory(title="Weekly check-in", start_date=soon())
    cancel_occurrence(actor=None, occurrence=coming(meeting)[0])
    CharterFactory(community=meeting.community, published_at=None)
    GoalFactory(community=meeting.community, title="Draft goal")
    client.force_login(MembershipFactory(community=meeting.community).user)

    html = page(client, meeting.community.get_absolute_url())

    assert "<s>Weekly check-in</s>" in html and "Cancelled" in html
    assert "Draft goal" not in html


def test_the_panel_says_when_nothing_is_coming(client):
    member = MembershipFactory()
    client.force_login(member.user)

    html = page(client, member.community.get_absolute_url())

    assert "Next meetings" in html and "No meetings coming up." in html


def test_the_panel_shows_times_in_the_viewers_zone(client):
    winter = dt.date(timezone.now().year + 1, 1, 12)
    meeting = MeetingFactory(start_date=winter, recurrence="none", repeat_count=None)
    viewer = MembershipFactory(community=meeting.community, user__timezone="Europe/Berlin").user
    client.force_login(viewer)

    # 09:00 in Chicago in winter is 16:00 in Berlin.
    assert "16:00 CET" in page(client, meeting.community.get_absolute_url())


def test_no_panel_for_those_who_may_not_see_meetings():
    private = CommunityFactory(visibility=Visibility.PRIVATE)
    MeetingFactory(community=private)
    request = RequestFactory().get("/")
    request.user = AnonymousUser()

    assert meetings_panel(request, private) is None
    request.user = MembershipFactory().user  # a member of another CoP
    assert meetings_panel(request, private) is None


def test_home_lists_the_next_two_weeks_meetings_across_my_cops_soonest_first(client):
    member = MembershipFactory(community__name="Alpha CoP").user
    later = MeetingFactory(
        community=member.memberships.get().community, title="Later one", start_date=soon(5)
    )
    other = MembershipFactory(user=member, community__name="Beta CoP").community
    MeetingFactory(community=other, title="Sooner one", start_date=soon(1))
    MeetingFactory(community=other, title="Far away", start_date=soon(40))
    cancel_occurrence(actor=None, occurrence=coming(later)[1])  # 12 days on: left out
    MeetingFactory(title="Not my CoP", start_date=soon(1))
    client.force_login(member)

    html = page(client, reverse("home"))

    assert "Upcoming meetings" in html
    assert html.index("Sooner one") < html.index("Later one")
    assert html.count("Later one") == 1
    assert "Beta CoP" in html and "Alpha CoP" in html
    assert "Far away" not in html and "Not my CoP" not in html


def test_home_lists_my_open_action_items_overdue_first_in_words(client):
    membership = MembershipFactory()
    member, community = membership.user, membership.community
    ActionItemFactory(community=community, owner=member, title="Due later", due_date=soon(3))
    ActionItemFactory(community=community, owner=member, title="Late one", due_date=soon(-3))
    ActionItemFactory(community=community, owner=member, title="Finished", status="done")
    ActionItemFactory(community=community, title="Someone else's")
    client.force_login(member)

    html = page(client, reverse("home"))

    assert "My open action items" in html
    assert html.index("Late one") < html.index("Due later")
    assert "Overdue:</strong> Late one" in html
    assert "Finished" not in html and "Someone else" not in html


def test_home_shows_neither_section_when_there_is_nothing(client):
    client.force_login(MembershipFactory().user)

    html = page(client, reverse("home"))

    assert "Upcoming meetings" not in html and "My open action items" not in html


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_panel_and_the_home_sections_cost_the_same_queries_with_ten_times_the_rows(client):
    counts = []
    for rows in (1, 10):
        community = CommunityFactory()
        member = MembershipFactory(community=community, roles=[Role.FACILITATOR]).user
        for _ in range(rows):
            meeting = MeetingFactory(community=community, start_date=soon())
            for occurrence in coming(meeting)[:2]:
                Rsvp.objects.create(
                    meeting=meeting,
                    occurrence_start=occurrence.original_start,
                    member=member,
                    response="maybe",
                )
            cancel_occurrence(actor=None, occurrence=coming(meeting)[2])
            ActionItemFactory(community=community, owner=member, due_date=soon(-1))
            GoalFactory(community=community)
        CharterFactory(community=community)
        client.force_login(member)
        home = page(client, reverse("home"))
        assert "Upcoming meetings" in home and "Overdue:" in home
        counts.append(
            (_queries(client, community.get_absolute_url()), _queries(client, reverse("home")))
        )
    assert counts[0] == counts[1]


# --- The program page's panel (issue 12, step 3): its convenings, month, list and feed ----------


def program_world():
    program = ProgramFactory()
    leader = UserFactory(is_tta_leader=True)
    program.leaders.add(leader)
    community = CommunityFactory(program=program)
    facilitator = MembershipFactory(community=community, roles=[Role.FACILITATOR]).user
    member = MembershipFactory(community=community).user
    return program, leader, facilitator, member


def convening_of(program, title="Leaders' round", **extra):
    return Convening.objects.create(
        program=program,
        title=title,
        start_date=soon(5),
        start_time=dt.time(15),
        duration=dt.timedelta(hours=1),
        time_zone="America/New_York",
        format=MeetingFormat.VIRTUAL,
        join_url="https://meet.example.org/round",
        **extra,
    )


def test_the_program_page_shows_an_invitee_the_next_convenings_with_their_answer(client):
    program, _leader, facilitator, _member = program_world()
    convening = convening_of(program)
    convening_of(program, title="Called off", cancelled_at=timezone.now())
    ConveningRsvp.objects.create(convening=convening, member=facilitator, response="maybe")
    client.force_login(facilitator)

    html = page(client, program.get_absolute_url())

    assert "Leaders&#x27; round" in html
    assert convening.get_absolute_url() in html
    assert "Your answer: Maybe" in html
    assert "Called off" not in html
    assert reverse("meetings:convenings", args=[program.slug]) in html
    assert reverse("meetings:convening_create", args=[program.slug]) not in html


def test_the_program_page_gives_everyone_its_month_list_and_public_feed_but_no_convening(client):
    program, leader, _facilitator, member = program_world()
    convening_of(program)

    client.force_login(member)
    html = page(client, program.get_absolute_url())
    client.force_login(leader)
    leaders = page(client, program.get_absolute_url())

    for name, arg in (
        ("meetings:program_calendar", program.slug),
        ("meetings:program_meetings", program.slug),
        ("meetings:program_feed", program.pk),
    ):
        assert reverse(name, args=[arg]) in html
    assert "Leaders&#x27; round" not in html
    assert reverse("meetings:convenings", args=[program.slug]) not in html
    assert reverse("meetings:convening_create", args=[program.slug]) in leaders


def test_the_program_panel_asks_no_more_queries_for_more_convenings_and_answers():
    def queries(convenings: int) -> int:
        program, _leader, facilitator, _member = program_world()
        for number in range(convenings):
            convening = convening_of(program, title=f"Round {number}")
            ConveningRsvp.objects.create(convening=convening, member=facilitator, response="yes")
        request = RequestFactory().get("/")
        request.user = facilitator
        with CaptureQueriesContext(connection) as captured:
            context = program_meetings_panel(request, program)
        assert [row["answer"] for row in context["rows"]] == ["Yes"] * min(convenings, 3)
        return len(captured)

    assert queries(1) == queries(10)
