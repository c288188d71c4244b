"""A CoP's meetings: the list of what is coming, a meeting's page, scheduling and editing."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from communities.views.guards import community_view
from cop_platform.permissions import can
from meetings.forms import MeetingForm, RsvpForm
from meetings.meeting_mail import nudge_of
from meetings.recurrence import upcoming
from meetings.selectors import (
    UPCOMING_HORIZON,
    meeting_in,
    meetings_of,
    my_responses,
    not_answered,
    response_counts,
)
from meetings.services import schedule_meeting, update_meeting

PAGE_SIZE = 20
NEXT_OCCURRENCES = 10


@community_view("meeting.view")
def meeting_list(request, community):
    series = meetings_of(community_ids=[community.pk])
    coming = upcoming(series, now=timezone.now(), horizon=UPCOMING_HORIZON)
    page = Paginator(coming, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "meetings/meeting_list.html", {"community": community, "page": page})


def row_permissions(user, meeting) -> dict[str, bool]:
    """What an occurrence's row offers this viewer; the RSVP fragment needs the same."""
    return {
        "may_edit": can(user, "meeting.edit", meeting),
        "may_rsvp": can(user, "meeting.rsvp", meeting),
        "leading": can(user, "meeting.see_responses", meeting),
    }


def _meeting_or_404(community, pk):
    meeting = meeting_in(community=community, pk=pk)
    if meeting is None:
        raise Http404
    return meeting


@community_view("meeting.view")
def meeting_detail(request, community, pk):
    meeting = _meeting_or_404(community, pk)
    coming = upcoming([meeting], now=timezone.now(), horizon=UPCOMING_HORIZON)[:NEXT_OCCURRENCES]
    mine = my_responses(meeting=meeting, member=request.user)
    leading = can(request.user, "meeting.see_responses", meeting)
    counts = response_counts(meeting=meeting, occurrences=coming) if leading else {}
    rows = [
        {
            "occurrence": o,
            "mine": mine.get(o.original_start),
            "counts": counts.get(o.original_start),
        }
        for o in coming
    ]
    following = next((o for o in coming if not o.cancelled), None)
    waiting, waiting_count = (
        not_answered(meeting=meeting, occurrence=following) if leading and following else ([], 0)
    )
    context = {
        **row_permissions(request.user, meeting),
        "community": community,
        "meeting": meeting,
        "rows": rows,
        "rsvp_form": RsvpForm(),
        "next_occurrence": following,
        "waiting": waiting,
        "waiting_count": waiting_count,
        # Whether those who have not answered were reminded, and when (issue 12, step 3).
        "nudge": nudge_of(occurrence=following) if leading and following else None,
    }
    return render(request, "meetings/meeting_detail.html", context)


@community_view("meeting.schedule")
@require_http_methods(["GET", "POST"])
def meeting_create(request, community):
    form = MeetingForm(request.POST or None, viewer_zone=request.user.zone_name)
    if request.method == "POST" and form.is_valid():
        meeting = schedule_meeting(actor=request.user, community=community, **form.series_fields())
        messages.success(request, _("Meeting scheduled."))
        return redirect(meeting)
    # An invalid form answers 422 with its messages, and nothing changed (SPEC §8).
    status = 422 if request.method == "POST" else 200
    context = {"community": community, "form": form}
    return render(request, "meetings/meeting_form.html", context, status=status)


@community_view("meeting.edit")
@require_http_methods(["GET", "POST"])
def meeting_edit(request, community, pk):
    meeting = _meeting_or_404(community, pk)
    form = MeetingForm(request.POST or None, instance=meeting, viewer_zone=request.user.zone_name)
    if request.method == "POST" and form.is_valid():
        # The form's instance already holds the new values; the service compares with the row.
        stored = meeting_in(community=community, pk=pk)
        sequence = stored.sequence
        meeting = update_meeting(actor=request.user, meeting=stored, **form.series_fields())
        if meeting.sequence == sequence:
            # Saved as it was: no bump, no email to every member (a real change does both).
            messages.info(request, _("Nothing changed."))
        else:
            messages.success(request, _("Meeting updated."))
        return redirect(meeting)
    status = 422 if request.method == "POST" else 200
    context = {"community": community, "form": form, "meeting": meeting}
    return render(request, "meetings/meeting_form.html", context, status=status)
