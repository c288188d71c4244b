"""A program's convenings: the list its invitees see, one convening's page (with the viewer's
answer, and for its TTA leaders the counts and who has not answered), scheduling, changing,
cancelling and answering."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from communities.models import Program
from communities.views.guards import refused
from cop_platform.permissions import can
from meetings.convening_selectors import convening_responses, my_convening_answer
from meetings.convenings import (
    ConveningCancelledError,
    ConveningForm,
    ConveningOverError,
    cancel_convening,
    convenings_visible_to,
    invited_program_ids,
    record_convening_rsvp,
    schedule_convening,
    update_convening,
)
from meetings.forms import RsvpForm
from meetings.models import Convening


def _invited_program_or_404(user, slug) -> Program:
    # The uninvited learn nothing, not even that the program holds convenings.
    return get_object_or_404(Program.objects.filter(pk__in=invited_program_ids(user)), slug=slug)


def _convening_or_404(user, slug, pk) -> tuple[Program, Convening]:
    program = _invited_program_or_404(user, slug)
    return program, get_object_or_404(convenings_visible_to(user), program=program, pk=pk)


def _refused_cancelled(request, convening: Convening):
    back = convening.get_absolute_url()
    return refused(request, _("This convening is cancelled."), back_url=back, status=409)


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
    program, convening = _convening_or_404(request.user, slug, pk)
    leading = can(request.user, "convening.schedule", program)
    context = {
        "program": program,
        "convening": convening,
        "may_edit": leading and not convening.cancelled,
        "may_answer": not convening.cancelled and convening.ends_at > timezone.now(),
        "mine": my_convening_answer(convening=convening, member=request.user),
        "rsvp_form": RsvpForm(),
        "responses": convening_responses(convening=convening) if leading else None,
    }
    return render(request, "meetings/convening_detail.html", context)


@login_required
@require_POST
def convening_rsvp(request, slug, pk):
    """Every invitee answers (finding the convening is being invited to it)."""
    _program, convening = _convening_or_404(request.user, slug, pk)
    form = RsvpForm(request.POST)
    back = convening.get_absolute_url()
    if not form.is_valid():
        return refused(request, _("Choose yes, no or maybe."), back_url=back, status=400)
    try:
        record_convening_rsvp(
            actor=request.user, convening=convening, response=form.cleaned_data["response"]
        )
    except ConveningCancelledError:
        return _refused_cancelled(request, convening)
    except ConveningOverError:
        return refused(request, _("This convening is over."), back_url=back, status=409)
    messages.success(request, _("Your answer is saved."))
    return redirect(convening)


@login_required
@require_http_methods(["GET", "POST"])
def convening_create(request, slug):
    program = _invited_program_or_404(request.user, slug)
    if not can(request.user, "convening.schedule", program):
        raise PermissionDenied
    form = ConveningForm(request.POST or None, viewer_zone=request.user.zone_name)
    if request.method == "POST" and form.is_valid():
        convening = schedule_convening(actor=request.user, program=program, **form.cleaned_data)
        messages.success(request, _("Convening scheduled; its invitees are emailed."))
        return redirect(convening)
    # An invalid form answers 422 with its messages, and nothing changed (SPEC §8).
    status = 422 if request.method == "POST" else 200
    context = {"program": program, "form": form}
    return render(request, "meetings/convening_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def convening_edit(request, slug, pk):
    program, convening = _convening_or_404(request.user, slug, pk)
    if not can(request.user, "convening.schedule", program):
        raise PermissionDenied
    if convening.cancelled:
        return _refused_cancelled(request, convening)
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


@login_required
@require_http_methods(["GET", "POST"])
def convening_cancel(request, slug, pk):
    program, convening = _convening_or_404(request.user, slug, pk)
    if not can(request.user, "convening.schedule", program):
        raise PermissionDenied
    if convening.cancelled and request.method == "GET":
        return _refused_cancelled(request, convening)
    if request.method == "POST":
        cancel_convening(actor=request.user, convening=convening)
        messages.success(request, _("The convening is cancelled; its invitees are emailed."))
        return redirect(convening)
    context = {"program": program, "convening": convening}
    return render(request, "meetings/convening_cancel.html", context)
