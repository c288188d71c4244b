"""An occurrence's own page (its agenda with the items to review, attendance, notes and minutes)
and the facilitators' page for writing its notes and minutes."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from communities.views.guards import community_view, refused
from cop_platform.permissions import can
from meetings.follow_up_forms import AgendaGoalForm, MinutesForm, open_goals
from meetings.follow_up_selectors import (
    agenda_of,
    attendance_counts,
    previous_minutes,
    record_of,
    review_items,
)
from meetings.follow_up_services import name_agenda_goal, write_minutes
from meetings.models import ActionStatus, AgendaItem
from meetings.recurrence import Occurrence, occurrence_key
from meetings.views.action_items import safe_next
from meetings.views.occurrences import _occurrence_or_404


def occurrence_url(occurrence: Occurrence) -> str:
    meeting = occurrence.meeting
    return reverse("meetings:occurrence", args=[meeting.community.slug, meeting.pk, occurrence.key])


@community_view("meeting.view")
def occurrence_detail(request, community, pk, occurrence):
    """The agenda loop: the series' agenda, then the open action items to review (of the series
    and of the goals the agenda names), the previous minutes, then this occurrence's record."""
    found = _occurrence_or_404(community, pk, occurrence)
    meeting = found.meeting
    may_export = can(request.user, "meeting.export_attendance", meeting)
    may_edit = can(request.user, "meeting.edit", meeting)
    started = found.start <= timezone.now()
    previous = previous_minutes(occurrence=found)
    agenda = agenda_of(meeting=meeting)
    context = {
        "community": community,
        "meeting": meeting,
        "occurrence": found,
        "started": started,
        "record": record_of(occurrence=found),
        "previous": previous,
        "previous_key": occurrence_key(previous.occurrence_start) if previous else "",
        "agenda": agenda,
        "review": review_items(occurrence=found, agenda=agenda, today=timezone.localdate()),
        "counts": attendance_counts(occurrence=found) if may_export and started else None,
        "may_export": may_export,
        "may_take_attendance": can(request.user, "meeting.take_attendance", meeting),
        "may_write_minutes": can(request.user, "meeting.write_minutes", meeting),
        "may_create_items": can(request.user, "action_item.create", community),
        "goals": list(open_goals(community)) if may_edit else [],
        "may_edit": may_edit,
        "status_choices": ActionStatus.choices,
        "next": request.get_full_path(),
    }
    return render(request, "meetings/occurrence_detail.html", context)


@community_view("meeting.write_minutes")
@require_http_methods(["GET", "POST"])
def minutes_edit(request, community, pk, occurrence):
    found = _occurrence_or_404(community, pk, occurrence)
    form = MinutesForm(request.POST or None, instance=record_of(occurrence=found))
    if request.method == "POST" and form.is_valid():
        write_minutes(actor=request.user, occurrence=found, **form.cleaned_data)
        messages.success(request, _("Notes and minutes saved."))
        return redirect(occurrence_url(found))
    status = 422 if request.method == "POST" else 200
    context = {"community": community, "meeting": found.meeting, "occurrence": found, "form": form}
    return render(request, "meetings/minutes_form.html", context, status=status)


@community_view("meeting.edit")
@require_POST
def agenda_goal(request, community, pk, item_pk):
    """Name a goal on an agenda item (or none), from an occurrence's page."""
    item = get_object_or_404(
        AgendaItem.objects.filter(meeting__community=community, meeting_id=pk), pk=item_pk
    )
    back = safe_next(request) or reverse("meetings:detail", args=[community.slug, pk])
    form = AgendaGoalForm(request.POST, community=community)
    if not form.is_valid():
        message = _("Choose one of this CoP's open goals, or none.")
        return refused(request, message, back_url=back, status=400)
    name_agenda_goal(actor=request.user, item=item, goal=form.cleaned_data["goal"])
    messages.success(request, _("The agenda item's goal is saved."))
    return redirect(back)
