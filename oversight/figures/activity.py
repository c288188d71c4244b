"""Who took part, and when anything last happened: active members (30 days) and the latest
activity of each CoP, from one query over every kind of activity at once.

Activity is a post or a thread, a reaction, an RSVP, being marked present, an answer to a ping,
or an answer to a NAMED survey. An anonymous survey answer has no person (and only a date), and
it is left out here on purpose: answering anonymously must not move anyone's activity, or a
dated activity could tie a response to a person (SPEC §6)."""

from django.db import connection
from django.db.models import DateTimeField, F, QuerySet
from django.db.models.functions import Cast

from communities.models import Membership, PingAnswer, Post, Reaction, Thread
from meetings.models import Attendance, AttendanceStatus, Rsvp
from oversight.figures.sql import union_of
from oversight.figures.window import Window
from oversight.models import SurveyResponse


def _sources(ids: list[int], window: Window) -> list[QuerySet]:
    """Each kind of activity as rows of (cop, who, at), at any time up to now."""
    upto = window.now
    named_answers = SurveyResponse.objects.filter(
        evaluation__community_id__in=ids, person__isnull=False, submitted_on__lte=window.today
    )
    return [
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
        # A day without a time: it counts from that day's start (UTC).
        named_answers.values(
            cop=F("evaluation__community_id"),
            who=F("person_id"),
            at=Cast("submitted_on", DateTimeField()),
        ),
    ]


def activity_figures(ids: list[int], window: Window) -> dict[int, dict]:
    """{CoP id: {"active_members", "last_activity_at"}} for CoPs with any activity."""
    union, params = union_of(_sources(ids, window), "cop, who, at", keep_duplicates=True)
    # Only a current member counts as active (someone who left is no longer a member of it);
    # any activity, a former member's too, says the CoP is not silent.
    sql = f"""
        SELECT activity.cop,
               COUNT(DISTINCT activity.who)
                   FILTER (WHERE activity.at >= %s AND member.id IS NOT NULL),
               MAX(activity.at)
        FROM ({union}) AS activity
        LEFT JOIN {Membership._meta.db_table} AS member
               ON member.community_id = activity.cop AND member.user_id = activity.who
        GROUP BY activity.cop
    """  # noqa: S608 - the text is ours; every value is a parameter
    with connection.cursor() as cursor:
        # The window's start comes first in the text (the SELECT), the union's after.
        cursor.execute(sql, [window.active_since, *params])
        return {
            cop: {"active_members": active, "last_activity_at": last}
            for cop, active, last in cursor.fetchall()
        }
