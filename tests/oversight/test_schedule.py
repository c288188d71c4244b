"""Check-in scheduling: the facilitators' status request three days before at 09:00 on each
one's clock, the provider's reminder the day before at 09:00 on theirs, each once; none for a
CoP outside a program or archived; recording a check-in re-arms the next ones."""

import datetime as dt
import zoneinfo

import pytest

from communities.models import Notification, Stage
from oversight.models import CheckInMail, CheckInMailStatus, CheckInPlan
from oversight.schedule import arm_new_plans, send_due_checkin_mail, sync_checkin_schedule
from oversight.services import record_checkin
from oversight.tasks import send_checkin_mail_task
from tests.factories import CommunityFactory, MembershipFactory, UserFactory
from tests.oversight.factories import program_cop

pytestmark = pytest.mark.django_db

STARTED = dt.date(2027, 3, 1)
DUE = dt.date(2027, 3, 15)  # two weeks after joining the program
REQUEST_DAY, REMINDER_DAY = 12, 14


def at(zone: str, day: int, hour: int, minute: int = 0) -> dt.datetime:
    """A moment of March 2027 on that zone's clock: the frozen "now" each run is given."""
    return dt.datetime(2027, 3, day, hour, minute, tzinfo=zoneinfo.ZoneInfo(zone))


def run(now, capture) -> int:
    with capture(execute=True):
        return send_due_checkin_mail(now)


@pytest.fixture
def cop():
    return program_cop(
        started_on=STARTED,
        provider_zone="Asia/Tokyo",
        facilitator_zones=("America/Chicago", "Europe/Berlin"),
    )


def test_the_next_checkin_is_due_a_cadence_after_joining_the_program(cop):
    community, *_ = cop
    plan = CheckInPlan.objects.get(community=community)
    assert (plan.started_on, plan.next_due_on) == (STARTED, DUE)


def test_each_facilitator_is_asked_at_nine_on_their_clock_three_days_before_once(
    cop, mailoutbox, django_capture_on_commit_callbacks
):
    community, (chicago, berlin), _provider, _leader = cop
    capture = django_capture_on_commit_callbacks

    assert run(at("Europe/Berlin", REQUEST_DAY, 8, 59), capture) == 0
    assert run(at("Europe/Berlin", REQUEST_DAY, 9), capture) == 1
    assert run(at("Europe/Berlin", REQUEST_DAY, 9, 1), capture) == 0
    assert [m.to for m in mailoutbox] == [[berlin.email]]
    assert run(at("America/Chicago", REQUEST_DAY, 8, 59), capture) == 0
    assert run(at("America/Chicago", REQUEST_DAY, 9), capture) == 1
    assert run(at("America/Chicago", REQUEST_DAY, 15), capture) == 0

    assert [m.to for m in mailoutbox] == [[berlin.email], [chicago.email]]
    assert (
        mailoutbox[0].subject
        == f"How is {community.name} doing? A short status before your check-in"
    )
    assert "Monday 15 March 2027" in mailoutbox[0].body
    assert f"/cops/{community.slug}/check-ins/status/" in mailoutbox[0].body
    assert Notification.objects.filter(kind="checkin_request").count() == 2


def test_the_provider_is_reminded_at_nine_on_their_clock_the_day_before_once(
    cop, mailoutbox, django_capture_on_commit_callbacks
):
    community, _facilitators, provider, _leader = cop
    capture = django_capture_on_commit_callbacks
    run(at("America/Chicago", REQUEST_DAY, 12), capture)  # both requests go out first
    mailoutbox.clear()

    assert run(at("Asia/Tokyo", REMINDER_DAY, 8, 59), capture) == 0
    assert run(at("Asia/Tokyo", REMINDER_DAY, 9), capture) == 1
    assert run(at("Asia/Tokyo", REMINDER_DAY, 9, 30), capture) == 0

    [email] = mailoutbox
    assert email.to == [provider.email]
    assert email.subject == f"Check-in with {community.name} due tomorrow"
    assert f"/cops/{community.slug}/check-ins/record/" in email.body


def test_a_second_beat_and_a_rearm_send_nothing_twice(
    cop, mailoutbox, django_capture_on_commit_callbacks
):
    community, *_ = cop
    capture = django_capture_on_commit_callbacks
    late = at("Asia/Tokyo", REMINDER_DAY, 12)
    with capture(execute=True):
        first = send_checkin_mail_task.delay().get()
    assert first["told"] == 0  # the suite's clock is years before these rows are due
    assert run(late, capture) == 3
    sync_checkin_schedule(community=community, today=DUE)  # the hourly arming comes round
    assert run(late, capture) == 0
    assert len(mailoutbox) == 3
    assert set(CheckInMail.objects.values_list("status", flat=True)) == {CheckInMailStatus.SENT}


def test_no_checkin_mail_for_a_cop_outside_a_program(
    mailoutbox, django_capture_on_commit_callbacks
):
    community = CommunityFactory(provider=UserFactory())
    MembershipFactory(community=community, roles=["facilitator"])

    assert sync_checkin_schedule(community=community, today=STARTED) is None
    assert arm_new_plans(at("UTC", 1, 0)) == 0
    assert run(at("UTC", 20, 12), django_capture_on_commit_callbacks) == 0
    assert not CheckInMail.objects.exists()
    assert mailoutbox == []


def test_no_checkin_mail_for_an_archived_cop(cop, mailoutbox, django_capture_on_commit_callbacks):
    community, *_ = cop
    community.stage = Stage.ARCHIVED
    community.save(update_fields=["stage"])

    # Armed before it was archived: the rows are found due, and skipped.
    assert run(at("UTC", REMINDER_DAY, 23), django_capture_on_commit_callbacks) == 0
    assert mailoutbox == []
    assert set(CheckInMail.objects.values_list("status", flat=True)) == {CheckInMailStatus.SKIPPED}
    # And arming it again arms nothing.
    sync_checkin_schedule(community=community, today=DUE)
    assert not CheckInMail.objects.filter(status=CheckInMailStatus.PENDING).exists()


def test_a_cop_that_joins_a_program_is_armed_by_the_beat(mailoutbox):
    community = CommunityFactory(provider=UserFactory())
    MembershipFactory(community=community, roles=["facilitator"])
    _cop, *_rest = program_cop(started_on=STARTED)
    community.program = _cop.program
    community.save(update_fields=["program"])

    assert arm_new_plans(at("UTC", 1, 12)) == 1
    assert arm_new_plans(at("UTC", 1, 13)) == 0
    plan = CheckInPlan.objects.get(community=community)
    assert plan.next_due_on == DUE
    assert CheckInMail.objects.filter(community=community).count() == 2


def test_recording_a_checkin_rearms_the_next_request_and_reminder(
    cop, mailoutbox, django_capture_on_commit_callbacks
):
    community, _facilitators, provider, _leader = cop
    capture = django_capture_on_commit_callbacks
    run(at("America/Chicago", REQUEST_DAY, 12), capture)  # requests for the 15th went out
    mailoutbox.clear()

    record_checkin(
        actor=provider, community=community, held_on=dt.date(2027, 3, 13), status="on_track"
    )

    plan = CheckInPlan.objects.get(community=community)
    assert plan.next_due_on == dt.date(2027, 3, 27)
    # The old reminder is gone unsent; nothing goes out for the 15th any more.
    assert run(at("Asia/Tokyo", REMINDER_DAY, 12), capture) == 0
    assert run(at("America/Chicago", 24, 9), capture) == 2
    assert run(at("Asia/Tokyo", 26, 9), capture) == 1
    assert [m.to for m in mailoutbox][-1] == [provider.email]
    assert "Saturday 27 March 2027" in mailoutbox[-1].body


def test_a_facilitator_who_stepped_down_is_not_asked(
    cop, mailoutbox, django_capture_on_commit_callbacks
):
    community, (chicago, berlin), _provider, _leader = cop
    chicago.memberships.get(community=community).roles.all().delete()

    assert run(at("America/Chicago", REQUEST_DAY, 10), django_capture_on_commit_callbacks) == 1
    assert [m.to for m in mailoutbox] == [[berlin.email]]


def test_the_reminder_keeps_nine_oclock_across_a_dst_change(
    mailoutbox, django_capture_on_commit_callbacks
):
    """US clocks go forward on Sunday 14 March 2027, the reminder's day: 09:00 in New York is
    13:00 UTC that day, not the 14:00 UTC it was on the day the plan was armed."""
    _community, _facilitators, provider, _leader = program_cop(
        started_on=STARTED, provider_zone="America/New_York", facilitator_zones=()
    )
    capture = django_capture_on_commit_callbacks

    assert run(dt.datetime(2027, 3, 14, 12, 59, tzinfo=dt.UTC), capture) == 0
    assert run(dt.datetime(2027, 3, 14, 13, 0, tzinfo=dt.UTC), capture) == 1
    assert [m.to for m in mailoutbox] == [[provider.email]]


def test_a_cop_that_left_its_program_after_arming_is_told_nothing(
    cop, mailoutbox, django_capture_on_commit_callbacks
):
    community, *_ = cop
    community.program = None
    community.save(update_fields=["program"])

    assert run(at("UTC", REMINDER_DAY, 23), django_capture_on_commit_callbacks) == 0
    assert mailoutbox == []
    assert not CheckInMail.objects.filter(status=CheckInMailStatus.SENT).exists()


def test_a_request_found_after_its_checkin_day_has_passed_is_skipped(
    cop, mailoutbox, django_capture_on_commit_callbacks
):
    """The worker was down for days: a status request for a check-in already past is no use."""
    assert run(at("UTC", 16, 12), django_capture_on_commit_callbacks) == 0
    assert mailoutbox == []


def test_a_cop_moved_to_another_program_starts_counting_again(cop):
    community, *_ = cop
    other, *_rest = program_cop(started_on=STARTED)
    community.program = other.program
    community.save(update_fields=["program"])

    assert arm_new_plans(at("UTC", 10, 12)) == 1

    plan = CheckInPlan.objects.get(community=community)
    assert (plan.program_id, plan.started_on) == (other.program_id, dt.date(2027, 3, 10))
    assert plan.next_due_on == dt.date(2027, 3, 24)
    assert set(
        CheckInMail.objects.filter(community=community).values_list("due_on", flat=True)
    ) == {dt.date(2027, 3, 24)}
