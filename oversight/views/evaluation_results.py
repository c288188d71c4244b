"""Evaluation results: one CoP's evaluation, or one program-wide evaluation across its CoPs,
as a page and as a CSV (cells a spreadsheet would run as formulas escaped); every answer to one
open-text question, a page at a time; and reminding a program-wide evaluation's
non-respondents in every CoP at once."""

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from communities.models import Program
from communities.views.guards import community_view, refused
from cop_platform.permissions import can
from meetings.views.attendance import spreadsheet_safe
from oversight.evaluation_reminders import may_remind, record_reminder
from oversight.evaluation_results import (
    csv_rows,
    min_anonymous_responses,
    results_of,
    shown_and_hidden,
)
from oversight.models import Evaluation
from oversight.open_answers import answers_to, newest_first, open_question

ANSWERS_PAGE_SIZE = 50


def _csv(results, name: str) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{slugify(name)}-results.csv"'
    writer = csv.writer(response)
    for row in csv_rows(results):
        writer.writerow([spreadsheet_safe(cell) for cell in row])
    return response


def _cop_evaluation(community, pk) -> Evaluation:
    return get_object_or_404(
        Evaluation.objects.select_related("community"), pk=pk, community=community
    )


@community_view("evaluation.view")
def cop_results(request, community, pk):
    evaluation = _cop_evaluation(community, pk)
    context = {
        "community": community,
        "evaluation": evaluation,
        "results": results_of([evaluation], all_texts=False),
        "threshold": min_anonymous_responses(),
        "csv_url": request.path + "csv/",
    }
    return render(request, "oversight/evaluation_results.html", context)


@community_view("evaluation.view")
def cop_results_csv(request, community, pk):
    evaluation = _cop_evaluation(community, pk)
    return _csv(results_of([evaluation]), evaluation.title)


def _program_evaluations(request, slug, pk) -> tuple[Program, list[Evaluation]]:
    """The program's evaluations scheduled together (they share their frozen questions)."""
    program = get_object_or_404(Program, slug=slug)
    if not can(request.user, "program_evaluation.view", program):
        raise PermissionDenied
    evaluations = list(
        Evaluation.objects.filter(program=program, questions_from_id=pk)
        .select_related("community")
        .order_by("community__name", "pk")
    )
    if not evaluations:
        raise Http404
    return program, evaluations


@login_required
def program_results(request, slug, pk):
    program, evaluations = _program_evaluations(request, slug, pk)
    context = {
        "program": program,
        "evaluation": evaluations[0],
        "results": results_of(evaluations, all_texts=False),
        "threshold": min_anonymous_responses(),
        "csv_url": request.path + "csv/",
    }
    return render(request, "oversight/evaluation_results.html", context)


@login_required
def program_results_csv(request, slug, pk):
    _program, evaluations = _program_evaluations(request, slug, pk)
    return _csv(results_of(evaluations), evaluations[0].title)


def _answers_page(request, evaluations: list[Evaluation], question_pk: int, context: dict):
    """One open-text question's answers, 50 a page, under the results page's rules: nothing from
    an evaluation under the anonymity threshold, no names, no time order for anonymous ones."""
    question = open_question(evaluations[0], question_pk)
    if question is None:
        raise Http404
    shown, hidden = shown_and_hidden(evaluations)
    answers = answers_to(question, shown) if shown else []
    context |= {
        "evaluation": evaluations[0],
        "question": question,
        "shown": shown,
        "hidden": hidden,
        "newest_first": newest_first(shown),
        "threshold": min_anonymous_responses(),
        "page": Paginator(answers, ANSWERS_PAGE_SIZE).get_page(request.GET.get("page")),
    }
    return render(request, "oversight/evaluation_question_answers.html", context)


@community_view("evaluation.view")
def cop_question_answers(request, community, pk, question_pk):
    evaluation = _cop_evaluation(community, pk)
    context = {
        "community": community,
        "results_url": reverse("oversight:evaluation_results", args=[community.slug, pk]),
    }
    return _answers_page(request, [evaluation], question_pk, context)


@login_required
def program_question_answers(request, slug, pk, question_pk):
    program, evaluations = _program_evaluations(request, slug, pk)
    context = {
        "program": program,
        "results_url": reverse("oversight:program_evaluation_results", args=[program.slug, pk]),
    }
    return _answers_page(request, evaluations, question_pk, context)


@login_required
@require_http_methods(["GET", "POST"])
def program_remind(request, slug, pk):
    """Remind the non-respondents of every CoP of a program-wide evaluation still open, after a
    confirmation; each CoP's send is its own."""
    program, evaluations = _program_evaluations(request, slug, pk)
    if not can(request.user, "program_evaluation.schedule", program):
        raise PermissionDenied
    today = timezone.localdate()
    remindable = [e for e in evaluations if may_remind(e, today)]
    back = reverse("oversight:program_evaluations", args=[program.slug])
    if not remindable:
        message = _("Reminders go only while the survey is open and its invitations are out.")
        return refused(request, message, back_url=back, status=409)
    if request.method == "POST":
        with transaction.atomic():
            for evaluation in remindable:
                record_reminder(evaluation=evaluation, actor=request.user)
        messages.success(request, _("Reminders are on their way to those who have not answered."))
        return redirect(back)
    context = {"program": program, "evaluation": evaluations[0], "cops": len(remindable)}
    return render(request, "oversight/program_evaluation_remind.html", context)
