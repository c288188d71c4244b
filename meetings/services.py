"""Every write to meetings. Each change a calendar app must notice bumps the series' SEQUENCE."""

import datetime as dt

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from communities.models import Community, User
from meetings.models import AgendaItem, FeedToken, Meeting, OccurrenceChange, Rsvp
from meetings.models.feed_token import new_feed_token
from meetings.recurrence import Occurrence

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


def _replace_agenda(meeting: Meeting, agenda: list[str]) -> None:
    meeting.agenda_items.all().delete()
    AgendaItem.objects.bulk_create(
        AgendaItem(meeting=meeting, position=n, title=title) for n, title in enumerate(agenda)
    )


@transaction.atomic
def schedule_meeting(*, actor: User, community: Community, agenda: list[str], **fields) -> Meeting:
    meeting = Meeting.objects.create(
        community=community, created_by=actor, **{k: fields[k] for k in SERIES_FIELDS}
    )
    _replace_agenda(meeting, agenda)
    return meeting


@transaction.atomic
def update_meeting(*, actor: User, meeting: Meeting, agenda: list[str], **fields) -> Meeting:
    moved_rule = any(
        getattr(meeting, name) != fields[name]
        for name in ("start_date", "start_time", "time_zone", "recurrence")
    )
    for name in SERIES_FIELDS:
        setattr(meeting, name, fields[name])
    meeting.sequence = F("sequence") + 1
    meeting.save(update_fields=[*SERIES_FIELDS, "sequence", "updated_at"])
    if moved_rule:
        # The occurrences the changes named are no longer the series' own: a cancelled 3 March
        # must not cancel whatever now falls on it.
        meeting.changes.all().delete()
    _replace_agenda(meeting, agenda)
    meeting.refresh_from_db()
    return meeting


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
    return change


@transaction.atomic
def record_rsvp(*, actor: User, occurrence: Occurrence, response: str) -> Rsvp:
    if occurrence.cancelled:
        raise OccurrenceCancelledError
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
