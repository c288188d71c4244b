"""Check-ins in the demo: the program's CoPs have plans, a few check-ins (one with a follow-up),
one CoP three days overdue and one more than a cadence, none for the archived or stand-alone
CoPs; safe to run again."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from oversight.models import CheckIn, CheckInMail, CheckInPlan, StatusUpdate

pytestmark = pytest.mark.django_db


def counts() -> dict[str, int]:
    return {
        m.__name__: m.objects.count() for m in (CheckIn, CheckInPlan, StatusUpdate, CheckInMail)
    }


def test_seed_demo_adds_checkins_with_two_overdue_once_when_run_twice():
    call_command("seed_demo", stdout=StringIO())
    first = counts()
    call_command("seed_demo", stdout=StringIO())

    assert counts() == first
    assert first["CheckIn"] == 5
    today = timezone.localdate()
    overdue = CheckInPlan.objects.filter(next_due_on__lt=today).order_by("community__slug")
    # Three days late; and the health demo's quiet CoP, more than its four weeks late.
    assert {plan.community.slug: (today - plan.next_due_on).days for plan in overdue} == {
        "recovery-leaders": 3,
        "rural-outreach": 36,
    }
    planned = set(CheckInPlan.objects.values_list("community__slug", flat=True))
    assert "youth-transition-network-2023" not in planned  # archived
    assert "harm-reduction-practitioners" not in planned  # in no program
    [follow_up] = CheckIn.objects.get(notes__startswith="Supervision differs").follow_ups.all()
    assert follow_up.title == "Share the supervision checklist"
    # The facilitators' status requests and the provider's reminders are armed for the beat.
    assert CheckInMail.objects.filter(kind="request").exists()
    assert CheckInMail.objects.filter(kind="reminder").exists()
