"""The demo's meetings get their reminders through the same service as any series: none for
the cancelled occurrence, the moved one's at its new time, and a second run adds none."""

from io import StringIO

import pytest
from django.core.management import call_command

from meetings.models import OccurrenceChange, Reminder

pytestmark = pytest.mark.django_db


def test_seed_demo_schedules_the_demo_meetings_reminders_once_when_run_twice():
    call_command("seed_demo", stdout=StringIO())
    first = Reminder.objects.count()
    call_command("seed_demo", stdout=StringIO())

    assert Reminder.objects.count() == first > 0
    cancelled = OccurrenceChange.objects.get(cancelled=True)
    assert not Reminder.objects.filter(
        meeting=cancelled.meeting, occurrence_start=cancelled.original_start
    ).exists()
    moved = OccurrenceChange.objects.get(cancelled=False)
    assert set(
        Reminder.objects.filter(
            meeting=moved.meeting, occurrence_start=moved.original_start
        ).values_list("starts_at", flat=True)
    ) == {moved.new_start}
