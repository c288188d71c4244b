"""Evaluation pages: a CoP's evaluations (and scheduling one), a program's (scheduling one for
every CoP), and the survey a member opens from their emailed link without logging in.

The survey view never logs anyone in and writes nothing about the visit: answering an
anonymous survey must not move any "last active" trace that could date a response."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods

from communities.models import Membership, Program, Stage
from communities.views.guards import community_view, refused
from cop_platform.permissions import can
from oversight.evaluation_reminders import may_remind, non_respondents, record_reminder
from oversight.evaluations import (
    has_responded,
    named_answers,
    read_survey_token,
    schedule_evaluation,
    submit_response,
)
from oversight.forms import ScheduleForm, SurveyForm
from oversight.models import Evaluation, SurveyQuestion
from oversight.surveys import templates_for

PAGE_SIZE = 20
ALREADY_RECEIVED = gettext_lazy("Your answers were already received. Thank you.")


@community_view("evaluation.view")
def cop_evaluations(request, community):
    evaluations = (
        Evaluation.objects.filter(community=community)
        .select_related("community")
        .annotate(answered=Count("responded"))
        .order_by("-opens_on", "-pk")
    )
    page = Paginator(evaluations, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "community": community,
        "page": page,
        "may_schedule": can(request.user, "evaluation.schedule", community),
        "today": timezone.localdate(),
    }
    return render(request, "oversight/evaluation_list.html", context)


def _say_scheduled(request, *, cops: int | None, opens_on) -> None:
    """Say when the members get their links: the beat opens an evaluation within minutes of its
    opening day starting, so one opening today is not left looking stuck."""
    if cops is None:
        done = _("Evaluation scheduled.")
    else:
        done = ngettext(
            "Evaluation scheduled for %(count)d CoP.",
            "Evaluation scheduled for %(count)d CoPs.",
            cops,
        ) % {"count": cops}
    if opens_on <= timezone.localdate():
        when = _("It opens today: members get their links by email within minutes.")
    else:
        when = _("Members get their links by email on %(day)s.") % {
            "day": date_format(opens_on, "j F Y")
        }
    messages.success(request, f"{done} {when}")


@community_view("evaluation.schedule")
@require_http_methods(["GET", "POST"])
def cop_evaluation_schedule(request, community):
    form = ScheduleForm(request.POST or None, templates=templates_for(community=community))
    if request.method == "POST" and form.is_valid():
        schedule_evaluation(actor=request.user, communities=[community], **form.cleaned_data)
        _say_scheduled(request, cops=None, opens_on=form.cleaned_data["opens_on"])
        return redirect("oversight:cop_evaluations", community.slug)
    status = 422 if request.method == "POST" else 200
    context = {"community": community, "form": form}
    return render(request, "oversight/evaluation_schedule.html", context, status=status)


@community_view("evaluation.schedule")
@require_http_methods(["GET", "POST"])
def evaluation_remind(request, community, pk):
    """Remind the members who have not answered, after a confirmation; each press is a send
    of its own."""
    evaluation = get_object_or_404(Evaluation, pk=pk, community=community)
    back = reverse("oversight:cop_evaluations", args=[community.slug])
    if not may_remind(evaluation, timezone.localdate()):
        message = _("Reminders go only while the survey is open and its invitations are out.")
        return refused(request, message, back_url=back, status=409)
    if request.method == "POST":
        with transaction.atomic():
            record_reminder(evaluation=evaluation, actor=request.user)
        messages.success(request, _("Reminders are on their way to those who have not answered."))
        return redirect(back)
    context = {
        "community": community,
        "evaluation": evaluation,
        "waiting": non_respondents(evaluation).count(),
    }
    return render(request, "oversight/evaluation_remind.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def program_evaluations(request, slug):
    program = get_object_or_404(Program, slug=slug)
    if not can(request.user, "program_evaluation.schedule", program):
        raise PermissionDenied
    cops = list(program.communities.exclude(stage=Stage.ARCHIVED).order_by("pk"))
    form = ScheduleForm(request.POST or None, templates=templates_for(program=program))
    if request.method == "POST" and form.is_valid():
        if not cops:
            messages.error(request, _("This program has no open CoP to evaluate."))
        else:
            schedule_evaluation(
                actor=request.user, communities=cops, program=program, **form.cleaned_data
            )
            _say_scheduled(request, cops=len(cops), opens_on=form.cleaned_data["opens_on"])
            return redirect("oversight:program_evaluations", program.slug)
    page = Paginator(
        Evaluation.objects.filter(program=program)
        .select_related("community")
        .annotate(answered=Count("responded"))
        # One evaluation's CoPs together, under the heading the table gives them once.
        .order_by("-opens_on", "-questions_from_id", "community__name", "pk"),
        PAGE_SIZE,
    ).get_page(request.GET.get("page"))
    context = {"program": program, "page": page, "form": form, "today": timezone.localdate()}
    status = 422 if request.method == "POST" else 200
    return render(request, "oversight/program_evaluation_list.html", context, status=status)


def _survey_refused(request, message: str, status: int, evaluation=None):
    # A link that names a real evaluation says which survey it is about; a forged one says nothing.
    context = {"message": message, "evaluation": evaluation}
    return render(request, "oversight/survey_refused.html", context, status=status)


def _survey_target(token: str):
    """(evaluation, person) the token names, or None when it is broken or no longer applies."""
    names = read_survey_token(token)
    if names is None:
        return None
    evaluation = Evaluation.objects.select_related("community").filter(pk=names[0]).first()
    if evaluation is None:
        return None
    membership = (
        Membership.objects.select_related("user")
        .filter(community=evaluation.community, user_id=names[1], user__is_active=True)
        .first()
    )
    return (evaluation, membership.user) if membership else None


def _refusal(evaluation, person, today) -> tuple[str, int] | None:
    if today > evaluation.closes_on or evaluation.community.stage == Stage.ARCHIVED:
        return _("This survey has closed; thank you all the same."), 410
    if today < evaluation.opens_on:
        return _("This survey is not open yet."), 404
    if evaluation.anonymous and has_responded(evaluation=evaluation, person=person):
        return ALREADY_RECEIVED, 409
    return None


@require_http_methods(["GET", "POST"])
def survey(request, token):
    target = _survey_target(token)
    if target is None:
        return _survey_refused(request, _("This survey link is not valid."), 404)
    evaluation, person = target
    today = timezone.localdate()
    refusal = _refusal(evaluation, person, today)
    if refusal is not None:
        return _survey_refused(request, *refusal, evaluation=evaluation)
    answered = has_responded(evaluation=evaluation, person=person)
    questions = list(SurveyQuestion.objects.filter(template_id=evaluation.questions_from_id))
    label = _("Change my answers") if answered else _("Send my answers")
    initial = named_answers(evaluation=evaluation, person=person) if answered else {}
    form = SurveyForm(
        request.POST or None, questions=questions, submit_label=label, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        if not submit_response(
            evaluation=evaluation, person=person, cleaned=form.cleaned_data, today=today
        ):
            return _survey_refused(request, ALREADY_RECEIVED, 409, evaluation=evaluation)
        return render(request, "oversight/survey_thanks.html", {"evaluation": evaluation})
    context = {"evaluation": evaluation, "form": form, "answered": answered}
    status = 422 if request.method == "POST" else 200
    return render(request, "oversight/survey.html", context, status=status)
