"""Occurrences as the app expands them: wall time kept in the series' zone, every kind of rule,
its end, and single occurrences cancelled or moved."""

import datetime as dt
import zoneinfo

import pytest

from meetings.models import OccurrenceChange, Recurrence
from meetings.recurrence import occurrence_of, occurrences_between
from tests.meetings.factories import MeetingFactory

pytestmark = pytest.mark.django_db

CHICAGO = zoneinfo.ZoneInfo("America/Chicago")
UTC = dt.UTC
FAR = dt.datetime(2030, 1, 1, tzinfo=UTC)
EARLY = dt.datetime(2020, 1, 1, tzinfo=UTC)


def starts(meeting, after=EARLY, before=FAR):
    return [o.start for o in occurrences_between(meeting, after, before)]


def test_weekly_meeting_stays_at_nine_in_chicago_when_daylight_saving_ends():
    # 1 November 2026: Chicago goes from UTC-5 to UTC-6.
    meeting = MeetingFactory(start_date=dt.date(2026, 10, 20), repeat_count=4)

    found = starts(meeting)

    assert [s.astimezone(CHICAGO).hour for s in found] == [9, 9, 9, 9]
    assert [s.astimezone(UTC).hour for s in found] == [14, 14, 15, 15]
    assert [s.astimezone(CHICAGO).date() for s in found] == [
        dt.date(2026, 10, 20),
        dt.date(2026, 10, 27),
        dt.date(2026, 11, 3),
        dt.date(2026, 11, 10),
    ]


def test_every_two_weeks_skips_a_week():
    meeting = MeetingFactory(
        start_date=dt.date(2026, 3, 3), recurrence=Recurrence.BIWEEKLY, repeat_count=3
    )

    assert [s.astimezone(CHICAGO).date().day for s in starts(meeting)] == [3, 17, 31]


def test_monthly_by_weekday_keeps_the_second_tuesday():
    # 13 January 2026 is the second Tuesday of January.
    meeting = MeetingFactory(
        start_date=dt.date(2026, 1, 13), recurrence=Recurrence.MONTHLY_WEEKDAY, repeat_count=4
    )

    found = [s.astimezone(CHICAGO) for s in starts(meeting)]

    assert [s.date() for s in found] == [
        dt.date(2026, 1, 13),
        dt.date(2026, 2, 10),
        dt.date(2026, 3, 10),
        dt.date(2026, 4, 14),
    ]
    assert {s.hour for s in found} == {9}


def test_monthly_by_weekday_means_the_last_one_when_started_on_a_fifth():
    # 30 June 2026 is the fifth (and last) Tuesday of June; July's last Tuesday is the 28th.
    meeting = MeetingFactory(
        start_date=dt.date(2026, 6, 30), recurrence=Recurrence.MONTHLY_WEEKDAY, repeat_count=2
    )

    assert [s.astimezone(CHICAGO).date() for s in starts(meeting)][1] == dt.date(2026, 7, 28)


def test_monthly_by_date_keeps_the_day_of_the_month():
    meeting = MeetingFactory(
        start_date=dt.date(2026, 1, 15), recurrence=Recurrence.MONTHLY_DATE, repeat_count=3
    )

    assert [s.astimezone(CHICAGO).date().month for s in starts(meeting)] == [1, 2, 3]
    assert {s.astimezone(CHICAGO).day for s in starts(meeting)} == {15}


def test_a_count_ends_the_series_after_that_many_meetings():
    meeting = MeetingFactory(start_date=dt.date(2026, 1, 6), repeat_count=3)

    assert len(starts(meeting)) == 3


def test_an_end_date_includes_a_meeting_on_that_day():
    meeting = MeetingFactory(
        start_date=dt.date(2026, 1, 6), repeat_count=None, repeat_until=dt.date(2026, 1, 20)
    )

    assert [s.astimezone(CHICAGO).day for s in starts(meeting)] == [6, 13, 20]


def test_a_meeting_that_does_not_repeat_happens_once():
    meeting = MeetingFactory(recurrence=Recurrence.NONE, repeat_count=None)

    assert len(starts(meeting)) == 1


def test_a_cancelled_occurrence_is_marked_and_the_others_stay():
    meeting = MeetingFactory(start_date=dt.date(2026, 1, 6), repeat_count=3)
    second = occurrences_between(meeting, EARLY, FAR)[1]
    OccurrenceChange.objects.create(
        meeting=meeting, original_start=second.original_start, cancelled=True
    )

    found = occurrences_between(meeting, EARLY, FAR)

    assert [o.cancelled for o in found] == [False, True, False]


def test_a_moved_occurrence_takes_its_new_time_and_keeps_its_key():
    meeting = MeetingFactory(start_date=dt.date(2026, 1, 6), repeat_count=3)
    second = occurrences_between(meeting, EARLY, FAR)[1]
    new_start = dt.datetime(2026, 1, 14, 15, tzinfo=CHICAGO)
    OccurrenceChange.objects.create(
        meeting=meeting,
        original_start=second.original_start,
        new_start=new_start,
        new_end=new_start + dt.timedelta(hours=2),
    )

    moved = occurrences_between(meeting, EARLY, FAR)[1]

    assert (moved.start, moved.end - moved.start) == (new_start, dt.timedelta(hours=2))
    assert (moved.moved, moved.key) == (True, second.key)


def test_an_occurrence_moved_into_a_window_is_found_there():
    meeting = MeetingFactory(start_date=dt.date(2026, 1, 6), repeat_count=3)
    first = occurrences_between(meeting, EARLY, FAR)[0]
    later = dt.datetime(2026, 3, 2, 9, tzinfo=CHICAGO)
    OccurrenceChange.objects.create(
        meeting=meeting,
        original_start=first.original_start,
        new_start=later,
        new_end=later + dt.timedelta(hours=1),
    )
    march = dt.datetime(2026, 3, 1, tzinfo=UTC), dt.datetime(2026, 4, 1, tzinfo=UTC)

    assert [o.key for o in occurrences_between(meeting, *march)] == [first.key]
    assert first.key not in [o.key for o in occurrences_between(meeting, EARLY, later)]


def test_occurrence_of_refuses_a_start_the_series_does_not_have():
    meeting = MeetingFactory(start_date=dt.date(2026, 1, 6), repeat_count=3)

    assert occurrence_of(meeting, dt.datetime(2026, 1, 6, 15, tzinfo=UTC)) is not None
    assert occurrence_of(meeting, dt.datetime(2026, 1, 6, 16, tzinfo=UTC)) is None
    assert occurrence_of(meeting, dt.datetime(2026, 1, 27, 15, tzinfo=UTC)) is None
