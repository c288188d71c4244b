"""A program's convenings: the list its invitees see, one convening's page, and scheduling."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from communities.models import Program
from cop_platform.permissions import can
from meetings.convenings import (
    ConveningForm,
    convenings_visible_to,
    invited_program_ids,
    schedule_convening,
    update_convening,
)


def _invited_program_or_404(user, slug) -> Program:
    # The uninvited learn nothing, not even that the program holds convenings.
    return get_object_or_404(Program.objects.filter(pk__in=invited_program_ids(user)), slug=slug)


@login_required
def convening_list(request, slug):
    program = _invited_program_or_404(request.user, slug)
    today = timezone.localdate()
    convenings = convenings_visible_to(request.user).filter(program=program)
    context = {
        "program": program,
        "coming": convenings.filter(start_date__gte=today),
        "past": convenings.filter(start_date__lt=today).reverse()[:20],
        "may_schedule": can(request.user, "convening.schedule", program),
    }
    return render(request, "meetings/convening_list.html", context)


@login_required
def convening_detail(request, slug, pk):
    program = _invited_program_or_404(request.user, slug)
    convening = convenings_visible_to(request.user).filter(program=program, pk=pk).first()
    if convening is None:
        raise Http404
    context = {
        "program": program,
        "convening": convening,
        "may_edit": can(request.user, "convening.schedule", program),
    }
    return render(request, "meetings/convening_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def convening_create(request, slug):
    program = _invited_program_or_404(request.user, slug)
    if not can(request.user, "convening.schedule", program):
        raise PermissionDenied
    form = ConveningForm(request.POST or None, viewer_zone=request.user.zone_name)
    if request.method == "POST" and form.is_valid():
        convening = schedule_convening(actor=request.user, program=program, **form.cleaned_data)
        messages.success(request, _("Convening scheduled."))
        return redirect(convening)
    # An invalid form answers 422 with its messages, and nothing changed (SPEC §8).
    status = 422 if request.method == "POST" else 200
    context = {"program": program, "form": form}
    return render(request, "meetings/convening_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def convening_edit(request, slug, pk):
    program = _invited_program_or_404(request.user, slug)
    convening = get_object_or_404(convenings_visible_to(request.user), program=program, pk=pk)
    if not can(request.user, "convening.schedule", program):
        raise PermissionDenied
    form = ConveningForm(
        request.POST or None, instance=convening, viewer_zone=request.user.zone_name
    )
    if request.method == "POST" and form.is_valid():
        convening = update_convening(actor=request.user, convening=convening, **form.cleaned_data)
        messages.success(request, _("Convening updated."))
        return redirect(convening)
    status = 422 if request.method == "POST" else 200
    context = {"program": program, "form": form, "convening": convening}
    return render(request, "meetings/convening_form.html", context, status=status)
