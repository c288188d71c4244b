"""A CoP's meetings as a month: `cops/<slug>/meetings/calendar/?month=YYYY-MM`.

The month is laid out in the viewer's zone (weeks from Monday, as a table with headers, and as
a list of days on a narrow screen); each series is expanded over the weeks shown with its
changes applied, so a moved occurrence sits on the day it moved to and a cancelled one stays,
struck through and marked "Cancelled". Three queries whatever the number of series and changes.
A `month` that is not YYYY-MM (or is out of range) is refused with a 400 and a message.
"""

import calendar as calendar_module
import datetime as dt
import re

from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from communities.views.guards import community_view, refused
from cop_platform.permissions import can
from meetings.recurrence import occurrences_between
from meetings.selectors import meetings_of

MONTH = re.compile(r"^(\d{4})-(\d{2})$")
FIRST_YEAR, LAST_YEAR = 1900, 2999


def parse_month(value: str | None, *, today: dt.date) -> dt.date | None:
    """The first day of the month asked for (this month when none is), or None when the value
    is not a month this calendar shows."""
    if not value:
        return today.replace(day=1)
    found = MONTH.match(value.strip())
    if found is None:
        return None
    year, month = int(found[1]), int(found[2])
    if not (FIRST_YEAR <= year <= LAST_YEAR and 1 <= month <= 12):
        return None
    return dt.date(year, month, 1)


def _shift(first: dt.date, months: int) -> dt.date | None:
    index = first.year * 12 + first.month - 1 + months
    year, month = divmod(index, 12)
    if not FIRST_YEAR <= year <= LAST_YEAR:
        return None
    return dt.date(year, month + 1, 1)


def month_context(series, *, first: dt.date, today: dt.date, zone, convenings=()) -> dict:
    """The month's grid in `zone`, each day with its occurrences of `series` (and the
    `convenings` starting that day), and the links to the months around it."""
    weeks = calendar_module.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)
    begins = dt.datetime.combine(weeks[0][0], dt.time.min, tzinfo=zone)
    ends = dt.datetime.combine(weeks[-1][-1] + dt.timedelta(days=1), dt.time.min, tzinfo=zone)
    by_day: dict[dt.date, list] = {}
    for meeting in series:
        for occurrence in occurrences_between(meeting, begins, ends):
            by_day.setdefault(occurrence.start.astimezone(zone).date(), []).append(occurrence)
    for occurrences in by_day.values():
        occurrences.sort(key=lambda o: (o.start, o.meeting.pk))
    convening_days: dict[dt.date, list] = {}
    for convening in convenings:
        starts = convening.starts_at
        if begins <= starts < ends:
            convening_days.setdefault(starts.astimezone(zone).date(), []).append(convening)
    grid = [
        [
            {
                "date": day,
                "in_month": day.month == first.month,
                "today": day == today,
                "occurrences": by_day.get(day, []),
                "convenings": convening_days.get(day, []),
            }
            for day in week
        ]
        for week in weeks
    ]
    month_days = [day for week in grid for day in week if day["in_month"]]
    previous, following = _shift(first, -1), _shift(first, 1)
    return {
        "month": first,
        "weekdays": [weeks[0][i] for i in range(7)],
        "grid": grid,
        "days_with_meetings": [
            day for day in month_days if day["occurrences"] or day["convenings"]
        ],
        "previous": previous.strftime("%Y-%m") if previous else None,
        "following": following.strftime("%Y-%m") if following else None,
        "this_month": today.strftime("%Y-%m"),
    }


def bad_month(request, *, today: dt.date, back_url: str):
    message = _("Choose a month as year and month, like %(example)s.") % {
        "example": today.strftime("%Y-%m")
    }
    return refused(request, message, back_url=back_url, status=400)


@community_view("meeting.view")
def series_calendar(request, community):
    zone = timezone.get_current_timezone()
    today = timezone.localdate()
    first = parse_month(request.GET.get("month"), today=today)
    if first is None:
        back = reverse("meetings:series_calendar", args=[community.slug])
        return bad_month(request, today=today, back_url=back)
    context = {
        "community": community,
        **month_context(
            meetings_of(community_ids=[community.pk]), first=first, today=today, zone=zone
        ),
        "may_schedule": can(request.user, "meeting.schedule", community),
    }
    return render(request, "meetings/series_calendar.html", context)
