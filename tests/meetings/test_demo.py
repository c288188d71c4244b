"""Meetings in the demo: coming up, with a cancelled and a moved occurrence and answers, and
safe to run again."""

from io import StringIO

import pytest
from django.core.management import call_command

from meetings.models import AgendaItem, Meeting, OccurrenceChange, Rsvp

pytestmark = pytest.mark.django_db

COUNTED = (Meeting, AgendaItem, OccurrenceChange, Rsvp)


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in COUNTED}


def test_seed_demo_adds_meetings_with_changes_and_answers_once_when_run_twice():
    call_command("seed_demo", stdout=StringIO())
    first = counts()
    call_command("seed_demo", stdout=StringIO())

    assert counts() == first
    assert first["Meeting"] == 2
    assert OccurrenceChange.objects.filter(cancelled=True).count() == 1
    assert OccurrenceChange.objects.filter(cancelled=False).count() == 1
    assert first["Rsvp"] == 3
