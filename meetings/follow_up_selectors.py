"""Reads for what follows a meeting: the attendance sheet, the notes of an occurrence, action
lists and the agenda's review items. Each is a bounded number of queries however many rows."""

import datetime as dt

from django.db.models import BooleanField, Case, Q, QuerySet, Value, When

from communities.access import access_of
from communities.models import Community, Membership, User
from meetings.models import (
    ActionItem,
    ActionStatus,
    AgendaItem,
    Attendance,
    Meeting,
    OccurrenceRecord,
    Rsvp,
)
from meetings.models.follow_up import OPEN_STATUSES
from meetings.recurrence import Occurrence

# A filter of the action lists → the statuses it shows; "open" is the default.
STATUS_FILTERS = {
    "open": OPEN_STATUSES,
    "done": (ActionStatus.DONE,),
    "all": tuple(ActionStatus.values),
}


def with_overdue(items: QuerySet[ActionItem], *, today: dt.date) -> QuerySet[ActionItem]:
    """Each item's `overdue`: open or in progress and due before `today` (the viewer's)."""
    return items.annotate(
        overdue=Case(
            When(status__in=OPEN_STATUSES, due_date__lt=today, then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        )
    )


def _shaped(items: QuerySet[ActionItem], *, today: dt.date) -> QuerySet[ActionItem]:
    return with_overdue(
        items.select_related("owner", "goal", "meeting", "community"), today=today
    ).order_by("-overdue", "due_date", "pk")


def action_items_of(
    *, community: Community, today: dt.date, status: str = "open", owner: User | None = None
) -> QuerySet[ActionItem]:
    items = ActionItem.objects.filter(community=community, status__in=STATUS_FILTERS[status])
    if owner is not None:
        items = items.filter(owner=owner)
    return _shaped(items, today=today)


def my_action_items(*, user: User, today: dt.date, status: str = "open") -> QuerySet[ActionItem]:
    """The viewer's items in the CoPs they belong to now: after leaving a CoP its items go."""
    items = ActionItem.objects.filter(
        owner=user,
        community_id__in=list(access_of(user).roles),
        status__in=STATUS_FILTERS[status],
    )
    return _shaped(items, today=today)


def agenda_of(*, meeting: Meeting) -> list[AgendaItem]:
    return list(AgendaItem.objects.filter(meeting=meeting).select_related("goal"))


def review_items(
    *, occurrence: Occurrence, agenda: list[AgendaItem], today: dt.date
) -> list[ActionItem]:
    """The agenda loop: open items of the series, and of the goals its agenda names, as they
    stand now (read live, never copied onto the agenda)."""
    meeting = occurrence.meeting
    goal_ids = [item.goal_id for item in agenda if item.goal_id]
    items = ActionItem.objects.filter(
        Q(meeting=meeting) | Q(goal_id__in=goal_ids),
        community_id=meeting.community_id,
        status__in=OPEN_STATUSES,
    )
    return list(_shaped(items, today=today))


def record_of(*, occurrence: Occurrence) -> OccurrenceRecord | None:
    return OccurrenceRecord.objects.filter(
        meeting=occurrence.meeting, occurrence_start=occurrence.original_start
    ).first()


def previous_minutes(*, occurrence: Occurrence) -> OccurrenceRecord | None:
    """The minutes of the series' last occurrence before this one that has any."""
    return (
        OccurrenceRecord.objects.filter(
            meeting=occurrence.meeting, occurrence_start__lt=occurrence.original_start
        )
        .exclude(minutes="")
        .order_by("-occurrence_start")
        .first()
    )


def attendance_sheet(*, occurrence: Occurrence) -> list[tuple[User, str]]:
    """The CoP's members in name order, each with what was recorded for them, or what their
    RSVP suggests (yes → present, no → excused), or "" when nothing is known."""
    meeting, start = occurrence.meeting, occurrence.original_start
    taken = dict(
        Attendance.objects.filter(meeting=meeting, occurrence_start=start).values_list(
            "member_id", "status"
        )
    )
    suggested = {"yes": "present", "no": "excused"}
    answered = {
        member_id: suggested.get(response, "")
        for member_id, response in Rsvp.objects.filter(
            meeting=meeting, occurrence_start=start
        ).values_list("member_id", "response")
    }
    members = (
        Membership.objects.filter(community_id=meeting.community_id)
        .select_related("user")
        .order_by("user__name", "user_id")
    )
    return [(m.user, taken.get(m.user_id) or answered.get(m.user_id, "")) for m in members]


def attendance_counts(*, occurrence: Occurrence) -> dict[str, int]:
    rows = Attendance.objects.filter(
        meeting=occurrence.meeting, occurrence_start=occurrence.original_start
    ).values_list("status", flat=True)
    counts = dict.fromkeys(("present", "absent", "excused"), 0)
    for status in rows:
        counts[status] += 1
    return counts


def attendance_rows(*, meeting: Meeting, occurrence_start: dt.datetime | None = None):
    """Attendance of one occurrence, or of the whole series, for the CSV: oldest first."""
    rows = Attendance.objects.filter(meeting=meeting).select_related("member")
    if occurrence_start is not None:
        rows = rows.filter(occurrence_start=occurrence_start)
    return rows.order_by("occurrence_start", "member__name", "member_id")
