"""Reminding those who have not answered for an occurrence, once (issue 12, step 3)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from communities.views.guards import community_view, refused
from meetings.meeting_mail import NudgeRefusedError, nudge_non_responders, nudge_of
from meetings.selectors import not_answered
from meetings.views.occurrences import _cancelled, _occurrence_or_404


@community_view("meeting.nudge")
@require_http_methods(["GET", "POST"])
def occurrence_nudge(request, community, pk, occurrence):
    found = _occurrence_or_404(community, pk, occurrence)
    meeting = found.meeting
    if found.cancelled:
        return _cancelled(request, found)
    if found.start <= timezone.now():
        back = meeting.get_absolute_url()
        return refused(request, _("This meeting has begun."), back_url=back, status=409)
    if request.method == "POST":
        try:
            nudge, created = nudge_non_responders(actor=request.user, occurrence=found)
        except NudgeRefusedError:  # cancelled or begun between the checks above and now
            return redirect(meeting)
        if created:
            messages.success(request, _("Each of them gets one email asking them to answer."))
        else:
            when = formats.date_format(timezone.localtime(nudge.created_at), "j M Y, H:i")
            messages.info(
                request,
                _("They were reminded on %(when)s; nobody is emailed again.") % {"when": when},
            )
        return redirect(meeting)
    waiting, waiting_count = not_answered(meeting=meeting, occurrence=found)
    context = {
        "community": community,
        "meeting": meeting,
        "occurrence": found,
        "nudge": nudge_of(occurrence=found),
        "waiting": [person for person in waiting if person.pk != request.user.pk],
        "waiting_count": waiting_count,
    }
    return render(request, "meetings/occurrence_nudge.html", context)
