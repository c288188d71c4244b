"""The charter in the demo: published, three goals (one in progress with a note), two roles,
and safe to run again."""

from io import StringIO

import pytest
from django.core.management import call_command

from meetings.models import Charter, CharterRole, Goal, GoalNote, GoalStatus

pytestmark = pytest.mark.django_db


def counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count() for model in (Charter, CharterRole, Goal, GoalNote)
    }


def test_seed_demo_adds_a_published_charter_once_when_run_twice(client):
    call_command("seed_demo", stdout=StringIO())
    first = counts()
    call_command("seed_demo", stdout=StringIO())

    assert counts() == first == {"Charter": 1, "CharterRole": 2, "Goal": 3, "GoalNote": 1}
    charter = Charter.objects.select_related("community").get()
    assert charter.is_published
    in_progress = Goal.objects.get(status=GoalStatus.IN_PROGRESS)
    assert in_progress.notes.count() == 1
    roles = list(charter.roles.values_list("name", "holder__email"))
    assert roles == [("Note taker", "member@example.org"), ("Timekeeper", None)]
    client.force_login(charter.roles.get(position=1).holder)
    page = client.get(charter.get_absolute_url()).content.decode()
    assert in_progress.title in page
