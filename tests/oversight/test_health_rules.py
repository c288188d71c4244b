"""One test per health rule (issue 14), through real rows: the data a CoP has, a refresh, and
the flag and reason codes it gets. Each has a twin just on the other side of the rule's line."""

import datetime as dt

import pytest

from meetings.models import AttendanceStatus
from oversight.models import CheckIn, CheckInPlan, HealthFlag
from tests.factories import CommunityFactory, MembershipFactory, ProgramFactory
from tests.meetings.factories import ActionItemFactory
from tests.oversight.figure_helpers import (
    DAY,
    attendance_at,
    created_long_ago,
    health_of,
    now,
    reply_at,
    thread_at,
)

pytestmark = pytest.mark.django_db


def _flag(community, at):
    health = health_of(community, at)
    return health.flag, health.reasons


def _program_cop(at, *, due_in_days=7, cadence=14):
    """A program CoP, busy (a post yesterday), with its check-in plan due in `due_in_days`."""
    program = ProgramFactory()
    community = CommunityFactory(program=program)
    today = at.astimezone(dt.UTC).date()
    CheckInPlan.objects.create(
        community=community,
        program=program,
        cadence_days=cadence,
        started_on=today - 100 * DAY,
        next_due_on=today + due_in_days * DAY,
    )
    return community


def _checked_in(community, at, status):
    CheckIn.objects.create(community=community, held_on=at.date() - 3 * DAY, status=status)


def test_at_risk_when_the_last_checkin_said_at_risk():
    at = now()
    community = _program_cop(at)
    _checked_in(community, at, "at_risk")

    assert _flag(community, at) == (HealthFlag.AT_RISK, ["checkin_at_risk"])


def test_at_risk_says_the_last_checkin_not_an_earlier_one():
    at = now()
    community = _program_cop(at)
    CheckIn.objects.create(community=community, held_on=at.date() - 30 * DAY, status="at_risk")
    _checked_in(community, at, "on_track")

    assert _flag(community, at) == (HealthFlag.HEALTHY, [])


def test_at_risk_when_nothing_happened_for_30_days():
    at = now()
    community = CommunityFactory()
    created_long_ago(community, at)
    reply_at(community, MembershipFactory(community=community).user, at - 31 * DAY)

    assert _flag(community, at) == (HealthFlag.AT_RISK, ["silent"])


def test_not_silent_after_a_post_29_days_ago():
    at = now()
    community = CommunityFactory()
    created_long_ago(community, at)
    reply_at(community, None, at - 29 * DAY)

    assert _flag(community, at) == (HealthFlag.HEALTHY, [])


def test_a_new_cop_is_not_silent():
    at = now()
    community = CommunityFactory()  # created now, nothing happened yet

    assert _flag(community, at) == (HealthFlag.HEALTHY, [])


def test_at_risk_when_a_checkin_is_more_than_a_cadence_overdue():
    at = now()
    community = _program_cop(at, due_in_days=-15, cadence=14)

    assert _flag(community, at) == (HealthFlag.AT_RISK, ["checkin_overdue"])


def test_a_checkin_exactly_a_cadence_overdue_is_not_yet_at_risk():
    at = now()
    community = _program_cop(at, due_in_days=-14, cadence=14)

    assert _flag(community, at) == (HealthFlag.HEALTHY, [])


def test_watch_when_the_last_checkin_said_needs_support():
    at = now()
    community = _program_cop(at)
    _checked_in(community, at, "needs_support")

    assert _flag(community, at) == (HealthFlag.WATCH, ["checkin_needs_support"])


def test_watch_when_attendance_is_under_half():
    at = now()
    community = CommunityFactory()
    for status in ("present", "absent", "absent", "excused"):
        attendance_at(community, None, at - 10 * DAY, status)

    assert _flag(community, at) == (HealthFlag.WATCH, ["low_attendance"])


def test_attendance_of_exactly_half_is_no_concern():
    at = now()
    community = CommunityFactory()
    for status in ("present", "absent", "excused", "excused"):
        attendance_at(community, None, at - 10 * DAY, status)

    assert _flag(community, at) == (HealthFlag.HEALTHY, [])


def test_low_attendance_before_the_90_days_is_forgotten():
    at = now()
    community = CommunityFactory()
    attendance_at(community, None, at - 91 * DAY, AttendanceStatus.ABSENT)
    attendance_at(community, None, at - 10 * DAY, AttendanceStatus.PRESENT)

    assert _flag(community, at) == (HealthFlag.HEALTHY, [])


@pytest.mark.parametrize(("overdue", "flag"), [(4, HealthFlag.WATCH), (3, HealthFlag.HEALTHY)])
def test_watch_when_more_than_three_action_items_are_overdue(overdue, flag):
    at = now()
    community = CommunityFactory()
    ActionItemFactory.create_batch(overdue, community=community, due_date=at.date() - DAY)

    assert _flag(community, at) == (flag, ["overdue_actions"] if overdue > 3 else [])


def test_watch_when_a_question_has_had_no_reply_for_14_days():
    at = now()
    community = CommunityFactory()
    thread_at(community, None, at - 15 * DAY)

    assert _flag(community, at) == (HealthFlag.WATCH, ["unanswered_question"])


def test_a_question_asked_13_days_ago_may_still_wait():
    at = now()
    community = CommunityFactory()
    thread_at(community, None, at - 13 * DAY)

    assert _flag(community, at) == (HealthFlag.HEALTHY, [])


def test_healthy_when_no_rule_matches():
    at = now()
    community = _program_cop(at)
    _checked_in(community, at, "on_track")
    member = MembershipFactory(community=community).user
    reply_at(community, member, at - DAY)
    attendance_at(community, member, at - DAY)

    assert _flag(community, at) == (HealthFlag.HEALTHY, [])


def test_at_risk_beats_watch_and_every_reason_is_kept():
    at = now()
    community = _program_cop(at)
    _checked_in(community, at, "at_risk")
    ActionItemFactory.create_batch(4, community=community, due_date=at.date() - DAY)

    assert _flag(community, at) == (HealthFlag.AT_RISK, ["checkin_at_risk", "overdue_actions"])
