"""Meeting reminders: rows kept in step with the series (moved, cancelled, edited), sent by the
beat task once each, on time across DST, late but not after the start, only to members who
may see the meeting, have not said no, and want them."""

import datetime as dt
import zoneinfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from communities.models import (
    Notification,
    NotificationPreference,
    OutboxMessage,
    Stage,
    Visibility,
)
from meetings.models import OccurrenceChange, Reminder, ReminderStatus, Rsvp
from meetings.recurrence import occurrence_key, occurrence_of
from meetings.reminders import HORIZON, extend_reminders, send_due_reminders, sync_reminders
from meetings.services import cancel_occurrence, move_occurrence, update_meeting
from meetings.tasks import send_reminders_task
from tests.factories import CommunityFactory, MembershipFactory, UserFactory
from tests.meetings.factories import MeetingFactory

pytestmark = pytest.mark.django_db

UTC = dt.UTC
CHICAGO = zoneinfo.ZoneInfo("America/Chicago")
# Tuesday 5 January 2027, 09:00 in Chicago (15:00 UTC): well after the suite runs.
FIRST = dt.datetime(2027, 1, 5, 9, tzinfo=CHICAGO)
BEFORE = dt.datetime(2027, 1, 1, tzinfo=UTC)


def series(community=None, **fields):
    fields = {"start_date": FIRST.date(), "repeat_count": 3, **fields}
    meeting = MeetingFactory(community=community or CommunityFactory(), **fields)
    sync_reminders(meeting=meeting, now=BEFORE)
    return meeting


def rows(meeting, **filters):
    return {
        (row.occurrence_start, row.offset): row.due_at
        for row in Reminder.objects.filter(meeting=meeting, **filters)
    }


def first_occurrence(meeting):
    return occurrence_of(meeting, FIRST.astimezone(UTC))


def dispatch(now, capture):
    with capture(execute=True):
        return send_due_reminders(now)


def test_a_series_has_a_day_and_an_hour_reminder_for_each_occurrence():
    meeting = series()

    due = sorted(rows(meeting).values())

    assert len(due) == 6
    assert due[:2] == [
        dt.datetime(2027, 1, 4, 15, tzinfo=UTC),  # Monday 09:00 Chicago
        dt.datetime(2027, 1, 5, 14, tzinfo=UTC),  # an hour before
    ]


def test_moving_an_occurrence_moves_its_reminders():
    meeting = series()
    facilitator = MembershipFactory(community=meeting.community, roles=["facilitator"]).user
    later = dt.datetime(2027, 1, 7, 13, tzinfo=CHICAGO)

    move_occurrence(
        actor=facilitator,
        occurrence=first_occurrence(meeting),
        start=later,
        end=later + dt.timedelta(hours=1),
    )

    moved = rows(meeting, occurrence_start=FIRST)
    assert moved == {
        (FIRST, "day"): dt.datetime(2027, 1, 6, 19, tzinfo=UTC),
        (FIRST, "hour"): dt.datetime(2027, 1, 7, 18, tzinfo=UTC),
    }
    assert len(rows(meeting)) == 6


def test_moving_an_occurrence_after_its_reminder_went_arms_it_again_for_the_new_time(
    django_capture_on_commit_callbacks,
):
    meeting = series()
    member = MembershipFactory(community=meeting.community).user
    dispatch(dt.datetime(2027, 1, 4, 15, 1, tzinfo=UTC), django_capture_on_commit_callbacks)
    later = dt.datetime(2027, 1, 12, 13, tzinfo=CHICAGO)

    move_occurrence(
        actor=member,
        occurrence=first_occurrence(meeting),
        start=later,
        end=later + dt.timedelta(hours=1),
    )
    dispatch(dt.datetime(2027, 1, 11, 19, 1, tzinfo=UTC), django_capture_on_commit_callbacks)

    # The moved occurrence's day-before reminder went out twice: for 5 and for 12 January.
    told = Notification.objects.filter(recipient=member, key__contains=occurrence_key(FIRST))
    assert told.count() == 2
    assert Reminder.objects.get(occurrence_start=FIRST, offset="day").status == "sent"


def test_cancelling_an_occurrence_cancels_its_reminders(django_capture_on_commit_callbacks):
    meeting = series()
    MembershipFactory(community=meeting.community)

    cancel_occurrence(actor=None, occurrence=first_occurrence(meeting))
    told = dispatch(dt.datetime(2027, 1, 5, 14, 30, tzinfo=UTC), django_capture_on_commit_callbacks)

    assert rows(meeting, occurrence_start=FIRST) == {}
    assert len(rows(meeting)) == 4
    assert told == 0
    assert not Notification.objects.exists()


def test_editing_a_series_reschedules_its_reminders():
    meeting = series()
    facilitator = MembershipFactory(community=meeting.community, roles=["facilitator"]).user
    fields = {name: getattr(meeting, name) for name in ("title", "description", "duration")}
    fields |= {
        name: getattr(meeting, name)
        for name in ("time_zone", "format", "place", "join_url", "recurrence")
    }

    update_meeting(
        actor=facilitator,
        meeting=meeting,
        agenda=[],
        start_date=meeting.start_date,
        start_time=dt.time(11),
        repeat_until=None,
        repeat_count=3,
        **fields,
    )

    due = sorted(rows(meeting).values())
    assert len(due) == 6
    assert due[0] == dt.datetime(2027, 1, 4, 17, tzinfo=UTC)


def test_each_reminder_is_sent_once_when_the_dispatcher_runs_twice(
    mailoutbox, django_capture_on_commit_callbacks
):
    meeting = series()
    members = [MembershipFactory(community=meeting.community).user for _n in range(3)]
    at = dt.datetime(2027, 1, 4, 15, tzinfo=UTC)

    first = dispatch(at, django_capture_on_commit_callbacks)
    second = dispatch(at + dt.timedelta(minutes=1), django_capture_on_commit_callbacks)

    assert (first, second) == (3, 0)
    assert sorted(m.to[0] for m in mailoutbox) == sorted(m.email for m in members)
    assert Reminder.objects.get(occurrence_start=FIRST, offset="day").status == "sent"


def test_a_reminder_is_recorded_once_when_marked_pending_again(django_capture_on_commit_callbacks):
    # The worker died after telling everyone and before its transaction marked the row sent.
    meeting = series()
    MembershipFactory.create_batch(2, community=meeting.community)
    at = dt.datetime(2027, 1, 4, 15, tzinfo=UTC)
    dispatch(at, django_capture_on_commit_callbacks)
    Reminder.objects.update(status=ReminderStatus.PENDING)

    assert dispatch(at, django_capture_on_commit_callbacks) == 0
    assert OutboxMessage.objects.count() == 2


def test_a_late_beat_sends_a_due_reminder_once(mailoutbox, django_capture_on_commit_callbacks):
    meeting = series()
    MembershipFactory(community=meeting.community)
    # The worker was down for twenty minutes after the hour-before reminder was due.
    at = dt.datetime(2027, 1, 5, 14, 20, tzinfo=UTC)

    dispatch(at, django_capture_on_commit_callbacks)
    dispatch(at + dt.timedelta(minutes=1), django_capture_on_commit_callbacks)

    assert len(mailoutbox) == 1
    assert "in an hour" in mailoutbox[0].body
    # The day-before reminder, found this late, gave way to the hour-before one.
    assert Reminder.objects.get(occurrence_start=FIRST, offset="day").status == "missed"


def test_no_reminder_is_sent_once_its_meeting_has_started(
    mailoutbox, django_capture_on_commit_callbacks
):
    meeting = series()
    MembershipFactory(community=meeting.community)

    told = dispatch(dt.datetime(2027, 1, 5, 15, 5, tzinfo=UTC), django_capture_on_commit_callbacks)

    assert told == 0
    assert mailoutbox == []
    statuses = Reminder.objects.filter(occurrence_start=FIRST).values_list("status", flat=True)
    assert set(statuses) == {"missed"}


def test_the_day_before_reminder_keeps_chicago_wall_time_across_the_dst_change(
    mailoutbox, django_capture_on_commit_callbacks
):
    # Weekly on Sundays at 09:00 Chicago; on Sunday 14 March 2027 clocks go forward an hour.
    meeting = MeetingFactory(start_date=dt.date(2027, 3, 7), repeat_count=3)
    sync_reminders(meeting=meeting, now=BEFORE)
    MembershipFactory(community=meeting.community)
    after_change = dt.datetime(2027, 3, 14, 9, tzinfo=CHICAGO)

    due = rows(meeting)[(after_change.astimezone(UTC), "day")]
    early = dispatch(
        dt.datetime(2027, 3, 13, 14, 59, tzinfo=UTC), django_capture_on_commit_callbacks
    )
    on_time = dispatch(dt.datetime(2027, 3, 13, 15, tzinfo=UTC), django_capture_on_commit_callbacks)

    # Saturday 09:00 CST is 15:00 UTC: 23 hours before the meeting, not 24.
    assert due == dt.datetime(2027, 3, 13, 15, tzinfo=UTC)
    assert after_change.astimezone(UTC) - due == dt.timedelta(hours=23)
    assert (early, on_time) == (0, 1)
    assert len(mailoutbox) == 1


def test_the_email_states_the_time_in_the_readers_zone_with_the_join_link(
    mailoutbox, django_capture_on_commit_callbacks
):
    meeting = series(join_url="https://meet.example.org/check-in", place="")
    reader = MembershipFactory(
        community=meeting.community, user=UserFactory(timezone="Europe/Berlin")
    ).user

    dispatch(dt.datetime(2027, 1, 4, 15, tzinfo=UTC), django_capture_on_commit_callbacks)

    [email] = mailoutbox
    html = email.alternatives[0][0]
    # 09:00 in Chicago is 16:00 in Berlin.
    assert "16:00" in email.subject
    assert "Europe/Berlin" in email.subject
    assert "16:00 to 17:00 (Europe/Berlin, your time zone)" in email.body
    assert "https://meet.example.org/check-in" in email.body
    assert "https://meet.example.org/check-in" in html
    notification = Notification.objects.get(recipient=reader)
    assert notification.title == email.subject


def test_a_former_member_is_not_reminded(mailoutbox, django_capture_on_commit_callbacks):
    meeting = series()
    stays = MembershipFactory(community=meeting.community).user
    MembershipFactory(community=meeting.community).delete()

    dispatch(dt.datetime(2027, 1, 4, 15, tzinfo=UTC), django_capture_on_commit_callbacks)

    assert [m.to[0] for m in mailoutbox] == [stays.email]


def test_a_private_cops_reminder_reaches_nobody_outside_it(
    mailoutbox, django_capture_on_commit_callbacks
):
    meeting = series(community=CommunityFactory(visibility=Visibility.PRIVATE))
    member = MembershipFactory(community=meeting.community).user
    outsider = MembershipFactory().user  # a member of another CoP
    Rsvp.objects.create(meeting=meeting, occurrence_start=FIRST, member=outsider, response="yes")

    dispatch(dt.datetime(2027, 1, 4, 15, tzinfo=UTC), django_capture_on_commit_callbacks)

    assert [m.to[0] for m in mailoutbox] == [member.email]
    assert not Notification.objects.filter(recipient=outsider).exists()


def test_no_reminder_when_the_member_turned_meeting_reminders_off(
    mailoutbox, django_capture_on_commit_callbacks
):
    meeting = series()
    member = MembershipFactory(community=meeting.community).user
    NotificationPreference.objects.create(user=member, kind="meeting_reminder", mode="off")

    dispatch(dt.datetime(2027, 1, 4, 15, tzinfo=UTC), django_capture_on_commit_callbacks)

    assert mailoutbox == []
    assert not Notification.objects.exists()


def test_a_member_who_turned_off_hour_reminders_gets_the_day_before_one_only(
    mailoutbox, django_capture_on_commit_callbacks
):
    meeting = series()
    member = MembershipFactory(community=meeting.community).user
    NotificationPreference.objects.create(user=member, kind="meeting_reminder_hour", mode="off")

    dispatch(dt.datetime(2027, 1, 4, 15, tzinfo=UTC), django_capture_on_commit_callbacks)
    dispatch(dt.datetime(2027, 1, 5, 14, tzinfo=UTC), django_capture_on_commit_callbacks)

    assert len(mailoutbox) == 1
    assert "Coming up tomorrow" in mailoutbox[0].body
    assert "meeting_reminder_hour" not in set(Notification.objects.values_list("kind", flat=True))


def test_an_hour_reminder_is_its_own_kind_with_its_own_unsubscribe_link(
    mailoutbox, django_capture_on_commit_callbacks
):
    meeting = series()
    MembershipFactory(community=meeting.community)

    dispatch(dt.datetime(2027, 1, 5, 14, tzinfo=UTC), django_capture_on_commit_callbacks)

    [email] = mailoutbox
    assert email.subject.startswith(f"Reminder: {meeting.title}, Tue 5 Jan, 15:00")
    assert "Starting in an hour" in email.body
    assert OutboxMessage.objects.get().kind == "meeting_reminder_hour"


def test_no_reminder_for_a_meeting_of_an_archived_cop(
    mailoutbox, django_capture_on_commit_callbacks
):
    meeting = series()
    MembershipFactory(community=meeting.community)
    meeting.community.stage = Stage.ARCHIVED
    meeting.community.save(update_fields=["stage"])

    assert (
        dispatch(dt.datetime(2027, 1, 4, 15, tzinfo=UTC), django_capture_on_commit_callbacks) == 0
    )
    assert mailoutbox == []


def test_no_reminder_for_a_member_who_answered_no(mailoutbox, django_capture_on_commit_callbacks):
    meeting = series()
    declined = MembershipFactory(community=meeting.community).user
    coming = MembershipFactory(community=meeting.community).user
    Rsvp.objects.create(meeting=meeting, occurrence_start=FIRST, member=declined, response="no")
    Rsvp.objects.create(meeting=meeting, occurrence_start=FIRST, member=coming, response="maybe")

    dispatch(dt.datetime(2027, 1, 4, 15, tzinfo=UTC), django_capture_on_commit_callbacks)

    assert [m.to[0] for m in mailoutbox] == [coming.email]


def test_the_beat_task_sends_what_is_due(settings, django_capture_on_commit_callbacks):
    # Occurrences start within the hour: a row is due now, with real time.
    meeting = MeetingFactory(repeat_count=1)
    MembershipFactory(community=meeting.community)
    first_start = meeting.first_start.astimezone(UTC)
    sync_reminders(meeting=meeting, now=first_start - dt.timedelta(days=2))
    Reminder.objects.filter(offset="day").update(due_at=dt.datetime(2020, 1, 1, tzinfo=UTC))

    with django_capture_on_commit_callbacks(execute=True):
        result = send_reminders_task.delay().get()

    assert result["meetings"] == 1
    assert Notification.objects.filter(kind="meeting_reminder").count() == 1


def test_staff_read_reminders_in_the_admin_and_cannot_change_them(client):
    meeting = series()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    row = Reminder.objects.filter(meeting=meeting).first()

    listing = client.get(reverse("admin:meetings_reminder_changelist"))
    page = client.get(reverse("admin:meetings_reminder_change", args=[row.pk]))
    add = client.get(reverse("admin:meetings_reminder_add"))

    assert listing.status_code == 200
    assert meeting.title in listing.text
    assert page.status_code == 200
    assert 'name="due_at"' not in page.text
    assert add.status_code == 403


def test_an_edit_while_a_reminder_waits_for_the_next_beat_keeps_it(
    mailoutbox, django_capture_on_commit_callbacks
):
    meeting = series()
    MembershipFactory(community=meeting.community)
    due = dt.datetime(2027, 1, 4, 15, tzinfo=UTC)

    # The agenda is edited thirty seconds after the day-before reminder fell due.
    sync_reminders(meeting=meeting, now=due + dt.timedelta(seconds=30))
    dispatch(due + dt.timedelta(minutes=1), django_capture_on_commit_callbacks)

    assert len(mailoutbox) == 1


def test_an_occurrence_moved_to_within_a_day_keeps_only_its_hour_reminder():
    meeting = series()
    sync_reminders(meeting=meeting, now=dt.datetime(2027, 1, 5, 12, tzinfo=UTC))
    soon = dt.datetime(2027, 1, 5, 18, tzinfo=UTC)
    OccurrenceChange.objects.create(
        meeting=meeting, original_start=FIRST, new_start=soon, new_end=soon + dt.timedelta(hours=1)
    )

    sync_reminders(meeting=meeting, now=dt.datetime(2027, 1, 5, 12, 5, tzinfo=UTC))

    assert rows(meeting, occurrence_start=FIRST) == {
        (FIRST, "hour"): dt.datetime(2027, 1, 5, 17, tzinfo=UTC)
    }


def test_a_long_series_gets_the_rows_that_come_within_the_horizon_day_by_day():
    # Weekly until 2031: rows reach two years ahead, and one more week's once a week has passed.
    series(repeat_count=None, repeat_until=dt.date(2031, 1, 1))
    last = Reminder.objects.latest("starts_at").starts_at
    a_week_on = BEFORE + dt.timedelta(days=7)

    looked = extend_reminders(a_week_on)
    again = extend_reminders(a_week_on)

    assert looked == again == 1
    assert Reminder.objects.latest("starts_at").starts_at == last + dt.timedelta(weeks=1)
    assert Reminder.objects.filter(starts_at__gt=last).count() == 2
    assert last + dt.timedelta(weeks=1) <= a_week_on + HORIZON


def test_the_daily_extension_leaves_series_that_end_within_the_horizon_alone():
    series()  # three meetings
    series(repeat_count=None, repeat_until=dt.date(2027, 6, 1))

    assert extend_reminders(BEFORE) == 0


def test_a_reminder_to_fifty_members_asks_no_more_queries_than_to_five():
    counted = []
    for size in (5, 50):
        meeting = series()
        MembershipFactory.create_batch(size, community=meeting.community)
        with CaptureQueriesContext(connection) as queries:
            told = send_due_reminders(dt.datetime(2027, 1, 4, 15, tzinfo=UTC))
        counted.append(len(queries))
        assert told == size
        Reminder.objects.all().delete()

    assert counted[1] == counted[0]


def test_a_series_scheduled_before_reminders_existed_gets_them_from_the_daily_run():
    meeting = MeetingFactory(start_date=FIRST.date(), repeat_count=3)  # no rows yet
    MeetingFactory(
        start_date=dt.date(2026, 1, 6), repeat_count=None, repeat_until=dt.date(2026, 3, 1)
    )

    assert extend_reminders(BEFORE) == 1
    assert len(rows(meeting)) == 6
    assert extend_reminders(BEFORE) == 0
