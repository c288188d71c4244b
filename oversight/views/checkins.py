"""Check-in pages: a CoP's history, recording one, answering a status request, the cadence,
and the check-ins a provider or TTA leader follows."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from communities.views.guards import community_view
from oversight.forms import CadenceForm, CheckInForm, StatusUpdateForm
from oversight.models import CheckInStatus
from oversight.selectors import (
    checkin_history,
    plan_of,
    plans_overseen_by,
    status_update_for,
)
from oversight.services import answer_status_request, record_checkin, set_checkin_cadence

PAGE_SIZE = 20


def _plan_context(community) -> dict:
    plan = plan_of(community)
    today = timezone.localdate()
    return {
        "community": community,
        "plan": plan,
        "overdue": plan is not None and plan.next_due_on < today,
        "in_program": community.program_id is not None,
    }


@community_view("checkin.view")
def checkin_list(request, community):
    page = Paginator(checkin_history(community=community), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = _plan_context(community)
    context |= {"page": page, "status_update": status_update_for(context["plan"])}
    return render(request, "oversight/checkin_list.html", context)


@community_view("checkin.record")
@require_http_methods(["GET", "POST"])
def checkin_record(request, community):
    context = _plan_context(community)
    update = status_update_for(context["plan"])
    initial = {"held_on": timezone.localdate(), "status": update.status if update else None}
    form = CheckInForm(request.POST or None, community=community, initial=initial)
    if request.method == "POST" and form.is_valid():
        record_checkin(actor=request.user, community=community, **form.cleaned_data)
        messages.success(request, _("Check-in recorded. The next one is scheduled."))
        return redirect("oversight:checkins", community.slug)
    status = 422 if request.method == "POST" else 200
    context |= {"form": form, "status_update": update}
    return render(request, "oversight/checkin_form.html", context, status=status)


@community_view("checkin.answer")
@require_http_methods(["GET", "POST"])
def status_update(request, community):
    context = _plan_context(community)
    update = status_update_for(context["plan"])
    initial = {"status": update.status, "what_would_help": update.what_would_help} if update else {}
    form = StatusUpdateForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        answer_status_request(actor=request.user, community=community, **form.cleaned_data)
        messages.success(request, _("Thank you: your TTA provider will see your status."))
        return redirect("oversight:checkins", community.slug)
    status = 422 if request.method == "POST" else 200
    context |= {"form": form, "status_update": update}
    return render(request, "oversight/status_update_form.html", context, status=status)


@community_view("checkin.set_cadence")
@require_http_methods(["GET", "POST"])
def checkin_cadence(request, community):
    context = _plan_context(community)
    plan = context["plan"]
    initial = {"cadence_days": plan.cadence_days} if plan else {}
    form = CadenceForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        set_checkin_cadence(
            actor=request.user, community=community, cadence_days=form.cleaned_data["cadence_days"]
        )
        messages.success(request, _("Cadence saved. The next check-in date follows it."))
        return redirect("oversight:checkins", community.slug)
    status = 422 if request.method == "POST" else 200
    context |= {"form": form}
    return render(request, "oversight/checkin_cadence.html", context, status=status)


def _label(status: str | None) -> str:
    return CheckInStatus(status).label if status else ""


@login_required
def my_checkins(request):
    """Every open program CoP the viewer provides for or whose program they lead, overdue and
    soonest due first; `?due=1` keeps those due this week and overdue."""
    due_only = request.GET.get("due") == "1"
    plans = plans_overseen_by(user=request.user, today=timezone.localdate(), due_only=due_only)
    page = Paginator(plans, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)
    for plan in page.object_list:
        plan.last_status_label = _label(plan.last_status)
        plan.said_status_label = _label(plan.said_status)
    return render(request, "oversight/checkin_mine.html", {"page": page, "due_only": due_only})
