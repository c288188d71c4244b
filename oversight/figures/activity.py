"""Who took part, and when anything last happened: active members (30 days) and the latest
activity of each CoP, from one query over every kind of activity of the last 30 days (and one
more for the CoPs that had none).

Activity is a post or a thread, a reaction, an RSVP, being marked present, an answer to a ping,
or an answer to a NAMED survey. An anonymous survey answer has no person (and only a date), and
it is left out here on purpose: answering anonymously must not move anyone's activity, or a
dated activity could tie a response to a person (SPEC §6)."""

import datetime as dt

from django.db import connection
from django.db.models import DateTimeField, F, QuerySet
from django.db.models.functions import Cast

from communities.models import Membership, PingAnswer, Post, Reaction, Thread
from meetings.models import Attendance, AttendanceStatus, Rsvp
from oversight.figures.sql import union_of
from oversight.figures.window import Window
from oversight.models import SurveyResponse


def activity_sources(
    ids: list[int], window: Window, since: dt.datetime | None, *, named_surveys: bool = True
) -> list[QuerySet]:
    """Each kind of activity as rows of (cop, who, at), from `since` (or ever) up to now: the
    one list of what counts as taking part, for the figures and the CoP dashboard's "last
    active" alike. `named_surveys=False` leaves out the survey answers, which have a day and no
    time (a page showing days reads them as days)."""
    upto = window.now
    named_answers = SurveyResponse.objects.filter(
        evaluation__community_id__in=ids, person__isnull=False, submitted_on__lte=window.today
    )
    sources = [
        Thread.objects.filter(community_id__in=ids, created_at__lte=upto).values(
            cop=F("community_id"), who=F("author_id"), at=F("created_at")
        ),
        Post.objects.filter(
            thread__community_id__in=ids, deleted_at__isnull=True, created_at__lte=upto
        ).values(cop=F("thread__community_id"), who=F("author_id"), at=F("created_at")),
        Reaction.objects.filter(post__thread__community_id__in=ids, created_at__lte=upto).values(
            cop=F("post__thread__community_id"), who=F("user_id"), at=F("created_at")
        ),
        Rsvp.objects.filter(meeting__community_id__in=ids, updated_at__lte=upto).values(
            cop=F("meeting__community_id"), who=F("member_id"), at=F("updated_at")
        ),
        Attendance.objects.filter(
            meeting__community_id__in=ids,
            status=AttendanceStatus.PRESENT,
            occurrence_start__lte=upto,
        ).values(cop=F("meeting__community_id"), who=F("member_id"), at=F("occurrence_start")),
        PingAnswer.objects.filter(ping__community_id__in=ids, answered_at__lte=upto).values(
            cop=F("ping__community_id"), who=F("user_id"), at=F("answered_at")
        ),
    ]
    if named_surveys:
        # A day without a time: it counts from that day's start (UTC).
        sources.append(
            named_answers.values(
                cop=F("evaluation__community_id"),
                who=F("person_id"),
                at=Cast("submitted_on", DateTimeField()),
            )
        )
    return sources if since is None else [rows.filter(at__gte=since) for rows in sources]


def activity_figures(ids: list[int], window: Window) -> dict[int, dict]:
    """{CoP id: {"active_members", "last_activity_at"}} for CoPs with any activity.

    Most CoPs did something in the last 30 days, and then their latest activity is in that
    window too; only the quiet ones need their whole history read, so they get a second query
    of their own rather than every CoP's years of posts being scanned every ten minutes."""
    figures = _recent_activity(ids, window)
    quiet = [cop for cop in ids if cop not in figures]
    if quiet:
        figures |= {
            cop: {"active_members": 0, "last_activity_at": last}
            for cop, last in _latest_activity(quiet, window).items()
        }
    return figures


def _recent_activity(ids: list[int], window: Window) -> dict[int, dict]:
    since = window.active_since
    union, params = union_of(
        activity_sources(ids, window, since), "cop, who, at", keep_duplicates=True
    )
    # Only a current member counts as active (someone who left is no longer a member of it);
    # any activity, a former member's too, says the CoP is not silent.
    sql = f"""
        SELECT activity.cop, COUNT(DISTINCT member.user_id), MAX(activity.at)
        FROM ({union}) AS activity
        LEFT JOIN {Membership._meta.db_table} AS member
               ON member.community_id = activity.cop AND member.user_id = activity.who
        GROUP BY activity.cop
    """  # noqa: S608 - the text is ours; every value is a parameter
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {
            cop: {"active_members": active, "last_activity_at": last}
            for cop, active, last in cursor.fetchall()
        }


def _latest_activity(ids: list[int], window: Window) -> dict[int, dt.datetime]:
    union, params = union_of(
        activity_sources(ids, window, None), "cop, who, at", keep_duplicates=True
    )
    sql = f"SELECT cop, MAX(at) FROM ({union}) AS activity GROUP BY cop"  # noqa: S608 - ours
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return dict(cursor.fetchall())


def latest_activity_of(*, community_id: int, people: list[int], now: dt.datetime) -> dict:
    """{person id: their latest activity in the CoP}, for these people, in one query: the
    kinds `activity_sources` lists, but named survey answers (the caller reads those as days)."""
    sources = [
        rows.filter(who__in=people)
        for rows in activity_sources([community_id], Window(now), None, named_surveys=False)
    ]
    union, params = union_of(sources, "cop, who, at", keep_duplicates=True)
    sql = f"SELECT who, MAX(at) FROM ({union}) AS activity GROUP BY who"  # noqa: S608 - ours
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return dict(cursor.fetchall())
