"""Meetings held and attendance over the last 90 days, per CoP."""

from django.db import connection
from django.db.models import Count, F, Q, QuerySet

from meetings.models import Attendance, AttendanceStatus, OccurrenceRecord
from oversight.figures.sql import union_of
from oversight.figures.window import Window


def attendance_figures(ids: list[int], window: Window) -> dict[int, dict]:
    """{CoP id: {"present", "absent", "attendance_rate"}}. Excused people count in neither:
    they told the CoP ahead, which is no sign of it losing them."""
    rows = (
        Attendance.objects.filter(
            meeting__community_id__in=ids,
            occurrence_start__gte=window.meetings_since,
            occurrence_start__lte=window.now,
        )
        .values("meeting__community_id")
        .annotate(
            present=Count("pk", filter=Q(status=AttendanceStatus.PRESENT)),
            absent=Count("pk", filter=Q(status=AttendanceStatus.ABSENT)),
        )
        .order_by()
    )
    figures = {}
    for row in rows:
        present, absent = row["present"], row["absent"]
        rate = present / (present + absent) if present + absent else None
        figures[row["meeting__community_id"]] = {
            "present": present,
            "absent": absent,
            "attendance_rate": rate,
        }
    return figures


def held_occurrences(**in_window) -> tuple[QuerySet, QuerySet]:
    """The rows that show an occurrence was held, filtered by `in_window`: its attendance marks,
    and its record when notes or minutes were written (a record emptied again says nothing).
    The one definition of "held", for the figures and the CoP dashboard's RSVP rate alike."""
    marked = Attendance.objects.filter(**in_window)
    noted = OccurrenceRecord.objects.filter(**in_window).filter(~Q(notes="") | ~Q(minutes=""))
    return marked, noted


def meetings_held(ids: list[int], window: Window) -> dict[int, dict]:
    """{CoP id: {"meetings_held"}}: occurrences of the last 90 days (none to come) that were held
    (`held_occurrences`); an occurrence with both kinds of row counts once (UNION dedups)."""
    in_window = {
        "meeting__community_id__in": ids,
        "occurrence_start__gte": window.meetings_since,
        "occurrence_start__lte": window.now,
    }
    columns = {"cop": F("meeting__community_id"), "series": F("meeting_id")}
    occurrences = [
        rows.values(**columns, start=F("occurrence_start"))
        for rows in held_occurrences(**in_window)
    ]
    union, params = union_of(occurrences, "cop, series, start", keep_duplicates=False)
    sql = f"SELECT cop, COUNT(*) FROM ({union}) AS held GROUP BY cop"  # noqa: S608 - our text
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {cop: {"meetings_held": count} for cop, count in cursor.fetchall()}
