"""Meeting reminders: rows kept in step with each series, sent by the beat task when due.

`sync_reminders()` runs inside every write that changes when a series meets (schedule, edit,
move, cancel, the demo seeder): a moved occurrence's pending reminders move with it (and one
already sent is armed again for the new time), a cancelled one's are deleted, an edited
series' stale ones go and its new occurrences get theirs.

`send_due_reminders()` runs in the worker. Each due row is taken under a row lock that a
concurrent run skips, its CoP's members are told in bulk under keys naming person, occurrence,
offset and start (so a retry tells nobody twice), and it is marked sent in the same transaction.
"""

import datetime as dt
import logging

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone

from communities.models import Membership, User
from communities.notifications.kinds import DeliveryMode
from communities.notifications.preferences import notification_modes_of
from communities.notifications.sender import Notice, notify_many
from meetings.models import Meeting, Reminder, ReminderOffset, ReminderStatus, Rsvp, RsvpResponse
from meetings.recurrence import occurrence_key, occurrences_between, rule_of

logger = logging.getLogger(__name__)

UTC = dt.UTC
KIND = "meeting_reminder"
# Each offset is a notification kind of its own: a member may want one and not the other.
KIND_OF = {ReminderOffset.DAY: KIND, ReminderOffset.HOUR: "meeting_reminder_hour"}
# Rows for every occurrence an open-ended series has (it ends after two years, OPEN_ENDED); a
# series that meets beyond that gets the rest of its rows day by day (`extend_reminders`).
HORIZON = dt.timedelta(days=2 * 366 + 1)
EXTEND_MARGIN = dt.timedelta(days=2)
OFFSETS = (ReminderOffset.DAY, ReminderOffset.HOUR)
# Due rows one beat takes; what is left waits a minute for the next.
DISPATCH_BATCH = 500


def due_at_for(start: dt.datetime, offset: str, zone) -> dt.datetime:
    """A day before is the same wall time the day before in the series' zone (09:00 Chicago
    on the Saturday for a Sunday 09:00 meeting, across a DST change too); an hour is an hour."""
    if offset == ReminderOffset.HOUR:
        return start - dt.timedelta(hours=1)
    local = start.astimezone(zone)
    day_before = dt.datetime.combine(local.date() - dt.timedelta(days=1), local.time(), zone)
    return day_before.astimezone(UTC)


def _wanted(meeting: Meeting, now: dt.datetime) -> dict[tuple, tuple[dt.datetime, dt.datetime]]:
    """(original start, offset) -> (start, due) for every occurrence still to start."""
    wanted = {}
    for occurrence in occurrences_between(meeting, now, now + HORIZON):
        if occurrence.cancelled or occurrence.start <= now:
            continue
        for offset in OFFSETS:
            due = due_at_for(occurrence.start, offset, meeting.zone)
            wanted[(occurrence.original_start, offset)] = (occurrence.start, due)
    return wanted


@transaction.atomic
def sync_reminders(*, meeting: Meeting, now: dt.datetime | None = None) -> None:
    """Bring the series' reminder rows in step with its occurrences, inside the write.

    A reminder already past its due time when the series is written is not armed (a meeting
    set up or moved to this afternoon needs no day-before reminder), but one that is due and
    waits for the next beat stays: an unrelated edit in that minute must not lose it."""
    now = now or timezone.now()
    # Read afresh, and locked: the caller's object may carry changes prefetched before this
    # write, and two writes to one series (or an edit and the daily extension) take turns.
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    wanted = _wanted(meeting, now)
    originals = {original for original, _offset in wanted}
    rows = Reminder.objects.filter(meeting=meeting).filter(
        Q(status=ReminderStatus.PENDING) | Q(occurrence_start__in=originals)
    )
    stale, changed = [], []
    for row in rows:
        start, due = wanted.pop((row.occurrence_start, row.offset), (None, None))
        if start is None or (row.starts_at != start and due <= now):
            if row.status == ReminderStatus.PENDING:
                stale.append(row.pk)  # cancelled, dropped by an edit, or moved too close
        elif row.starts_at != start or row.due_at != due:
            # Moved: a reminder already sent for the old time is armed again for the new one.
            row.starts_at, row.due_at = start, due
            row.status, row.handled_at = ReminderStatus.PENDING, None
            changed.append(row)
    Reminder.objects.filter(pk__in=stale).delete()
    Reminder.objects.bulk_update(changed, ["starts_at", "due_at", "status", "handled_at"])
    Reminder.objects.bulk_create(
        (
            Reminder(
                meeting=meeting, occurrence_start=original, offset=offset, starts_at=at, due_at=due
            )
            for (original, offset), (at, due) in wanted.items()
            if due > now
        ),
        ignore_conflicts=True,
    )


def extend_reminders(now: dt.datetime) -> int:
    """Once a day: series that meet beyond the horizon get the rows of the occurrences that
    came within it since, and series still meeting with no reminder waiting (scheduled before
    reminders existed) get theirs. Returns how many series it brought in step."""
    today, edge = now.date(), (now + HORIZON - EXTEND_MARGIN).date()
    waiting = Reminder.objects.filter(meeting=OuterRef("pk"), status=ReminderStatus.PENDING)
    # Counted series may meet beyond the edge (200 monthly meetings); their end is checked below.
    counted = Q(repeat_count__isnull=False)
    candidates = (
        Meeting.objects.annotate(waiting=Exists(waiting))
        .filter(Q(repeat_until__gte=today) | Q(start_date__gte=today) | counted)
        .filter(Q(repeat_until__gt=edge) | Q(start_date__gt=edge) | counted | Q(waiting=False))
    )
    looked = 0
    for meeting in candidates.iterator(chunk_size=200):
        if meeting.repeat_count:
            last = _last_start(meeting).date()
            if last < today or (last <= edge and meeting.waiting):
                continue
        sync_reminders(meeting=meeting, now=now)
        looked += 1
    return looked


def _last_start(meeting: Meeting) -> dt.datetime:
    return list(rule_of(meeting))[-1]


def send_due_reminders(now: dt.datetime) -> int:
    """Send every reminder that is due; returns how many people were told."""
    due = list(
        Reminder.objects.filter(status=ReminderStatus.PENDING, due_at__lte=now)
        .order_by("due_at")
        .values_list("pk", flat=True)[:DISPATCH_BATCH]
    )
    return sum(_send_one(pk, now) for pk in due)


@transaction.atomic
def _send_one(pk: int, now: dt.datetime) -> int:
    reminder = (
        Reminder.objects.select_for_update(skip_locked=True, of=("self",))
        .select_related("meeting__community")
        .filter(pk=pk, status=ReminderStatus.PENDING, due_at__lte=now)
        .first()
    )
    if reminder is None:
        return 0  # another run holds it, or has sent it since we looked
    told = 0
    # An archived CoP is closed: its series stay readable, but nobody is called to them.
    if _too_late(reminder, now) or reminder.meeting.community.is_archived:
        reminder.status = ReminderStatus.MISSED
    else:
        told = _tell_members(reminder)
        reminder.status = ReminderStatus.SENT
    reminder.handled_at = now
    reminder.save(update_fields=["status", "handled_at"])
    return told


def _too_late(reminder: Reminder, now: dt.datetime) -> bool:
    """A meeting that has started needs no reminder; a day-before reminder found when the
    hour-before one is due too (the worker was down) gives way to it."""
    if reminder.starts_at <= now:
        return True
    return (
        reminder.offset == ReminderOffset.DAY and reminder.starts_at - dt.timedelta(hours=1) <= now
    )


def reminder_recipients(reminder: Reminder) -> list[User]:
    """The CoP's members who have not answered "no" for this occurrence and have not turned
    this reminder (a day, an hour before) off. Whether each may still see the meeting,
    notify_many asks."""
    meeting = reminder.meeting
    declined = Rsvp.objects.filter(
        meeting=meeting, occurrence_start=reminder.occurrence_start, response=RsvpResponse.NO
    ).values("member_id")
    members = list(
        User.objects.filter(
            is_active=True,
            pk__in=Membership.objects.filter(community=meeting.community).values("user_id"),
        )
        .exclude(pk__in=declined)
        .order_by("pk")
    )
    modes = notification_modes_of(users=members, kind=KIND_OF[reminder.offset])
    return [member for member in members if modes[member.pk] != DeliveryMode.OFF]


def _tell_members(reminder: Reminder) -> int:
    meeting = reminder.meeting
    original = occurrence_key(reminder.occurrence_start)
    start = reminder.starts_at
    # One context for everyone: readers in one zone share a rendering, each zone its own.
    context = {
        "meeting": meeting,
        "title": meeting.title,
        "start": start,
        "end": start + meeting.duration,
        "offset": reminder.offset,
        "place": meeting.place,
        "join_url": meeting.join_url,
        "message": meeting.join_url or meeting.place,
    }
    url = reverse("meetings:occurrence", args=[meeting.community.slug, meeting.pk, original])
    key = f"{KIND}:{meeting.pk}:{original}:{reminder.offset}:{occurrence_key(start)}"
    notices = [
        Notice(to=member, key=f"{key}:{member.pk}", context=context, url=url)
        for member in reminder_recipients(reminder)
    ]
    return notify_many(
        kind=KIND_OF[reminder.offset],
        notices=notices,
        group=meeting.community.name,
        about=meeting,
        capability="meeting.view",
    )
