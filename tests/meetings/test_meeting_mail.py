"""Meeting emails (issue 12, step 3): members hear that a meeting is scheduled, changed, moved or
cancelled, by an email with an .ics, recorded by a worker after commit, once each."""

import datetime as dt
from unittest import mock

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar
from kombu.exceptions import OperationalError

from communities.discussions.fan_out_queue import resume_fan_outs
from communities.discussions.models import FanOut
from communities.models import Notification, OutboxMessage, OutboxStatus, Role, Visibility
from communities.notifications.schedule import dispatch_due
from communities.services import leave_community, update_notification_preferences
from meetings.ics import uid_of
from meetings.models import Meeting, MeetingFormat, MeetingMail, Recurrence
from meetings.recurrence import occurrences_between
from meetings.services import cancel_occurrence, move_occurrence, schedule_meeting, update_meeting
from tests.factories import CommunityFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

DASH = "\N{EN DASH}"

SERIES = {
    "title": "Weekly check-in",
    "description": "",
    "start_date": dt.date(2031, 3, 4),
    "start_time": dt.time(9),
    "duration": dt.timedelta(hours=1),
    "time_zone": "America/Chicago",
    "format": MeetingFormat.VIRTUAL,
    "place": "",
    "join_url": "https://meet.example.org/weekly",
    "recurrence": Recurrence.WEEKLY,
    "repeat_until": None,
    "repeat_count": 10,
}


@pytest.fixture
def cop():
    """A private CoP with a facilitator and two members (one in Berlin), and an outsider."""
    community = CommunityFactory(visibility=Visibility.PRIVATE)
    facilitator = MembershipFactory(community=community, roles=[Role.FACILITATOR]).user
    member = MembershipFactory(community=community, user__timezone="America/Chicago").user
    berliner = MembershipFactory(community=community, user__timezone="Europe/Berlin").user
    outsider = UserFactory()
    return community, facilitator, member, berliner, outsider


def schedule(community, facilitator, capture) -> Meeting:
    with capture(execute=True):
        return schedule_meeting(
            actor=facilitator, community=community, agenda=["Round of news"], **SERIES
        )


def invite_of(mail) -> Calendar:
    (attachment,) = mail.attachments
    assert attachment.filename == "invite.ics"
    return Calendar.from_ical(attachment.content)


def events(calendar: Calendar):
    return list(calendar.walk("VEVENT"))


def to(mailoutbox, person):
    return [mail for mail in mailoutbox if mail.to == [person.email]]


def test_scheduling_emails_each_member_a_request_for_the_series_and_nobody_else(
    cop, mailoutbox, django_capture_on_commit_callbacks
):
    community, facilitator, member, berliner, outsider = cop
    meeting = schedule(community, facilitator, django_capture_on_commit_callbacks)

    assert sorted(mail.to[0] for mail in mailoutbox) == sorted([member.email, berliner.email])
    assert not to(mailoutbox, outsider)
    (mail,) = to(mailoutbox, member)
    assert "Weekly check-in" in mail.subject
    calendar = invite_of(mail)
    assert calendar["METHOD"] == "REQUEST"
    (event,) = events(calendar)
    assert str(event["UID"]) == uid_of(meeting)
    assert event["SEQUENCE"] == 0
    assert "RRULE" in event
    assert "RECURRENCE-ID" not in event
    assert str(event["ATTENDEE"]) == f"mailto:{member.email}"
    assert calendar.walk("VTIMEZONE")
    # The plain text tells the first meeting in the reader's own zone, named.
    assert f"Tuesday 4 March 2031, 09:00{DASH}10:00 (America/Chicago)" in mail.body
    (berlin,) = to(mailoutbox, berliner)
    assert f"Tuesday 4 March 2031, 16:00{DASH}17:00 (Europe/Berlin)" in berlin.body
    assert meeting.get_absolute_url() in mail.body


def test_editing_the_series_sends_a_request_with_the_same_uid_and_a_higher_sequence(
    cop, mailoutbox, django_capture_on_commit_callbacks
):
    community, facilitator, member, _berliner, _outsider = cop
    meeting = schedule(community, facilitator, django_capture_on_commit_callbacks)
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        update_meeting(
            actor=facilitator, meeting=meeting, agenda=[], **{**SERIES, "start_time": dt.time(10)}
        )

    (mail,) = to(mailoutbox, member)
    assert mail.subject.startswith("Meeting changed")
    calendar = invite_of(mail)
    (event,) = events(calendar)
    assert calendar["METHOD"] == "REQUEST"
    assert str(event["UID"]) == uid_of(meeting)
    assert event["SEQUENCE"] == 1
    assert event.decoded("DTSTART").hour == 10


def first_two(meeting):
    start = meeting.first_start - dt.timedelta(hours=1)
    return occurrences_between(meeting, start, start + dt.timedelta(days=8))


def test_moving_one_occurrence_sends_a_request_for_it_alone(
    cop, mailoutbox, django_capture_on_commit_callbacks
):
    community, facilitator, member, berliner, _outsider = cop
    meeting = schedule(community, facilitator, django_capture_on_commit_callbacks)
    mailoutbox.clear()
    second = first_two(meeting)[1]
    new_start = second.start + dt.timedelta(days=1)

    with django_capture_on_commit_callbacks(execute=True):
        move_occurrence(
            actor=facilitator,
            occurrence=second,
            start=new_start,
            end=new_start + dt.timedelta(hours=1),
        )

    (mail,) = to(mailoutbox, member)
    calendar = invite_of(mail)
    assert calendar["METHOD"] == "REQUEST"
    (event,) = events(calendar)
    assert str(event["UID"]) == uid_of(meeting)
    assert event["SEQUENCE"] == 1
    assert event.decoded("RECURRENCE-ID") == second.original_start
    assert event.decoded("DTSTART") == new_start
    assert "RRULE" not in event
    (berlin,) = to(mailoutbox, berliner)
    assert "Was: Tuesday 11 March 2031, 15:00" in berlin.body
    assert f"Now: Wednesday 12 March 2031, 15:00{DASH}16:00 (Europe/Berlin)" in berlin.body


def test_cancelling_one_occurrence_sends_a_cancel_for_it_once(
    cop, mailoutbox, django_capture_on_commit_callbacks
):
    community, facilitator, member, _berliner, _outsider = cop
    meeting = schedule(community, facilitator, django_capture_on_commit_callbacks)
    mailoutbox.clear()
    first = first_two(meeting)[0]

    with django_capture_on_commit_callbacks(execute=True):
        cancel_occurrence(actor=facilitator, occurrence=first)
    meeting.refresh_from_db()
    # Cancelled again (a second press): nobody is told twice.
    (again,) = [o for o in first_two(Meeting.objects.get(pk=meeting.pk)) if o.cancelled]
    with django_capture_on_commit_callbacks(execute=True):
        cancel_occurrence(actor=facilitator, occurrence=again)

    (mail,) = to(mailoutbox, member)
    assert mail.subject.startswith("Cancelled")
    calendar = invite_of(mail)
    assert calendar["METHOD"] == "CANCEL"
    (event,) = events(calendar)
    assert str(event["UID"]) == uid_of(meeting)
    assert event["STATUS"] == "CANCELLED"
    assert event.decoded("RECURRENCE-ID") == first.original_start
    assert event["SEQUENCE"] == 1
    assert mail.attachments[0].mimetype.startswith("text/calendar; method=CANCEL")


def test_a_member_who_turned_the_kind_off_gets_no_email(
    cop, mailoutbox, django_capture_on_commit_callbacks
):
    community, facilitator, member, berliner, _outsider = cop
    update_notification_preferences(user=member, modes={"meeting_scheduled": "off"})

    schedule(community, facilitator, django_capture_on_commit_callbacks)

    assert [mail.to for mail in mailoutbox] == [[berliner.email]]
    assert Notification.objects.filter(recipient=member, kind="meeting_scheduled").exists()


def test_a_member_who_left_before_the_worker_ran_or_before_the_send_gets_nothing(
    cop, mailoutbox, django_capture_on_commit_callbacks
):
    community, facilitator, member, berliner, _outsider = cop
    public = CommunityFactory(visibility=Visibility.PUBLIC)
    MembershipFactory(community=public, user=facilitator, roles=[Role.FACILITATOR])
    MembershipFactory(community=public, user=member)
    MembershipFactory(community=public, user=berliner)
    with django_capture_on_commit_callbacks() as after_the_request:
        schedule_meeting(actor=facilitator, community=community, agenda=[], **SERIES)
        schedule_meeting(actor=facilitator, community=public, agenda=[], **SERIES)
    leave_community(actor=member, community=community)
    with django_capture_on_commit_callbacks() as deliveries:
        for callback in after_the_request:
            callback()
    # Recorded for the public CoP, then the member left it before the email went out: anyone
    # signed in may see a public CoP's meetings, but only those who may attend are emailed.
    leave_community(actor=member, community=public)
    for callback in deliveries:
        callback()

    assert [mail.to for mail in mailoutbox] == [[berliner.email]] * 2
    assert not OutboxMessage.objects.filter(recipient=member, status=OutboxStatus.SENT).exists()


def test_the_request_records_no_email_the_worker_does_and_a_rerun_sends_nothing_twice(
    client, cop, mailoutbox, django_capture_on_commit_callbacks
):
    community, facilitator, _member, _berliner, _outsider = cop
    client.force_login(facilitator)
    form = {
        "title": "Monthly review",
        "start_date": "2031-03-04",
        "start_time": "09:00",
        "end_time": "10:00",
        "time_zone": "America/Chicago",
        "format": "in_person",
        "place": "Room 4",
        "recurrence": "none",
        "repeat_count": "",
        "agenda": "",
    }
    with django_capture_on_commit_callbacks() as after_the_request:
        response = client.post(reverse("meetings:create", args=[community.slug]), form)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert not OutboxMessage.objects.exists()
    assert FanOut.objects.filter(event="meeting", done_at__isnull=True).count() == 1

    with django_capture_on_commit_callbacks(execute=True):
        for callback in after_the_request:
            callback()
    assert len(mailoutbox) == 2

    # The worker died after recording and before marking the fan-out done.
    FanOut.objects.update(done_at=None, enqueued_at=timezone.now() - dt.timedelta(hours=1))
    with django_capture_on_commit_callbacks(execute=True):
        assert resume_fan_outs(timezone.now()) == 1
    assert len(mailoutbox) == 2
    assert OutboxMessage.objects.count() == 2


def test_with_the_broker_down_at_commit_the_due_finder_sends_later(
    cop, mailoutbox, django_capture_on_commit_callbacks
):
    community, facilitator, _member, _berliner, _outsider = cop
    refused = OperationalError("Error 111 connecting to 127.0.0.1:1. Connection refused.")
    with mock.patch(
        "communities.discussions.fan_out_queue.fan_out_task.apply_async", side_effect=refused
    ):
        schedule(community, facilitator, django_capture_on_commit_callbacks)
    assert not mailoutbox
    assert FanOut.objects.filter(event="meeting", done_at__isnull=True).exists()

    with django_capture_on_commit_callbacks(execute=True):
        found = dispatch_due(timezone.now() + dt.timedelta(minutes=5))
    assert found["discussion-fan-outs"] == 1
    assert len(mailoutbox) == 2


def queries_to_tell(members: int, capture) -> int:
    """Queries of a fan-out of one scheduled meeting, up to (not including) delivery."""
    community = CommunityFactory(visibility=Visibility.PRIVATE)
    facilitator = MembershipFactory(community=community, roles=[Role.FACILITATOR]).user
    people = [MembershipFactory(community=community).user for _number in range(members)]
    update_notification_preferences(user=people[0], modes={"meeting_scheduled": "daily"})
    with capture() as after_the_request:
        schedule_meeting(actor=facilitator, community=community, agenda=["News"], **SERIES)
    with CaptureQueriesContext(connection) as queries, capture() as _delivery:
        for callback in after_the_request:
            callback()
    assert OutboxMessage.objects.filter(recipient__in=people).count() == members - 1
    return len(queries)


def test_telling_fifty_members_asks_no_more_queries_than_telling_five(
    django_capture_on_commit_callbacks,
):
    assert queries_to_tell(50, django_capture_on_commit_callbacks) == queries_to_tell(
        5, django_capture_on_commit_callbacks
    )


def test_the_html_part_tells_the_same_times_and_links(
    cop, mailoutbox, django_capture_on_commit_callbacks
):
    community, facilitator, _member, berliner, _outsider = cop
    meeting = schedule(community, facilitator, django_capture_on_commit_callbacks)

    (mail,) = to(mailoutbox, berliner)
    (html, _type) = mail.alternatives[0]
    assert f"Tuesday 4 March 2031, 16:00{DASH}17:00 (Europe/Berlin)" in html
    assert meeting.get_absolute_url() in html
    assert "<li>Round of news</li>" in html


def test_saving_the_series_unchanged_bumps_nothing_and_emails_nobody(
    cop,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    community, facilitator, _member, _berliner, _outsider = cop
    meeting = schedule(community, facilitator, django_capture_on_commit_callbacks)
    mails, outbox = MeetingMail.objects.count(), OutboxMessage.objects.count()

    with django_capture_on_commit_callbacks(execute=True):
        update_meeting(actor=facilitator, meeting=meeting, agenda=["Round of news"], **SERIES)

    assert Meeting.objects.get(pk=meeting.pk).sequence == 0
    assert MeetingMail.objects.count() == mails
    assert OutboxMessage.objects.count() == outbox


def test_a_changed_agenda_alone_still_bumps_and_emails(
    cop,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    community, facilitator, _member, _berliner, _outsider = cop
    meeting = schedule(community, facilitator, django_capture_on_commit_callbacks)
    mails, outbox = MeetingMail.objects.count(), OutboxMessage.objects.count()

    with django_capture_on_commit_callbacks(execute=True):
        update_meeting(actor=facilitator, meeting=meeting, agenda=["Open floor"], **SERIES)

    assert Meeting.objects.get(pk=meeting.pk).sequence == 1
    assert MeetingMail.objects.count() == mails + 1
    assert (
        OutboxMessage.objects.count() == outbox + 2
    )  # the two members (not the facilitator who edited)


EDIT_FORM = {
    "title": "Weekly check-in",
    "description": "",
    "agenda": "Round of news",
    "start_date": "2031-03-04",
    "start_time": "09:00",
    "end_time": "10:00",
    "time_zone": "America/Chicago",
    "format": "virtual",
    "place": "",
    "join_url": "https://meet.example.org/weekly",
    "recurrence": "weekly",
    "repeat_count": "10",
    "repeat_until": "",
}


@pytest.mark.parametrize(
    "case",
    [
        ({}, 0, "Nothing changed."),
        ({"start_time": "10:00", "end_time": "11:00"}, 1, "Meeting updated."),
    ],
)
def test_the_edit_page_tells_the_facilitator_whether_anything_changed(
    client,
    cop,
    django_capture_on_commit_callbacks,
    case,
):
    change, sequence, said = case
    community, facilitator, _member, _berliner, _outsider = cop
    meeting = schedule(community, facilitator, django_capture_on_commit_callbacks)
    mails = MeetingMail.objects.count()
    client.force_login(facilitator)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("meetings:edit", args=[community.slug, meeting.pk]), {**EDIT_FORM, **change}
        )

    assert response.status_code == 302, response.content.decode()[:3000]
    assert [str(m) for m in get_messages(response.wsgi_request)] == [said]
    assert Meeting.objects.get(pk=meeting.pk).sequence == sequence
    assert MeetingMail.objects.count() == mails + sequence


def test_a_meeting_emails_fan_out_reads_as_a_meeting_email_not_its_raw_event(
    cop, django_capture_on_commit_callbacks
):
    community, facilitator, _member, _berliner, _outsider = cop
    with django_capture_on_commit_callbacks():
        schedule_meeting(actor=facilitator, community=community, agenda=[], **SERIES)

    fan_out = FanOut.objects.get(event="meeting")
    fan_out.full_clean()  # an app's event is valid, though communities never names it
    assert fan_out.event_label.startswith("Meeting email")
