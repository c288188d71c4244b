"""Attendance of an occurrence, taken by a facilitator, and its CSV (per occurrence, per series)."""

import csv

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from communities.views.guards import community_view, refused
from meetings.follow_up_forms import AttendanceForm
from meetings.follow_up_selectors import attendance_rows, attendance_sheet
from meetings.follow_up_services import take_attendance
from meetings.models import AttendanceStatus
from meetings.views.minutes import occurrence_url
from meetings.views.occurrences import _occurrence_or_404
from meetings.views.pages import _meeting_or_404

# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection, OWASP).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value) -> str:
    """The cell as text, with a leading ' when a spreadsheet would otherwise run it."""
    text = str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


@community_view("meeting.take_attendance")
@require_http_methods(["GET", "POST"])
def attendance_take(request, community, pk, occurrence):
    found = _occurrence_or_404(community, pk, occurrence)
    back = occurrence_url(found)
    if found.cancelled:
        return refused(request, _("This meeting is cancelled."), back_url=back, status=409)
    if found.start > timezone.now():
        message = _("This meeting has not started yet; take attendance once it has.")
        return refused(request, message, back_url=back, status=409)
    form = AttendanceForm(request.POST or None, sheet=attendance_sheet(occurrence=found))
    if request.method == "POST" and form.is_valid():
        take_attendance(actor=request.user, occurrence=found, statuses=form.statuses())
        messages.success(request, _("Attendance saved."))
        return redirect(back)
    status = 422 if request.method == "POST" else 200
    context = {"community": community, "meeting": found.meeting, "occurrence": found, "form": form}
    return render(request, "meetings/attendance_form.html", context, status=status)


def _csv_response(meeting, rows, filename: str) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    # Rows are keyed by the start the series gave them; a moved meeting shows when it took place.
    moved = {c.original_start: c.new_start for c in meeting.changes.all() if c.new_start}
    labels = dict(AttendanceStatus.choices)
    writer = csv.writer(response)
    writer.writerow([_("Meeting"), _("Date"), _("Member"), _("Handle"), _("Attendance")])
    for row in rows:
        when = moved.get(row.occurrence_start, row.occurrence_start).astimezone(meeting.zone)
        cells = [
            meeting.title,
            when.strftime("%Y-%m-%d %H:%M %Z"),
            row.member.display_name,
            row.member.handle,
            labels.get(row.status, row.status),
        ]
        writer.writerow([spreadsheet_safe(cell) for cell in cells])
    return response


def _name(meeting) -> str:
    return slugify(meeting.title)[:60] or "meeting"


@community_view("meeting.export_attendance")
def attendance_csv(request, community, pk, occurrence):
    found = _occurrence_or_404(community, pk, occurrence)
    meeting = found.meeting
    rows = attendance_rows(meeting=meeting, occurrence_start=found.original_start)
    day = found.start.astimezone(meeting.zone).date().isoformat()
    return _csv_response(meeting, rows, f"{_name(meeting)}-{day}-attendance.csv")


@community_view("meeting.export_attendance")
def series_attendance_csv(request, community, pk):
    meeting = _meeting_or_404(community, pk)
    rows = attendance_rows(meeting=meeting)
    return _csv_response(meeting, rows, f"{_name(meeting)}-attendance.csv")
