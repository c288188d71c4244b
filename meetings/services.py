"""Every write to meetings. Each change a calendar app must notice bumps the series' SEQUENCE."""

import datetime as dt

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from communities.models import Community, User
from meetings.meeting_mail import record_meeting_mail
from meetings.models import AgendaItem, FeedToken, Meeting, MeetingMailEvent, OccurrenceChange, Rsvp
from meetings.models.feed_token import new_feed_token
from meetings.recurrence import Occurrence, belongs_to_series
from meetings.reminders import sync_reminders

SERIES_FIELDS = (
    "title",
    "description",
    "start_date",
    "start_time",
    "duration",
    "time_zone",
    "format",
    "place",
    "join_url",
    "recurrence",
    "repeat_until",
    "repeat_count",
)


class OccurrenceCancelledError(Exception):
    """An answer or a move for an occurrence that no longer takes place."""


class OccurrenceOverError(Exception):
    """An answer for an occurrence that has ended (attendance records who came)."""


def _replace_agenda(meeting: Meeting, agenda: list[str]) -> None:
    # An item kept through an edit (same words) keeps the goal it names.
    goals = dict(meeting.agenda_items.values_list("title", "goal_id"))
    meeting.agenda_items.all().delete()
    AgendaItem.objects.bulk_create(
        AgendaItem(meeting=meeting, position=n, title=title, goal_id=goals.get(title))
        for n, title in enumerate(agenda)
    )


@transaction.atomic
def schedule_meeting(*, actor: User, community: Community, agenda: list[str], **fields) -> Meeting:
    meeting = Meeting.objects.create(
        community=community, created_by=actor, **{k: fields[k] for k in SERIES_FIELDS}
    )
    _replace_agenda(meeting, agenda)
    sync_reminders(meeting=meeting)
    record_meeting_mail(actor=actor, meeting=meeting, event=MeetingMailEvent.SCHEDULED)
    return meeting


@transaction.atomic
def update_meeting(*, actor: User, meeting: Meeting, agenda: list[str], **fields) -> Meeting:
    """A real change bumps SEQUENCE and emails every member; a save with nothing changed (same
    series fields, same agenda) writes nothing, so nobody gets a "Meeting changed" for it."""
    if not series_changed(meeting=meeting, agenda=agenda, **fields):
        return meeting
    for name in SERIES_FIELDS:
        setattr(meeting, name, fields[name])
    meeting.sequence = F("sequence") + 1
    meeting.save(update_fields=[*SERIES_FIELDS, "sequence", "updated_at"])
    meeting.refresh_from_db()
    drop_what_the_series_no_longer_has(meeting=meeting)
    _replace_agenda(meeting, agenda)
    sync_reminders(meeting=meeting)
    record_meeting_mail(actor=actor, meeting=meeting, event=MeetingMailEvent.UPDATED)
    return meeting


def series_changed(*, meeting: Meeting, agenda: list[str], **fields) -> bool:
    """Whether these values differ from the stored series (its fields or its agenda's words)."""
    if any(getattr(meeting, name) != fields[name] for name in SERIES_FIELDS):
        return True
    kept = list(meeting.agenda_items.order_by("position").values_list("title", flat=True))
    return kept != list(agenda)


def drop_what_the_series_no_longer_has(*, meeting: Meeting) -> None:
    """Changes and answers for occurrences a new schedule does not have: a cancelled 09:00
    must not linger as an EXDATE, nor a moved one as an extra meeting, once the series meets
    at 11:00 or ends earlier."""
    originals = {c.original_start for c in OccurrenceChange.objects.filter(meeting=meeting)}
    originals |= set(
        Rsvp.objects.filter(meeting=meeting).values_list("occurrence_start", flat=True).distinct()
    )
    stale = [start for start in originals if not belongs_to_series(meeting, start)]
    OccurrenceChange.objects.filter(meeting=meeting, original_start__in=stale).delete()
    Rsvp.objects.filter(meeting=meeting, occurrence_start__in=stale).delete()


def _bump(meeting: Meeting) -> None:
    bumped = {"sequence": F("sequence") + 1, "updated_at": timezone.now()}
    Meeting.objects.filter(pk=meeting.pk).update(**bumped)
    meeting.refresh_from_db(fields=["sequence", "updated_at"])


@transaction.atomic
def cancel_occurrence(*, actor: User, occurrence: Occurrence) -> OccurrenceChange:
    change, _created = OccurrenceChange.objects.update_or_create(
        meeting=occurrence.meeting,
        original_start=occurrence.original_start,
        defaults={"cancelled": True, "new_start": None, "new_end": None},
    )
    _bump(occurrence.meeting)
    sync_reminders(meeting=occurrence.meeting)
    if occurrence.cancelled:
        return change  # cancelled already: its members were told then
    record_meeting_mail(
        actor=actor,
        meeting=occurrence.meeting,
        event=MeetingMailEvent.CANCELLED,
        occurrence_start=occurrence.original_start,
    )
    return change


@transaction.atomic
def move_occurrence(
    *, actor: User, occurrence: Occurrence, start: dt.datetime, end: dt.datetime
) -> OccurrenceChange:
    if occurrence.cancelled:
        raise OccurrenceCancelledError
    change, _created = OccurrenceChange.objects.update_or_create(
        meeting=occurrence.meeting,
        original_start=occurrence.original_start,
        defaults={"cancelled": False, "new_start": start, "new_end": end},
    )
    _bump(occurrence.meeting)
    sync_reminders(meeting=occurrence.meeting)
    record_meeting_mail(
        actor=actor,
        meeting=occurrence.meeting,
        event=MeetingMailEvent.MOVED,
        occurrence_start=occurrence.original_start,
    )
    return change


@transaction.atomic
def record_rsvp(*, actor: User, occurrence: Occurrence, response: str) -> Rsvp:
    if occurrence.cancelled:
        raise OccurrenceCancelledError
    if occurrence.end <= timezone.now():
        raise OccurrenceOverError
    rsvp, _created = Rsvp.objects.update_or_create(
        meeting=occurrence.meeting,
        occurrence_start=occurrence.original_start,
        member=actor,
        defaults={"response": response},
    )
    return rsvp


def feed_token_of(*, user: User) -> FeedToken:
    token, _created = FeedToken.objects.get_or_create(user=user)
    return token


@transaction.atomic
def regenerate_feed_token(*, user: User) -> FeedToken:
    """A new secret; links with the old one answer 404 from now on."""
    token, created = FeedToken.objects.get_or_create(user=user)
    if not created:
        token.token = new_feed_token()
        token.save(update_fields=["token", "created_at"])
    return token
