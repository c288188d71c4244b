"""Meetings in the demo: coming up, with a cancelled and a moved occurrence and answers, and
safe to run again."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from communities.models import User
from meetings.demo import DEMO_MEETINGS, FOLLOW_UP_SLUG, FOLLOW_UP_TITLE
from meetings.models import (
    ActionItem,
    AgendaItem,
    Convening,
    ConveningRsvp,
    Meeting,
    OccurrenceChange,
    OccurrenceRecord,
    Rsvp,
)

pytestmark = pytest.mark.django_db

COUNTED = (Meeting, AgendaItem, OccurrenceChange, Rsvp)


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in COUNTED}


def test_seed_demo_adds_meetings_with_changes_and_answers_once_when_run_twice():
    call_command("seed_demo", stdout=StringIO())
    first = counts()
    call_command("seed_demo", stdout=StringIO())

    assert counts() == first
    # Oversight's health demo adds a meeting of its own elsewhere; these are meetings' own.
    assert Meeting.objects.filter(community__slug__in=DEMO_MEETINGS).count() == 2
    assert OccurrenceChange.objects.filter(cancelled=True).count() == 1
    assert OccurrenceChange.objects.filter(cancelled=False).count() == 1
    assert first["Rsvp"] == 3


def test_seed_demo_adds_attendance_minutes_and_action_items_once_when_run_twice():
    call_command("seed_demo", stdout=StringIO())
    call_command("seed_demo", stdout=StringIO())

    today = timezone.localdate()
    # The follow-up of the weekly check-in; oversight's health demo adds attendance and action
    # items of other CoPs.
    items = ActionItem.objects.filter(community__slug=FOLLOW_UP_SLUG)
    overdue = [i for i in items if i.is_overdue_on(today)]
    meeting = Meeting.objects.get(community__slug=FOLLOW_UP_SLUG, title=FOLLOW_UP_TITLE)
    assert (meeting.attendance.count(), OccurrenceRecord.objects.count()) == (4, 1)
    assert OccurrenceRecord.objects.get().minutes_html.startswith("<p><strong>Wins")
    assert (items.count(), len(overdue), items.filter(status="done").count()) == (4, 2, 1)


def test_seed_demo_adds_a_convening_of_the_programs_leaders_with_an_answer_once(client):
    call_command("seed_demo", stdout=StringIO())
    call_command("seed_demo", stdout=StringIO())

    (convening,) = Convening.objects.all()
    assert convening.program.slug == "2024-cop-series"
    assert convening.start_date > timezone.localdate()
    (answer,) = ConveningRsvp.objects.all()
    assert (answer.member.email, answer.response) == ("facilitator@example.org", "yes")
    # The program's TTA leader sees the answer and that they have not answered themselves.
    client.force_login(User.objects.get(email="leader@example.org"))
    page = client.get(convening.get_absolute_url()).content.decode()
    assert "Yes 1 · No 0 · Maybe 0" in page
