"""A series' occurrences: its rule expanded with dateutil in the series' own zone, then the
per-occurrence changes applied.

Expanding in the series' zone (not in UTC) is what keeps a weekly 09:00 Chicago meeting at
09:00 in Chicago across daylight saving: rrule repeats the wall time, and each occurrence's
offset is the one its own date has. The feed (`meetings/ics.py`) writes the same rule as RRULE;
tests/meetings/test_feed_parser.py checks an independent parser expands it to the same starts.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from dateutil.rrule import MONTHLY, WEEKLY, rrule, weekday

from meetings.models import Meeting, OccurrenceChange, Recurrence

# A series without an end ends after two years (issue 12); the form says so.
OPEN_ENDED = relativedelta(years=2)
UTC = dt.UTC


@dataclass(frozen=True)
class Occurrence:
    meeting: Meeting
    original_start: dt.datetime  # what the series gave it, in UTC: the occurrence's key
    start: dt.datetime  # in UTC, after any move
    end: dt.datetime
    cancelled: bool = False
    moved: bool = False

    @property
    def key(self) -> str:
        return occurrence_key(self.original_start)


def occurrence_key(start: dt.datetime) -> str:
    """An occurrence's name in URLs: its original start in UTC, as iCalendar writes it."""
    return start.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def parse_occurrence_key(key: str) -> dt.datetime | None:
    try:
        return dt.datetime.strptime(key, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    except ValueError:
        return None


def nth_weekday_of(day: dt.date) -> weekday:
    """The weekday of `day` and its place in the month (2nd Tuesday); a 5th one is "last"."""
    nth = (day.day - 1) // 7 + 1
    return weekday(day.weekday(), -1 if nth == 5 else nth)


def last_day(meeting: Meeting) -> dt.date | None:
    """The date the series ends on, as stored or two years on; None when a count ends it."""
    if meeting.repeat_count:
        return None
    return meeting.repeat_until or meeting.start_date + OPEN_ENDED


def rule_of(meeting: Meeting) -> rrule:
    """The series' rule over local wall times in its zone; a one-off meeting is a count of 1."""
    start = meeting.first_start
    if not meeting.is_recurring:
        return rrule(WEEKLY, dtstart=start, count=1)
    options = {"dtstart": start}
    if meeting.repeat_count:
        options["count"] = meeting.repeat_count
    else:
        # The whole last day counts: a 09:00 meeting on the until date is in.
        until = dt.datetime.combine(last_day(meeting), dt.time.max, tzinfo=meeting.zone)
        options["until"] = until
    if meeting.recurrence == Recurrence.WEEKLY:
        return rrule(WEEKLY, byweekday=start.weekday(), **options)
    if meeting.recurrence == Recurrence.BIWEEKLY:
        return rrule(WEEKLY, interval=2, byweekday=start.weekday(), **options)
    if meeting.recurrence == Recurrence.MONTHLY_DATE:
        return rrule(MONTHLY, bymonthday=start.day, **options)
    return rrule(MONTHLY, byweekday=nth_weekday_of(start.date()), **options)


def _changes_of(meeting: Meeting) -> dict[dt.datetime, OccurrenceChange]:
    # Prefetched by the selectors, so a list of series costs one query for every change.
    return {change.original_start: change for change in meeting.changes.all()}


def _occurrence(meeting, original: dt.datetime, change: OccurrenceChange | None) -> Occurrence:
    original = original.astimezone(UTC)
    if change is not None and not change.cancelled:
        return Occurrence(meeting, original, change.new_start, change.new_end, moved=True)
    cancelled = change is not None and change.cancelled
    return Occurrence(meeting, original, original, original + meeting.duration, cancelled)


def occurrences_between(meeting: Meeting, start: dt.datetime, end: dt.datetime) -> list[Occurrence]:
    """Occurrences whose (possibly moved) time overlaps [start, end), cancelled ones included
    and marked, in order of start."""
    changes = _changes_of(meeting)
    # An occurrence moved into the window may have been given a start outside it.
    originals = {
        when.astimezone(UTC)
        for when in rule_of(meeting).between(start - meeting.duration, end, inc=True)
    }
    originals |= {
        original
        for original, change in changes.items()
        if change.new_start is not None and change.new_start < end and change.new_end > start
    }
    found = (_occurrence(meeting, when, changes.get(when)) for when in originals)
    return sorted(
        (o for o in found if o.start < end and o.end > start), key=lambda o: (o.start, o.meeting.pk)
    )


def belongs_to_series(meeting: Meeting, original_start: dt.datetime) -> bool:
    """Whether the series' rule gives an occurrence this start (whatever changed it since)."""
    local = original_start.astimezone(meeting.zone)
    return bool(rule_of(meeting).between(local, local, inc=True))


def occurrence_of(meeting: Meeting, original_start: dt.datetime) -> Occurrence | None:
    """The occurrence the series gave this start, or None when the series has no such one."""
    if not belongs_to_series(meeting, original_start):
        return None
    return _occurrence(meeting, original_start, _changes_of(meeting).get(original_start))


def upcoming(
    meetings: Iterable[Meeting], *, now: dt.datetime, horizon: dt.timedelta
) -> list[Occurrence]:
    """Every occurrence of these series still to end within the horizon, in order of start."""
    found = []
    for meeting in meetings:
        found.extend(occurrences_between(meeting, now, now + horizon))
    return sorted(found, key=lambda o: (o.start, o.meeting.pk))
