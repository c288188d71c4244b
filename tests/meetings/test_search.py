"""Meetings in the site search: title, description, agenda and minutes, as `meeting.view` allows."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from communities.discussions.services import start_thread
from communities.models import Membership, User, Visibility
from meetings.follow_up_services import write_minutes
from meetings.models import AgendaItem
from meetings.recurrence import occurrences_between
from meetings.search import search_meetings
from tests.factories import CommunityFactory, MembershipFactory, ProgramFactory, UserFactory
from tests.meetings.factories import MeetingFactory

pytestmark = pytest.mark.django_db


def results(client, query):
    return client.get(reverse("search"), {"q": query}).content.decode()


def first_occurrence(meeting):
    now = timezone.now()
    return occurrences_between(meeting, now - dt.timedelta(days=400), now + dt.timedelta(days=400))[
        0
    ]


def minutes_of(meeting, text):
    return write_minutes(actor=None, occurrence=first_occurrence(meeting), notes="", minutes=text)


def test_a_meetings_title_agenda_and_minutes_are_found_with_links_and_snippets(client):
    meeting = MeetingFactory(title="Telehealth huddle", description="We review intake forms.")
    AgendaItem.objects.create(meeting=meeting, position=0, title="Caseload triage")
    minutes_of(meeting, "We agreed on **fidelity** checks <script>x</script>.")
    client.force_login(MembershipFactory(community=meeting.community).user)

    title = results(client, "telehealth")
    agenda = results(client, "triage")
    minutes = results(client, "fidelity")

    assert "Telehealth huddle" in title and meeting.get_absolute_url() in title
    assert "<mark>triage</mark>" in agenda and meeting.get_absolute_url() in agenda
    occurrence = first_occurrence(meeting)
    url = reverse("meetings:occurrence", args=[meeting.community.slug, meeting.pk, occurrence.key])
    assert "<mark>fidelity</mark>" in minutes and url in minutes
    assert "<script>x" not in minutes and "**" not in minutes
    assert "1 result" in minutes


def test_a_meeting_found_by_its_title_is_not_found_again_by_its_agenda(client):
    meeting = MeetingFactory(title="Triage huddle")
    AgendaItem.objects.create(meeting=meeting, position=0, title="Triage cases")
    client.force_login(MembershipFactory(community=meeting.community).user)

    html = results(client, "triage")

    assert "1 result" in html and "Meeting agenda" not in html


def test_a_meeting_title_ranks_with_the_threads_by_the_same_measure(client):
    member = MembershipFactory()
    MeetingFactory(community=member.community, title="Budget planning")
    start_thread(
        actor=member.user, community=member.community, kind="general", title="Lunch",
        body="Someone mentioned the budget once.",
    )  # fmt: skip
    client.force_login(member.user)

    html = results(client, "budget")

    # The meeting's title (weight A) outranks a thread's body (weight B).
    assert html.index("Budget planning") < html.index("Lunch")
    assert "2 results" in html


def test_a_private_cops_meetings_and_minutes_never_reach_a_non_member(client):
    private = CommunityFactory(visibility=Visibility.PRIVATE)
    meeting = MeetingFactory(community=private, title="Confidential roster review")
    minutes_of(meeting, "The roster moved to Tuesday.")
    client.force_login(UserFactory())

    for word in ("confidential", "roster", "tuesday"):
        html = results(client, word)
        assert "Confidential" not in html
        assert "Nothing matches" in html
        assert "1 result" not in html


def test_a_former_member_finds_nothing_more_and_a_member_of_it_does(client):
    private = CommunityFactory(visibility=Visibility.PRIVATE)
    meeting = MeetingFactory(community=private, title="Roster review")
    minutes_of(meeting, "Roster moved.")
    membership = MembershipFactory(community=private)
    client.force_login(membership.user)
    assert "2 results" in results(client, "roster")

    Membership.objects.filter(pk=membership.pk).delete()

    assert "Nothing matches" in results(client, "roster")


def test_a_programs_tta_leader_finds_its_private_cops_meetings(client):
    program = ProgramFactory()
    leader = UserFactory()
    program.leaders.add(leader)
    private = CommunityFactory(visibility=Visibility.PRIVATE, program=program)
    MeetingFactory(community=private, title="Roster review")

    hits = search_meetings(viewer=leader, query="roster").hits()

    assert [hit.title for hit in hits] == ["Roster review"]


def test_nobody_signed_out_finds_a_meeting():
    MeetingFactory(title="Roster review")

    from django.contrib.auth.models import AnonymousUser  # noqa: PLC0415

    assert search_meetings(viewer=AnonymousUser(), query="roster").hits() == []


@pytest.mark.parametrize("rows", [3, 30])
def test_search_queries_stay_flat_as_meetings_grow(rows, client, django_assert_max_num_queries):
    member = MembershipFactory()
    for number in range(rows):
        meeting = MeetingFactory(community=member.community, title=f"Supervision {number}")
        AgendaItem.objects.create(meeting=meeting, position=0, title="Supervision cases")
        minutes_of(meeting, "supervision notes")
    client.force_login(member.user)

    # One query ranks the discussions, one ranks the three kinds of meetings, one loads each
    # kind the page shows (session, user and memberships besides).
    with django_assert_max_num_queries(10):
        response = client.get(reverse("search"), {"q": "supervision"})
    assert response.status_code == 200


def test_past_the_cap_only_the_newest_matches_are_ranked_and_the_page_says_so(
    client, monkeypatch, django_assert_num_queries
):
    member = MembershipFactory()
    community = member.community
    # The oldest meetings match best (the word twice, in the title); the newest match weakly.
    strong = [
        MeetingFactory(community=community, title="Supervision supervision", description="")
        for _ in range(2)
    ]
    weak = [
        MeetingFactory(community=community, title="Weekly", description="peer supervision")
        for _ in range(3)
    ]
    monkeypatch.setattr("meetings.search.CANDIDATES", 5)
    viewer = User.objects.get(pk=member.user_id)  # fresh each time: its access is not cached
    with CaptureQueriesContext(connection) as uncapped:
        ranking = search_meetings(viewer=viewer, query="supervision")
    assert not ranking.limited
    assert {match.key for match in ranking.ranked} == {("meeting", m.pk) for m in strong + weak}

    monkeypatch.setattr("meetings.search.CANDIDATES", 3)
    viewer = User.objects.get(pk=member.user_id)
    with django_assert_num_queries(len(uncapped.captured_queries)):
        ranking = search_meetings(viewer=viewer, query="supervision")
    assert ranking.limited
    assert [match.key for match in ranking.ranked] == [
        ("meeting", m.pk) for m in sorted(weak, key=lambda m: -m.pk)
    ]

    client.force_login(member.user)
    html = results(client, "supervision")
    assert "only the most recent matches were ranked" in html
