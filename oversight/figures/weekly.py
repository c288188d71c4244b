"""The last twelve weeks of each CoP, for the activity charts: posts (threads and replies) and
attendance per week, Mondays in UTC.

Every one of the twelve weeks is stored, an empty one as zeros: a chart then draws a gap as a
zero rather than skipping a week, and a week whose only post was deleted since goes back to
zero on the next refresh rather than keeping its old count."""

import datetime as dt
from collections import defaultdict

from django.db.models import Count, DateField, Q
from django.db.models.functions import TruncWeek

from communities.models import Post, Thread
from meetings.models import Attendance, AttendanceStatus
from oversight.figures.window import Window


def _week(field: str) -> TruncWeek:
    """The Monday (UTC) of the week the moment falls in, as a date."""
    return TruncWeek(field, output_field=DateField(), tzinfo=dt.UTC)


def weekly_figures(ids: list[int], window: Window) -> dict[int, dict]:
    """{CoP id: {Monday: {"posts", "present", "absent"}}} with every week of the window."""
    weeks = {cop: {week: defaultdict(int) for week in window.weeks} for cop in ids}
    since, upto = window.weeks_since, window.now
    recent = Q(created_at__gte=since, created_at__lte=upto)
    posts = (
        Thread.objects.filter(recent, community_id__in=ids)
        .values_list("community_id", _week("created_at"))
        .annotate(n=Count("pk")),
        Post.objects.filter(recent, thread__community_id__in=ids, deleted_at__isnull=True)
        .values_list("thread__community_id", _week("created_at"))
        .annotate(n=Count("pk")),
    )
    for rows in posts:
        for cop, week, count in rows.order_by():
            weeks[cop][week]["posts"] += count
    attendance = (
        Attendance.objects.filter(
            meeting__community_id__in=ids,
            occurrence_start__gte=since,
            occurrence_start__lte=upto,
        )
        .values_list("meeting__community_id", _week("occurrence_start"))
        .annotate(
            present=Count("pk", filter=Q(status=AttendanceStatus.PRESENT)),
            absent=Count("pk", filter=Q(status=AttendanceStatus.ABSENT)),
        )
        .order_by()
    )
    for cop, week, present, absent in attendance:
        weeks[cop][week]["present"] += present
        weeks[cop][week]["absent"] += absent
    return weeks
