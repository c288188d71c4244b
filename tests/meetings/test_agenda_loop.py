"""The loop closes: an occurrence's agenda lists, live, the open action items of its series and
of the goals its agenda names, links the previous minutes, and moves an item's status."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from communities.models import Role
from meetings.models import ActionItem, ActionStatus, AgendaItem, Goal, OccurrenceRecord
from meetings.recurrence import occurrences_between
from tests.factories import MembershipFactory
from tests.meetings.factories import ActionItemFactory, MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def series():
    """A weekly series that began two weeks ago, its facilitator, and its next occurrence."""
    facilitator = MembershipFactory(roles=[Role.FACILITATOR])
    began = timezone.now() - dt.timedelta(days=14)
    meeting = MeetingFactory(community=facilitator.community, start_date=began.date())
    found = occurrences_between(meeting, began - dt.timedelta(days=1), timezone.now())
    upcoming = occurrences_between(meeting, timezone.now(), timezone.now() + dt.timedelta(9))
    return {
        "meeting": meeting,
        "facilitator": facilitator.user,
        "past": found,
        "next": upcoming[0],
    }


def page_url(occurrence):
    meeting = occurrence.meeting
    return reverse("meetings:occurrence", args=[meeting.community.slug, meeting.pk, occurrence.key])


def test_the_next_agenda_reviews_open_items_of_the_series_and_its_goals_not_done_ones(
    client, series
):
    meeting = series["meeting"]
    community = meeting.community
    goal = Goal.objects.create(community=community, position=1, title="Grow peer trainings")
    AgendaItem.objects.create(meeting=meeting, position=0, title="Trainings", goal=goal)
    of_series = ActionItemFactory(community=community, meeting=meeting, title="Book the room")
    of_goal = ActionItemFactory(community=community, goal=goal, title="Ask two trainers")
    ActionItemFactory(community=community, meeting=meeting, title="Old news", status="done")
    ActionItemFactory(community=community, title="Unrelated")
    other_goal = Goal.objects.create(community=community, position=2, title="Other goal")
    ActionItemFactory(community=community, goal=other_goal, title="Other goal's item")
    client.force_login(MembershipFactory(community=community).user)

    response = client.get(page_url(series["next"]))

    page = response.content.decode()
    assert [item.title for item in response.context["review"]] == [of_series.title, of_goal.title]
    for shown in (of_series, of_goal):
        assert shown.title in page
        assert shown.owner.display_name in page
    for hidden in ("Old news", "Unrelated", "Other goal's item"):
        assert hidden not in page
    assert "Grow peer trainings" in page


def test_the_agenda_reads_items_live_so_a_status_change_shows_at_once(client, series):
    meeting = series["meeting"]
    item = ActionItemFactory(community=meeting.community, meeting=meeting, title="Book the room")
    client.force_login(series["facilitator"])
    before = client.get(page_url(series["next"])).content.decode()

    ActionItem.objects.filter(pk=item.pk).update(status=ActionStatus.DONE)
    after = client.get(page_url(series["next"])).content.decode()

    assert "Book the room" in before
    assert "Book the room" not in after


def test_status_update_from_the_agenda_saves_and_returns_to_the_agenda(client, series):
    meeting = series["meeting"]
    item = ActionItemFactory(community=meeting.community, meeting=meeting)
    client.force_login(series["facilitator"])
    agenda = page_url(series["next"])

    response = client.post(
        reverse("meetings:action_status", args=[meeting.community.slug, item.pk]),
        {"status": "done", "next": agenda},
    )

    item.refresh_from_db()
    assert (item.status, response.status_code, response["Location"]) == ("done", 302, agenda)


def test_status_update_with_htmx_swaps_the_row_and_varies_on_the_header(client, series):
    meeting = series["meeting"]
    item = ActionItemFactory(community=meeting.community, meeting=meeting)
    client.force_login(item.owner)

    response = client.post(
        reverse("meetings:action_status", args=[meeting.community.slug, item.pk]),
        {"status": "in_progress", "next": page_url(series["next"])},
        headers={"HX-Request": "true"},
    )

    item.refresh_from_db()
    page = response.content.decode()
    assert item.status == "in_progress"
    assert page.lstrip().startswith("<li") and f'id="action-{item.pk}"' in page
    assert '<option value="in_progress" selected>' in page
    assert "Status saved." in page
    assert "HX-Request" in response["Vary"]


def test_status_update_ignores_a_next_address_on_another_site(client, series):
    meeting = series["meeting"]
    item = ActionItemFactory(community=meeting.community, meeting=meeting)
    client.force_login(item.owner)

    response = client.post(
        reverse("meetings:action_status", args=[meeting.community.slug, item.pk]),
        {"status": "done", "next": "https://evil.example.com/"},
    )

    assert response["Location"] == reverse("meetings:actions", args=[meeting.community.slug])


def test_the_agenda_links_the_minutes_of_the_last_meeting_that_has_them(client, series):
    meeting = series["meeting"]
    first, second = series["past"][:2]
    OccurrenceRecord.objects.create(
        meeting=meeting, occurrence_start=first.original_start, minutes="Agreed", minutes_html="x"
    )
    OccurrenceRecord.objects.create(  # notes only: no minutes to link
        meeting=meeting, occurrence_start=second.original_start, notes="Prep"
    )
    client.force_login(MembershipFactory(community=meeting.community).user)

    page = client.get(page_url(series["next"])).content.decode()
    first_page = client.get(page_url(first)).content.decode()

    assert f"{page_url(first)}#minutes" in page
    assert "Minutes of the previous meeting" not in first_page
    assert "No minutes of an earlier meeting yet." in first_page


def test_an_occurrence_the_series_does_not_have_is_not_found(client, series):
    meeting = series["meeting"]
    client.force_login(series["facilitator"])
    url = reverse(
        "meetings:occurrence", args=[meeting.community.slug, meeting.pk, "20300101T000000Z"]
    )

    assert client.get(url).status_code == 404


def test_the_meeting_page_links_each_occurrence_and_the_past_ones(client, series):
    client.force_login(series["facilitator"])

    page = client.get(series["meeting"].get_absolute_url()).content.decode()

    assert page_url(series["next"]) in page
    assert page_url(series["past"][0]) in page


def test_naming_a_goal_on_the_agenda_brings_its_open_items_to_review(client, series):
    meeting = series["meeting"]
    community = meeting.community
    goal = Goal.objects.create(community=community, position=1, title="Grow peer trainings")
    item = AgendaItem.objects.create(meeting=meeting, position=0, title="Trainings")
    ActionItemFactory(community=community, goal=goal, title="Ask two trainers")
    agenda = page_url(series["next"])
    link = reverse("meetings:agenda_goal", args=[community.slug, meeting.pk, item.pk])
    client.force_login(MembershipFactory(community=community).user)

    refused = client.post(link, {"goal": goal.pk, "next": agenda})
    client.force_login(series["facilitator"])
    before = client.get(agenda).content.decode()
    named = client.post(link, {"goal": goal.pk, "next": agenda})
    after = client.get(agenda).content.decode()

    assert (refused.status_code, named.status_code, named["Location"]) == (403, 302, agenda)
    assert "Ask two trainers" not in before
    assert "Ask two trainers" in after
    item.refresh_from_db()
    assert item.goal == goal


def test_an_agenda_item_cannot_name_another_cops_goal(client, series):
    meeting = series["meeting"]
    item = AgendaItem.objects.create(meeting=meeting, position=0, title="Trainings")
    elsewhere = Goal.objects.create(community=MeetingFactory().community, position=1, title="x")
    client.force_login(series["facilitator"])

    response = client.post(
        reverse("meetings:agenda_goal", args=[meeting.community.slug, meeting.pk, item.pk]),
        {"goal": elsewhere.pk},
    )

    item.refresh_from_db()
    assert (response.status_code, item.goal) == (400, None)


def test_the_occurrence_page_keeps_its_queries_when_review_items_grow_tenfold(client, series):
    meeting = series["meeting"]
    community = meeting.community
    goal = Goal.objects.create(community=community, position=1, title="Grow peer trainings")
    AgendaItem.objects.create(meeting=meeting, position=0, title="Trainings", goal=goal)
    client.force_login(series["facilitator"])

    def add(n):
        for _ in range(n):
            ActionItemFactory(community=community, meeting=meeting)
            ActionItemFactory(community=community, goal=goal)

    add(2)
    with CaptureQueriesContext(connection) as few:
        client.get(page_url(series["next"]))
    add(18)
    with CaptureQueriesContext(connection) as many:
        response = client.get(page_url(series["next"]))

    assert len(many) == len(few)
    assert len(response.context["review"]) == 40
