"""Convening emails (issue 12, step 3): a program's invitees (its TTA leaders and its CoPs'
facilitators) hear that a convening is scheduled, changed or cancelled, by an email with an
.ics, recorded by a worker after commit, once each, only while they are still invited."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from communities.discussions.fan_out_queue import resume_fan_outs
from communities.discussions.models import FanOut
from communities.models import Membership, Notification, OutboxMessage, OutboxStatus, Role
from communities.services import set_roles, update_notification_preferences
from communities.site import site_domain
from meetings.convenings import cancel_convening, schedule_convening, update_convening
from meetings.models import Convening, MeetingFormat
from tests.factories import CommunityFactory, MembershipFactory, ProgramFactory, UserFactory

pytestmark = pytest.mark.django_db

DASH = "\N{EN DASH}"
FIELDS = {
    "title": "Facilitators' round",
    "agenda": "What worked",
    "start_date": dt.date(2031, 3, 4),
    "start_time": dt.time(15),
    "duration": dt.timedelta(hours=1),
    "time_zone": "America/New_York",
    "format": MeetingFormat.VIRTUAL,
    "place": "",
    "join_url": "https://meet.example.org/round",
}
FORM = {
    "title": "Facilitators' round",
    "agenda": "What worked",
    "start_date": "2031-03-04",
    "start_time": "15:00",
    "end_time": "16:00",
    "time_zone": "America/New_York",
    "format": "virtual",
    "join_url": "https://meet.example.org/round",
}


@pytest.fixture
def world():
    """A program with two TTA leaders and two CoPs (one with two facilitators, one of them in
    Berlin); a plain member, an outsider, and the facilitator of another program's CoP."""
    program = ProgramFactory()
    leader, co_leader = UserFactory(is_tta_leader=True), UserFactory(is_tta_leader=True)
    program.leaders.add(leader, co_leader)
    first, second = CommunityFactory(program=program), CommunityFactory(program=program)
    facilitator = MembershipFactory(
        community=first, roles=[Role.FACILITATOR], user__timezone="America/Chicago"
    ).user
    berliner = MembershipFactory(
        community=second, roles=[Role.FACILITATOR], user__timezone="Europe/Berlin"
    ).user
    MembershipFactory(community=second, roles=[Role.FACILITATOR], user=facilitator)
    member = MembershipFactory(community=first).user
    elsewhere = MembershipFactory(
        community=CommunityFactory(program=ProgramFactory()), roles=[Role.FACILITATOR]
    ).user
    return {
        "program": program,
        "leader": leader,
        "co_leader": co_leader,
        "facilitator": facilitator,
        "berliner": berliner,
        "member": member,
        "outsider": UserFactory(),
        "elsewhere": elsewhere,
        "second": second,
    }


def schedule(world, capture) -> Convening:
    with capture(execute=True):
        return schedule_convening(actor=world["leader"], program=world["program"], **FIELDS)


def to(mailoutbox, person):
    return [mail for mail in mailoutbox if mail.to == [person.email]]


def invite_of(mail) -> Calendar:
    (attachment,) = mail.attachments
    assert attachment.filename == "invite.ics"
    return Calendar.from_ical(attachment.content)


def the_event(calendar: Calendar):
    (event,) = calendar.walk("VEVENT")
    return event


def test_scheduling_emails_each_invitee_once_with_a_request_and_nobody_else(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    convening = schedule(world, django_capture_on_commit_callbacks)

    told = sorted(mail.to[0] for mail in mailoutbox)
    invited = ("co_leader", "facilitator", "berliner")
    assert told == sorted(world[name].email for name in invited)
    (mail,) = to(mailoutbox, world["facilitator"])
    assert mail.subject.startswith("Convening: Facilitators' round")
    calendar = invite_of(mail)
    assert calendar["METHOD"] == "REQUEST"
    event = the_event(calendar)
    assert str(event["UID"]) == f"convening-{convening.pk}@{site_domain()}"
    assert event["SEQUENCE"] == 0
    assert str(event["ATTENDEE"]) == f"mailto:{world['facilitator'].email}"
    assert event.decoded("DTSTART") == dt.datetime(2031, 3, 4, 20, tzinfo=dt.UTC)
    # Each reader reads the time in their own zone, named.
    assert f"Tuesday 4 March 2031, 14:00{DASH}15:00 (America/Chicago)" in mail.body
    (berlin,) = to(mailoutbox, world["berliner"])
    assert f"Tuesday 4 March 2031, 21:00{DASH}22:00 (Europe/Berlin)" in berlin.body
    assert convening.get_absolute_url() in mail.body
    (html, _type) = berlin.alternatives[0]
    assert f"Tuesday 4 March 2031, 21:00{DASH}22:00 (Europe/Berlin)" in html
    assert convening.get_absolute_url() in html


def test_a_change_sends_a_request_with_the_same_uid_and_a_higher_sequence(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    convening = schedule(world, django_capture_on_commit_callbacks)
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        update_convening(
            actor=world["leader"], convening=convening, **FIELDS | {"start_time": dt.time(16)}
        )

    (mail,) = to(mailoutbox, world["facilitator"])
    assert mail.subject.startswith("Convening changed")
    event = the_event(invite_of(mail))
    assert str(event["UID"]) == f"convening-{convening.pk}@{site_domain()}"
    assert event["SEQUENCE"] == 1
    assert event.decoded("DTSTART") == dt.datetime(2031, 3, 4, 21, tzinfo=dt.UTC)
    assert len(mailoutbox) == 3


def test_saving_the_form_unchanged_bumps_nothing_and_emails_nobody(
    client, world, mailoutbox, django_capture_on_commit_callbacks
):
    convening = schedule(world, django_capture_on_commit_callbacks)
    mailoutbox.clear()
    client.force_login(world["leader"])
    url = reverse("meetings:convening_edit", args=[world["program"].slug, convening.pk])

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, FORM)

    convening.refresh_from_db()
    assert response.status_code == 302
    assert convening.sequence == 0
    assert not mailoutbox


def test_cancelling_sends_a_cancel_once_even_when_confirmed_twice(
    client, world, mailoutbox, django_capture_on_commit_callbacks
):
    convening = schedule(world, django_capture_on_commit_callbacks)
    mailoutbox.clear()
    client.force_login(world["leader"])
    url = reverse("meetings:convening_cancel", args=[world["program"].slug, convening.pk])

    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(url)
        second = client.post(url)

    convening.refresh_from_db()
    assert first.status_code == second.status_code == 302
    assert convening.cancelled_at is not None
    assert convening.sequence == 1
    (mail,) = to(mailoutbox, world["berliner"])
    assert mail.subject.startswith("Convening cancelled")
    calendar = invite_of(mail)
    assert calendar["METHOD"] == "CANCEL"
    event = the_event(calendar)
    assert event["STATUS"] == "CANCELLED"
    assert event["SEQUENCE"] == 1
    assert len(mailoutbox) == 3


def test_a_facilitator_who_stepped_down_before_the_worker_ran_gets_nothing(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    # The Berliner stops facilitating the second CoP (the other facilitator stays).
    membership = Membership.objects.get(user=world["berliner"], community=world["second"])
    with django_capture_on_commit_callbacks() as after_the_request:
        schedule_convening(actor=world["leader"], program=world["program"], **FIELDS)
    set_roles(actor=world["facilitator"], membership=membership, roles=set())
    with django_capture_on_commit_callbacks(execute=True):
        for callback in after_the_request:
            callback()

    assert not to(mailoutbox, world["berliner"])
    assert to(mailoutbox, world["facilitator"])


def test_a_change_the_worker_finds_cancelled_tells_only_of_the_cancellation(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    convening = schedule(world, django_capture_on_commit_callbacks)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks() as after_the_request:
        convening = update_convening(
            actor=world["leader"], convening=convening, **FIELDS | {"title": "Moved round"}
        )
        cancel_convening(actor=world["leader"], convening=convening)
    with django_capture_on_commit_callbacks(execute=True):
        for callback in after_the_request:
            callback()

    (mail,) = to(mailoutbox, world["facilitator"])
    assert invite_of(mail)["METHOD"] == "CANCEL"


def test_the_request_records_no_email_the_worker_does_and_a_rerun_sends_nothing_twice(
    client, world, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(world["leader"])
    url = reverse("meetings:convening_create", args=[world["program"].slug])
    with django_capture_on_commit_callbacks() as after_the_request:
        response = client.post(url, FORM)
    assert response.status_code == 302
    assert not OutboxMessage.objects.exists()
    assert FanOut.objects.filter(event="convening", done_at__isnull=True).count() == 1

    with django_capture_on_commit_callbacks(execute=True):
        for callback in after_the_request:
            callback()
    assert len(mailoutbox) == 3
    # The worker died after recording and before marking the fan-out done.
    FanOut.objects.update(done_at=None, enqueued_at=timezone.now() - dt.timedelta(hours=1))
    with django_capture_on_commit_callbacks(execute=True):
        assert resume_fan_outs(timezone.now()) == 1
    assert len(mailoutbox) == 3
    assert OutboxMessage.objects.count() == 3


def test_an_invitee_who_turned_the_kind_off_gets_no_email(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    update_notification_preferences(user=world["berliner"], modes={"convening_scheduled": "off"})

    schedule(world, django_capture_on_commit_callbacks)

    assert not to(mailoutbox, world["berliner"])
    assert to(mailoutbox, world["facilitator"])


def queries_to_tell(invitees: int, capture) -> int:
    """Queries of the fan-out of one scheduled convening, up to (not including) delivery."""
    program = ProgramFactory()
    leader = UserFactory(is_tta_leader=True)
    program.leaders.add(leader)
    for _number in range(invitees):
        MembershipFactory(community__program=program, roles=[Role.FACILITATOR])
    with capture() as after_the_request:
        schedule_convening(actor=leader, program=program, **FIELDS)
    with CaptureQueriesContext(connection) as queries, capture() as _delivery:
        for callback in after_the_request:
            callback()
    assert OutboxMessage.objects.filter(kind="convening_scheduled").count() == invitees
    return len(queries)


def test_telling_fifty_invitees_asks_no_more_queries_than_telling_five(
    django_capture_on_commit_callbacks,
):
    few = queries_to_tell(5, django_capture_on_commit_callbacks)
    OutboxMessage.objects.all().delete()
    assert queries_to_tell(50, django_capture_on_commit_callbacks) == few


def test_a_facilitator_who_stepped_down_before_the_send_gets_nothing_and_loses_the_bell_item(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    membership = Membership.objects.get(user=world["berliner"], community=world["second"])
    with django_capture_on_commit_callbacks() as after_the_request:
        schedule_convening(actor=world["leader"], program=world["program"], **FIELDS)
    with django_capture_on_commit_callbacks() as deliveries:
        for callback in after_the_request:
            callback()
    assert Notification.objects.filter(recipient=world["berliner"]).exists()
    # Recorded for the Berliner; they stop facilitating before the email leaves.
    set_roles(actor=world["facilitator"], membership=membership, roles=set())
    for callback in deliveries:
        callback()

    assert not to(mailoutbox, world["berliner"])
    assert to(mailoutbox, world["facilitator"])
    assert not OutboxMessage.objects.filter(
        recipient=world["berliner"], status=OutboxStatus.SENT
    ).exists()
    assert not Notification.objects.filter(recipient=world["berliner"]).exists()


def test_a_program_without_cops_still_tells_its_other_tta_leaders(
    mailoutbox, django_capture_on_commit_callbacks
):
    program = ProgramFactory()
    leader, co_leader = UserFactory(is_tta_leader=True), UserFactory(is_tta_leader=True)
    program.leaders.add(leader, co_leader)

    with django_capture_on_commit_callbacks(execute=True):
        schedule_convening(actor=leader, program=program, **FIELDS)

    assert [mail.to for mail in mailoutbox] == [[co_leader.email]]
