"""Evaluations in the demo: one closed with results above the threshold, one open; safe to run
again."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from oversight.evaluation_results import results_of
from oversight.models import Answer, Evaluation, Responded, SurveyResponse

pytestmark = pytest.mark.django_db


def counts() -> tuple[int, ...]:
    return tuple(m.objects.count() for m in (Evaluation, SurveyResponse, Answer, Responded))


def test_seed_demo_adds_a_closed_evaluation_with_results_and_an_open_one_once():
    call_command("seed_demo", stdout=StringIO())
    first = counts()
    call_command("seed_demo", stdout=StringIO())

    assert counts() == first
    today = timezone.localdate()
    closed = Evaluation.objects.get(closes_on__lt=today)
    open_one = Evaluation.objects.get(opens_on__lte=today, closes_on__gte=today)
    results = results_of([closed])
    assert closed.anonymous and results.evaluations == [closed] and not results.hidden
    assert results.responses >= 5
    assert all(r.person_id is None for r in closed.responses.all())
    assert not open_one.anonymous and open_one.invited_at is None  # the beat invites
