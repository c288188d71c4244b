"""One occurrence of a series: answer for it, cancel it, move it."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from communities.views.guards import community_view, refused
from meetings.forms import MoveOccurrenceForm, RsvpForm
from meetings.recurrence import Occurrence, occurrence_of, parse_occurrence_key
from meetings.selectors import meeting_in, my_responses, response_counts
from meetings.services import (
    OccurrenceCancelledError,
    OccurrenceOverError,
    cancel_occurrence,
    move_occurrence,
    record_rsvp,
)
from meetings.views.pages import row_permissions


def _occurrence_or_404(community, pk: int, key: str) -> Occurrence:
    """The occurrence of this CoP's series that `key` names; a date the series does not have,
    like another CoP's meeting, is not found."""
    meeting = meeting_in(community=community, pk=pk)
    original = parse_occurrence_key(key)
    found = occurrence_of(meeting, original) if meeting and original else None
    if found is None:
        raise Http404
    return found


def _cancelled(request, occurrence: Occurrence):
    return refused(
        request,
        _("This meeting is cancelled."),
        back_url=occurrence.meeting.get_absolute_url(),
        status=409,
    )


@community_view("meeting.rsvp")
@require_POST
def occurrence_rsvp(request, community, pk, occurrence):
    found = _occurrence_or_404(community, pk, occurrence)
    form = RsvpForm(request.POST)
    if not form.is_valid():
        return refused(
            request,
            _("Choose yes, no or maybe."),
            back_url=found.meeting.get_absolute_url(),
            status=400,
        )
    try:
        record_rsvp(actor=request.user, occurrence=found, response=form.cleaned_data["response"])
    except OccurrenceCancelledError:
        return _cancelled(request, found)
    except OccurrenceOverError:
        back = found.meeting.get_absolute_url()
        return refused(request, _("This meeting is over."), back_url=back, status=409)
    if request.htmx:
        return _row_fragment(request, community, found)
    messages.success(request, _("Your answer is saved."))
    response = redirect(found.meeting)
    patch_vary_headers(response, ["HX-Request"])
    return response


def _row_fragment(request, community, occurrence: Occurrence):
    """The occurrence's row of the meeting page, answered and counted afresh."""
    meeting = occurrence.meeting
    permissions = row_permissions(request.user, meeting)
    counts = response_counts(meeting=meeting, occurrences=[occurrence])
    row = {
        "occurrence": occurrence,
        "mine": my_responses(meeting=meeting, member=request.user).get(occurrence.original_start),
        "counts": counts[occurrence.original_start] if permissions["leading"] else None,
    }
    context = {
        **permissions,
        "community": community,
        "meeting": meeting,
        "row": row,
        "rsvp_form": RsvpForm(),
        "saved": True,
    }
    response = render(request, "meetings/meeting_detail.html#occurrence-row", context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@community_view("meeting.edit")
@require_http_methods(["GET", "POST"])
def occurrence_cancel(request, community, pk, occurrence):
    found = _occurrence_or_404(community, pk, occurrence)
    if request.method == "POST":
        cancel_occurrence(actor=request.user, occurrence=found)
        messages.success(request, _("That meeting is cancelled; the others stay as they are."))
        return redirect(found.meeting)
    context = {"community": community, "meeting": found.meeting, "occurrence": found}
    return render(request, "meetings/occurrence_cancel.html", context)


@community_view("meeting.edit")
@require_http_methods(["GET", "POST"])
def occurrence_move(request, community, pk, occurrence):
    found = _occurrence_or_404(community, pk, occurrence)
    meeting = found.meeting
    if found.cancelled:
        return _cancelled(request, found)
    # The form speaks the series' own zone, as the facilitator scheduled it.
    begins, ends = found.start.astimezone(meeting.zone), found.end.astimezone(meeting.zone)
    initial = {"date": begins.date(), "start_time": begins.time(), "end_time": ends.time()}
    form = MoveOccurrenceForm(request.POST or None, initial=initial, zone=meeting.time_zone)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        move_occurrence(actor=request.user, occurrence=found, start=data["start"], end=data["end"])
        messages.success(request, _("That meeting is moved; the others stay as they are."))
        return redirect(meeting)
    status = 422 if request.method == "POST" else 200
    context = {"community": community, "meeting": meeting, "occurrence": found, "form": form}
    return render(request, "meetings/occurrence_move.html", context, status=status)
