"""Oversight's scale data (`manage.py seed_scale` at a tiny factor): every open program CoP has
a check-in plan that follows its history, some are overdue, and the pages of a seeded CoP
answer; each program's CoPs were asked last month and are being asked now, their answers stored
as the survey stores them (an anonymous response names no one)."""

import io
from collections import Counter

import pytest
from django.core.management import call_command
from django.db.models import Count, F, Max
from django.urls import reverse
from django.utils import timezone

from communities.models import Community, Program, Role, Stage
from oversight.models import (
    Answer,
    CheckIn,
    CheckInPlan,
    Evaluation,
    StatusUpdate,
    SurveyResponse,
    SurveyTemplate,
)
from oversight.schedule import arm_all_plans
from oversight.surveys import DEFAULT_QUESTIONS
from tests.oversight.evaluation_helpers import chart_figures

pytestmark = pytest.mark.django_db


def test_seed_scale_makes_plans_that_follow_each_cops_history(client):
    out = io.StringIO()
    call_command("seed_scale", factor=0.01, yes_really=True, stdout=out)

    assert "oversight.checkins:" in out.getvalue()
    open_program_cops = Community.objects.filter(program__isnull=False).exclude(
        stage=Stage.ARCHIVED
    )
    assert CheckInPlan.objects.count() == open_program_cops.count() > 0
    assert CheckIn.objects.exists()
    for plan in CheckInPlan.objects.all():
        last = CheckIn.objects.filter(community=plan.community_id).aggregate(m=Max("held_on"))["m"]
        anchor = max(filter(None, (last, plan.started_on)))
        assert (plan.next_due_on - anchor).days == plan.cadence_days
    assert StatusUpdate.objects.count() <= CheckInPlan.objects.count()
    # The hourly arming takes the seeded plans as they are.
    due_before = list(CheckInPlan.objects.order_by("pk").values_list("next_due_on", flat=True))
    arm_all_plans(timezone.now())
    assert (
        list(CheckInPlan.objects.order_by("pk").values_list("next_due_on", flat=True)) == due_before
    )
    plan = CheckInPlan.objects.select_related("community__provider").first()
    client.force_login(plan.community.provider)
    assert client.get(reverse("oversight:checkins", args=[plan.community.slug])).status_code == 200
    assert client.get(reverse("oversight:my_checkins")).status_code == 200


def _seeded_evaluations():
    out = io.StringIO()
    call_command("seed_scale", factor=0.01, yes_really=True, stdout=out)
    assert "oversight.evaluations:" in out.getvalue()
    return list(Evaluation.objects.select_related("community").order_by("pk"))


def test_seed_scale_asks_each_program_cop_last_month_and_now():
    evaluations = _seeded_evaluations()
    today = timezone.localdate()

    program_cops = Community.objects.filter(program__isnull=False)
    by_program = [e for e in evaluations if e.program_id]
    assert len(by_program) == 2 * program_cops.count() > 0
    assert {e.program_id for e in by_program} == set(program_cops.values_list("program", flat=True))
    closed = [e for e in by_program if e.closes_on < today]
    open_now = [e for e in by_program if e.is_open_on(today)]
    assert len(closed) == len(open_now) == program_cops.count()
    assert all(e.anonymous for e in closed) and not any(e.anonymous for e in open_now)
    # A program's evaluations scheduled together share one frozen copy, owned by no one.
    assert len({e.questions_from_id for e in by_program}) == 2 * Program.objects.count()
    copies = SurveyTemplate.objects.filter(pk__in=[e.questions_from_id for e in evaluations])
    assert not copies.exclude(community=None, program=None, is_default=False)
    assert SurveyTemplate.objects.filter(is_default=True).count() == 1
    assert any(e.program_id is None for e in evaluations)  # some CoPs' own
    # Invitations count as sent: the beat emails no one about seeded evaluations.
    assert all(e.invited_at for e in evaluations)


def test_seeded_answers_keep_the_anonymity_invariants():
    evaluations = _seeded_evaluations()

    assert Answer.objects.count() > 0
    assert not SurveyResponse.objects.filter(evaluation__anonymous=True, person__isnull=False)
    assert not SurveyResponse.objects.filter(evaluation__anonymous=False, person__isnull=True)
    for evaluation in evaluations:
        responded = set(evaluation.responded.values_list("person_id", flat=True))
        members = set(evaluation.community.memberships.values_list("user_id", flat=True))
        responses = list(evaluation.responses.all())
        assert len(responses) == len(responded) and responded <= members
        assert len(responded) <= round(0.4 * len(members))
        if not evaluation.anonymous:
            assert {r.person_id for r in responses} == responded
        last_day = min(evaluation.closes_on, timezone.localdate())
        assert all(evaluation.opens_on <= r.submitted_on <= last_day for r in responses)
    # One answer a question of the evaluation's own copy, in every response.
    asked = Answer.objects.exclude(
        question__template=F("response__evaluation__questions_from")
    ).exists()
    assert not asked
    per_response = Answer.objects.values("response").annotate(n=Count("id"))
    assert {row["n"] for row in per_response} == {len(DEFAULT_QUESTIONS)}


def test_seeded_scores_spread_over_the_scale_and_choices_are_the_questions():
    _seeded_evaluations()

    scores = Counter(Answer.objects.filter(likert__isnull=False).values_list("likert", flat=True))
    assert set(scores) <= set(range(1, 6)) and len(scores) >= 4
    assert scores.most_common(1)[0][0] in (3, 4)  # people mostly agree, some do not
    for answer in Answer.objects.exclude(chosen=[]).select_related("question")[:200]:
        assert answer.chosen and set(answer.chosen) <= set(answer.question.choice_list)


def test_the_results_of_a_seeded_evaluation_show_its_figures(client):
    _seeded_evaluations()
    evaluation = (
        Evaluation.objects.filter(anonymous=True, program__isnull=False)
        .annotate(n=Count("responses"))
        .order_by("-n")
        .select_related("community")
        .first()
    )
    assert evaluation.n >= 5
    facilitator = evaluation.community.memberships.filter(roles__role=Role.FACILITATOR).first()
    client.force_login(facilitator.user)

    html = client.get(
        reverse("oversight:evaluation_results", args=[evaluation.community.slug, evaluation.pk])
    ).content.decode()

    first = evaluation.questions_from.questions.get(position=1)
    figures = chart_figures(html, f"q{first.pk}")
    assert sum(int(count) for (count,) in figures.values()) == evaluation.n
