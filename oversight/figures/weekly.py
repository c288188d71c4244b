"""The last twelve weeks of each CoP, for the activity charts: posts (threads and replies) and
attendance per week, Mondays in UTC; and, from the same rows, the posts of the last 30 days.

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


def weekly_figures(ids: list[int], window: Window) -> tuple[dict, dict[int, dict]]:
    """({CoP id: {Monday: {"posts", "present", "absent"}}} with every week of the window,
    {CoP id: {"posts"}} of the last 30 days). The 30 days lie inside the twelve weeks, so the
    same grouped rows count both, rather than each CoP's threads being read twice."""
    weeks = {cop: {week: defaultdict(int) for week in window.weeks} for cop in ids}
    posts = {cop: {"posts": 0} for cop in ids}
    for cop, week, count, recent in _posts(ids, window):
        weeks[cop][week]["posts"] += count
        posts[cop]["posts"] += recent
    for cop, week, present, absent in _attendance(ids, window):
        weeks[cop][week]["present"] += present
        weeks[cop][week]["absent"] += absent
    return weeks, posts


def _posts(ids: list[int], window: Window):
    """(cop, Monday, posts that week, of which in the last 30 days) from two grouped queries:
    a thread's opening text lives on the Thread (Post rows are replies), so threads count."""
    in_weeks = Q(created_at__gte=window.weeks_since, created_at__lte=window.now)
    recent = Count("pk", filter=Q(created_at__gte=window.active_since))
    threads = (
        Thread.objects.filter(in_weeks, community_id__in=ids)
        .values_list("community_id", _week("created_at"))
        .annotate(n=Count("pk"), recent=recent)
    )
    replies = (
        Post.objects.filter(in_weeks, thread__community_id__in=ids, deleted_at__isnull=True)
        .values_list("thread__community_id", _week("created_at"))
        .annotate(n=Count("pk"), recent=recent)
    )
    for rows in (threads, replies):
        yield from rows.order_by()


def _attendance(ids: list[int], window: Window):
    return (
        Attendance.objects.filter(
            meeting__community_id__in=ids,
            occurrence_start__gte=window.weeks_since,
            occurrence_start__lte=window.now,
        )
        .values_list("meeting__community_id", _week("occurrence_start"))
        .annotate(
            present=Count("pk", filter=Q(status=AttendanceStatus.PRESENT)),
            absent=Count("pk", filter=Q(status=AttendanceStatus.ABSENT)),
        )
        .order_by()
    )
