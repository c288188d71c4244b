"""A program's meetings: every meeting of its CoPs the viewer may see and the program's
convenings they are invited to, as a month (`programs/<slug>/calendar/?month=YYYY-MM`) and as a
list of what is coming, in the viewer's zone; and the program's public feed, which holds only
its public CoPs' meetings (by program id, like a CoP's feed, so a renamed program keeps it)."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from communities.models import Program
from meetings.convenings import convenings_visible_to
from meetings.recurrence import upcoming
from meetings.selectors import UPCOMING_HORIZON, program_meetings, public_program_meetings
from meetings.views.calendar import bad_month, month_context, parse_month
from meetings.views.feeds import ics_response

PAGE_SIZE = 20


@login_required
def program_calendar(request, slug):
    program = get_object_or_404(Program, slug=slug)
    zone = timezone.get_current_timezone()
    today = timezone.localdate()
    first = parse_month(request.GET.get("month"), today=today)
    if first is None:
        back = reverse("meetings:program_calendar", args=[program.slug])
        return bad_month(request, today=today, back_url=back)
    series = program_meetings(program=program, viewer=request.user)
    # A cancelled convening stays on its own page and in feeds (as CANCELLED), not in the month.
    convenings = convenings_visible_to(request.user).filter(
        program=program, cancelled_at__isnull=True
    )
    context = {
        "program": program,
        **month_context(series, first=first, today=today, zone=zone, convenings=convenings),
    }
    return render(request, "meetings/program_calendar.html", context)


@login_required
def program_meeting_list(request, slug):
    program = get_object_or_404(Program, slug=slug)
    series = program_meetings(program=program, viewer=request.user)
    coming = upcoming(series, now=timezone.now(), horizon=UPCOMING_HORIZON)
    page = Paginator(coming, PAGE_SIZE).get_page(request.GET.get("page"))
    convenings = convenings_visible_to(request.user).filter(
        program=program, start_date__gte=timezone.localdate(), cancelled_at__isnull=True
    )
    context = {"program": program, "page": page, "convenings": convenings}
    return render(request, "meetings/program_meeting_list.html", context)


@require_safe
def program_feed(request, pk):
    program = Program.objects.filter(pk=pk).first()
    if program is None:
        raise Http404
    return ics_response(public_program_meetings(program_id=program.pk), name=program.name)
