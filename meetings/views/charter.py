"""The charter page, the guided form that writes it step by step, and goals' status and notes."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from communities.views.guards import community_view, refused
from cop_platform.permissions import can
from meetings.charter_forms import STEPS, GoalNoteForm, GoalStatusForm
from meetings.charter_selectors import charter_gaps, charter_goals, charter_of
from meetings.charter_services import (
    add_goal_note,
    change_goal_status,
    save_charter_step,
)
from meetings.models import CHARTER_STEPS, Goal

ACTIONS = {"back", "save", "next", "publish"}


def _charter_page(request, community, *, bound_note=None, status=200):
    charter = charter_of(community=community)
    may_edit = can(request.user, "charter.edit", community)
    # Members read the charter once it is published; facilitators see their draft too.
    shown = charter if charter and (charter.is_published or may_edit) else None
    goals = list(charter_goals(community=community)) if shown else []
    for goal in goals:
        if may_edit:
            goal.status_form = GoalStatusForm(goal=goal)
            goal.note_form = (
                bound_note
                if bound_note is not None and bound_note.goal_pk == goal.pk
                else GoalNoteForm(goal=goal, community=community)
            )
    resume = 1
    if charter is not None and not charter.is_published:
        resume = charter.step_reached
    context = {
        "community": community,
        "charter": shown,
        "goals": goals,
        "may_edit": may_edit,
        "resume_step": resume,
        "steps": CHARTER_STEPS,
    }
    return render(request, "meetings/charter_detail.html", context, status=status)


@community_view("charter.view")
def charter_detail(request, community):
    return _charter_page(request, community)


def _step_url(community, step: int) -> str:
    return reverse("meetings:charter_step", args=[community.slug, step])


@community_view("charter.edit")
@require_http_methods(["GET", "POST"])
def charter_step(request, community, step):
    if not 1 <= step <= CHARTER_STEPS:
        raise Http404
    charter = charter_of(community=community)
    spec = STEPS[step - 1]
    data = request.POST if request.method == "POST" else None
    form = spec.form(data, charter=charter, community=community)
    action = request.POST.get("action", "next")
    if action not in ACTIONS or (action == "publish" and step != CHARTER_STEPS):
        action = "next"
    if data is not None and form.is_valid() and action == "publish":
        for gap in charter_gaps(charter=charter, community=community):
            form.add_error(None, gap)
    if data is not None and form.is_valid():
        reached = step + 1 if action in {"next", "publish"} else step
        save_charter_step(
            actor=request.user,
            community=community,
            reached=reached,
            publish=action == "publish",
            **form.step_data(),
        )
        return _after_step(request, community, step, action)
    context = {
        "community": community,
        "charter": charter,
        "form": form,
        "step": step,
        "spec": spec,
        "steps": CHARTER_STEPS,
        "percent": round(100 * step / CHARTER_STEPS),
        "last": step == CHARTER_STEPS,
    }
    # An invalid step answers 422 with its messages, and nothing is saved (SPEC §8).
    status = 422 if data is not None else 200
    return render(request, "meetings/charter_step.html", context, status=status)


def _after_step(request, community, step: int, action: str):
    if action == "publish":
        messages.success(request, _("The charter is published; members can read it now."))
        return redirect("meetings:charter", community.slug)
    if action == "save":
        messages.success(request, _("Draft saved. You can continue where you left off."))
        return redirect("meetings:charter", community.slug)
    if action == "back":
        return redirect(_step_url(community, max(step - 1, 1)))
    return redirect(_step_url(community, min(step + 1, CHARTER_STEPS)))


def _goal_or_404(community, pk) -> Goal:
    goal = get_object_or_404(Goal.objects.filter(community=community), pk=pk)
    goal.community = community  # the guard loaded it; spare a query per URL
    return goal


@community_view("charter.edit")
@require_POST
def goal_status(request, community, pk):
    goal = _goal_or_404(community, pk)
    form = GoalStatusForm(request.POST, goal=goal)
    if not form.is_valid():
        back = goal.get_absolute_url()
        message = _("Choose not started, in progress, achieved or dropped.")
        return refused(request, message, back_url=back, status=400)
    change_goal_status(actor=request.user, goal=goal, status=form.cleaned_data["status"])
    messages.success(
        request,
        _("Goal “%(title)s” is now %(status)s.")
        % {
            "title": goal.title,
            "status": goal.get_status_display().lower(),
        },
    )
    return redirect(goal)


@community_view("charter.edit")
@require_POST
def goal_note(request, community, pk):
    goal = _goal_or_404(community, pk)
    form = GoalNoteForm(request.POST, goal=goal, community=community)
    if not form.is_valid():
        form.goal_pk = goal.pk
        return _charter_page(request, community, bound_note=form, status=422)
    add_goal_note(actor=request.user, goal=goal, **form.cleaned_data)
    messages.success(request, _("Progress note added."))
    return redirect(goal)
