"""Every write that follows a meeting: attendance, notes and minutes, action items."""

from django.db import transaction
from django.utils import timezone

from communities.discussions.markdown import render_markdown
from communities.models import Community, User
from meetings.models import (
    ActionItem,
    ActionStatus,
    AgendaItem,
    Attendance,
    Goal,
    Meeting,
    OccurrenceRecord,
)
from meetings.recurrence import Occurrence
from meetings.services import OccurrenceCancelledError


class OccurrenceNotStartedError(Exception):
    """Attendance for an occurrence that has not begun: nobody can have come yet."""


@transaction.atomic
def take_attendance(
    *, actor: User, occurrence: Occurrence, statuses: dict[int, str]
) -> list[Attendance]:
    """Record {member id: status} for this occurrence; members left out keep what they had."""
    if occurrence.cancelled:
        raise OccurrenceCancelledError
    if occurrence.start > timezone.now():
        raise OccurrenceNotStartedError
    rows = [
        Attendance(
            meeting=occurrence.meeting,
            occurrence_start=occurrence.original_start,
            member_id=member_id,
            status=status,
            taken_by=actor,
        )
        for member_id, status in statuses.items()
    ]
    return Attendance.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=("meeting", "occurrence_start", "member"),
        update_fields=("status", "taken_by", "updated_at"),
    )


@transaction.atomic
def write_minutes(
    *, actor: User, occurrence: Occurrence, notes: str, minutes: str
) -> OccurrenceRecord:
    record, _created = OccurrenceRecord.objects.update_or_create(
        meeting=occurrence.meeting,
        occurrence_start=occurrence.original_start,
        defaults={
            "notes": notes,
            "notes_html": render_markdown(notes),
            "minutes": minutes,
            "minutes_html": render_markdown(minutes),
            "updated_by": actor,
        },
    )
    return record


@transaction.atomic
def create_action_item(
    *,
    actor: User,
    community: Community,
    title: str,
    owner: User,
    due_date=None,
    goal: Goal | None = None,
    meeting: Meeting | None = None,
    occurrence_start=None,
) -> ActionItem:
    return ActionItem.objects.create(
        community=community,
        title=title,
        owner=owner,
        due_date=due_date,
        goal=goal,
        meeting=meeting,
        occurrence_start=occurrence_start if meeting else None,
        created_by=actor,
    )


@transaction.atomic
def update_action_status(*, actor: User, item: ActionItem, status: str) -> ActionItem:
    item.status = status
    # Done is when it was finished; reopening it forgets that.
    if status == ActionStatus.DONE:
        item.completed_at = item.completed_at or timezone.now()
    else:
        item.completed_at = None
    item.save(update_fields=["status", "completed_at", "updated_at"])
    return item


@transaction.atomic
def name_agenda_goal(*, actor: User, item: AgendaItem, goal: Goal | None) -> AgendaItem:
    item.goal = goal
    item.save(update_fields=["goal"])
    return item
