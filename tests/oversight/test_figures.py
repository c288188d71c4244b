"""The figures worker (`oversight/figures/`): each figure counts the rows inside its window and
not those just outside it, in a fixed number of queries whatever the number of CoPs."""

import datetime as dt

import pytest

from communities.models import ThreadKind
from meetings.models import ActionStatus, AttendanceStatus, OccurrenceRecord
from oversight.figures import refresh_health
from oversight.models import (
    Answer,
    CheckIn,
    CheckInPlan,
    CommunityHealth,
    SurveyResponse,
    WeeklyActivity,
)
from tests.factories import CommunityFactory, MembershipFactory, ProgramFactory, UserFactory
from tests.meetings.factories import ActionItemFactory
from tests.oversight.figure_helpers import (
    ACTIVITY,
    DAY,
    attendance_at,
    created_long_ago,
    evaluation_of,
    health_of,
    meeting_of,
    now,
    reply_at,
    thread_at,
)

pytestmark = pytest.mark.django_db


def test_members_counts_the_cops_current_memberships_only():
    community = CommunityFactory()
    MembershipFactory.create_batch(2, community=community)
    MembershipFactory()  # another CoP's

    assert health_of(community, now()).members == 2


def test_posts_count_threads_and_replies_of_the_last_30_days_not_deleted_ones():
    community, at = CommunityFactory(), now()
    thread_at(community, None, at - 29 * DAY)
    thread_at(community, None, at - 31 * DAY)
    reply_at(community, None, at - 29 * DAY)
    reply_at(community, None, at - 31 * DAY)
    reply_at(community, None, at - DAY, deleted_at=at)
    thread_at(CommunityFactory(), None, at - DAY)  # another CoP's

    assert health_of(community, at).posts == 2


@pytest.mark.parametrize("kind", ACTIVITY)
@pytest.mark.parametrize(("days", "active"), [(29, 1), (31, 0)])
def test_a_member_is_active_for_30_days_after_each_kind_of_activity(kind, days, active):
    community, at = CommunityFactory(), now()
    created_long_ago(community, at)
    member = MembershipFactory(community=community).user
    ACTIVITY[kind](community, member, at - days * DAY)

    health = health_of(community, at)

    assert health.active_members == active
    # Any activity, however old, is the CoP's latest (it was created long before).
    assert health.last_activity_at.date() == (at - days * DAY).date()


def test_active_members_are_distinct_current_members():
    community, at = CommunityFactory(), now()
    member = MembershipFactory(community=community).user
    thread_at(community, member, at - DAY)
    reply_at(community, member, at - DAY)
    thread_at(community, UserFactory(), at - DAY)  # not a member (or no longer)
    attendance_at(community, MembershipFactory(community=community).user, at - DAY, "absent")
    reply_at(community, MembershipFactory(community=community).user, at - DAY, deleted_at=at)

    assert health_of(community, at).active_members == 1


def test_an_anonymous_survey_answer_makes_nobody_active_and_moves_no_activity():
    community, at = CommunityFactory(), now()
    created_long_ago(community, at, days=60)
    MembershipFactory(community=community)
    evaluation = evaluation_of(community, closes_on=at.date(), anonymous=True)
    SurveyResponse.objects.create(evaluation=evaluation, person=None, submitted_on=at.date())

    health = health_of(community, at)

    assert health.active_members == 0
    assert health.last_activity_at == at - 60 * DAY
    assert "silent" in health.reasons


def test_last_activity_is_the_cops_creation_when_nothing_happened_since():
    community, at = CommunityFactory(), now()
    created_long_ago(community, at, days=10)
    thread_at(community, None, at - 20 * DAY)  # before the CoP's creation (moved in)

    assert health_of(community, at).last_activity_at == at - 10 * DAY


def test_meetings_held_counts_occurrences_of_90_days_with_attendance_or_notes_once_each():
    community, at = CommunityFactory(), now()
    meeting = meeting_of(community)
    for start in (at - 89 * DAY, at - 91 * DAY, at + DAY):
        attendance_at(community, None, start, meeting=meeting)
    both = at - 10 * DAY
    attendance_at(community, None, both, meeting=meeting)
    attendance_at(community, None, both, AttendanceStatus.ABSENT, meeting=meeting)
    OccurrenceRecord.objects.create(meeting=meeting, occurrence_start=both, notes="Met.")
    OccurrenceRecord.objects.create(meeting=meeting, occurrence_start=at - 5 * DAY, notes="Met.")
    OccurrenceRecord.objects.create(meeting=meeting, occurrence_start=at - 95 * DAY, notes="x")
    # A record whose notes were emptied again shows nothing was held (the CoP dashboard's RSVP
    # rate reads the same definition).
    OccurrenceRecord.objects.create(meeting=meeting, occurrence_start=at - 3 * DAY)

    assert health_of(community, at).meetings_held == 3


def test_attendance_rate_is_present_over_present_and_absent_of_90_days_excused_aside():
    community, at = CommunityFactory(), now()
    for status in ["present"] * 3 + ["absent"] + ["excused"] * 2:
        attendance_at(community, None, at - 89 * DAY, status)
    attendance_at(community, None, at - 91 * DAY, "absent")
    attendance_at(community, None, at + DAY, "absent")

    health = health_of(community, at)

    assert (health.present, health.absent, health.attendance_rate) == (3, 1, 0.75)


def test_attendance_rate_is_empty_when_no_attendance_was_taken():
    community, at = CommunityFactory(), now()
    attendance_at(community, None, at - DAY, "excused")

    assert health_of(community, at).attendance_rate is None


def test_action_items_open_and_overdue():
    community, at = CommunityFactory(), now()
    today = at.astimezone(dt.UTC).date()
    ActionItemFactory(community=community, due_date=today - DAY)  # open, overdue
    ActionItemFactory(community=community, due_date=today, status=ActionStatus.IN_PROGRESS)
    ActionItemFactory(community=community, due_date=None)
    ActionItemFactory(community=community, due_date=today - DAY, status=ActionStatus.DONE)
    ActionItemFactory(community=community, due_date=today - DAY, status=ActionStatus.DROPPED)

    health = health_of(community, at)

    assert (health.open_action_items, health.overdue_action_items) == (3, 1)


def test_unanswered_questions_waited_14_days_without_a_reply():
    community, at = CommunityFactory(), now()
    waiting = at - 15 * DAY
    thread_at(community, None, waiting)  # counts
    deleted_reply_only = thread_at(community, None, waiting)  # counts: its reply was deleted
    reply_at(community, None, at - DAY, thread=deleted_reply_only, deleted_at=at)
    answered = thread_at(community, None, waiting)
    reply_at(community, None, at - DAY, thread=answered)
    thread_at(community, None, at - 13 * DAY)  # not waiting long enough
    thread_at(community, None, waiting, kind=ThreadKind.GENERAL)
    thread_at(community, None, waiting, is_hidden=True)
    thread_at(community, None, waiting, archived_at=at - DAY)

    assert health_of(community, at).unanswered_questions == 2


def test_checkin_figures_come_from_the_last_checkin_and_the_plan():
    program = ProgramFactory()
    community, at = CommunityFactory(program=program), now()
    today = at.astimezone(dt.UTC).date()
    CheckIn.objects.create(community=community, held_on=today - 20 * DAY, status="at_risk")
    CheckIn.objects.create(community=community, held_on=today - 6 * DAY, status="on_track")
    CheckInPlan.objects.create(
        community=community,
        program=program,
        cadence_days=14,
        started_on=today - 90 * DAY,
        next_due_on=today + 8 * DAY,
    )

    health = health_of(community, at)

    assert (health.last_checkin_on, health.last_checkin_status) == (today - 6 * DAY, "on_track")
    assert (health.next_checkin_due_on, health.checkin_cadence_days) == (today + 8 * DAY, 14)


def test_a_standalone_cop_has_no_checkin_figures_even_from_its_program_days():
    community, at = CommunityFactory(program=None), now()
    today = at.astimezone(dt.UTC).date()
    CheckIn.objects.create(community=community, held_on=today - 6 * DAY, status="at_risk")
    CheckInPlan.objects.create(community=community, started_on=today, next_due_on=today)

    health = health_of(community, at)

    assert health.last_checkin_on is None
    assert health.last_checkin_status == ""
    assert (health.next_checkin_due_on, health.checkin_cadence_days) == (None, None)
    assert health.flag == "3_healthy"


def _answered(evaluation, *likerts):
    likert, text = evaluation.questions_from.questions.order_by("position")
    for value in likerts:
        response = SurveyResponse.objects.create(
            evaluation=evaluation, submitted_on=evaluation.closes_on
        )
        Answer.objects.create(response=response, question=likert, likert=value)
        Answer.objects.create(response=response, question=text, text="Fine")


def test_evaluation_score_is_the_likert_mean_of_the_last_closed_evaluation():
    community, at = CommunityFactory(), now()
    today = at.astimezone(dt.UTC).date()
    _answered(evaluation_of(community, closes_on=today - 40 * DAY), 1, 1)  # older
    _answered(evaluation_of(community, closes_on=today - DAY), 4, 5)  # the last closed
    _answered(evaluation_of(community, closes_on=today), 2)  # still open today

    assert health_of(community, at).evaluation_score == 4.5


@pytest.mark.parametrize(("answers", "score"), [(4, None), (5, 3.0)])
def test_an_anonymous_evaluation_under_the_threshold_has_no_score(answers, score):
    community, at = CommunityFactory(), now()
    evaluation = evaluation_of(community, closes_on=at.date() - DAY, anonymous=True)
    _answered(evaluation, *[3] * answers)

    assert health_of(community, at).evaluation_score == score


def test_weekly_activity_holds_the_last_12_weeks_zeros_included_and_drops_older_ones():
    community, at = CommunityFactory(), dt.datetime(2026, 11, 25, 12, tzinfo=dt.UTC)  # a Wednesday
    thread_at(community, None, at - DAY)  # Tuesday: this week (from Monday the 23rd)
    reply_at(community, None, dt.datetime(2026, 9, 7, 0, 1, tzinfo=dt.UTC))  # 11 weeks back
    reply_at(community, None, dt.datetime(2026, 9, 6, 23, 59, tzinfo=dt.UTC))  # 12 weeks back
    attendance_at(community, None, dt.datetime(2026, 11, 16, 15, tzinfo=dt.UTC))
    attendance_at(community, None, dt.datetime(2026, 11, 17, 15, tzinfo=dt.UTC), "absent")
    old = dt.date(2026, 8, 31)
    WeeklyActivity.objects.create(community=community, week=old, posts=9)
    other = WeeklyActivity.objects.create(community=CommunityFactory(), week=old, posts=9)

    refresh_health(community_ids=[community.pk], now=at)

    weeks = {
        row.week: (row.posts, row.present, row.absent)
        for row in WeeklyActivity.objects.filter(community=community)
    }
    assert sorted(weeks) == [dt.date(2026, 9, 7) + dt.timedelta(weeks=n) for n in range(12)]
    assert weeks[dt.date(2026, 11, 23)] == (1, 0, 0)
    assert weeks[dt.date(2026, 9, 7)] == (1, 0, 0)
    assert weeks[dt.date(2026, 11, 16)] == (0, 1, 1)
    assert sum(posts for posts, _, _ in weeks.values()) == 2
    assert WeeklyActivity.objects.filter(pk=other.pk).exists()  # not a CoP refreshed


def test_a_second_refresh_updates_the_rows_in_place():
    community, at = CommunityFactory(), now()
    refresh_health(community_ids=[community.pk], now=at)
    thread_at(community, None, at - DAY)

    refresh_health(community_ids=[community.pk], now=at)

    assert CommunityHealth.objects.get(community=community).posts == 1
    assert WeeklyActivity.objects.filter(community=community).count() == 12


def test_every_open_cop_is_refreshed_by_default_archived_ones_never():
    standalone, in_program = CommunityFactory(), CommunityFactory(program=ProgramFactory())
    archived = CommunityFactory(stage="archived")

    assert refresh_health() == 2
    assert refresh_health(community_ids=[archived.pk]) == 0

    refreshed = set(CommunityHealth.objects.values_list("community_id", flat=True))
    assert refreshed == {standalone.pk, in_program.pk}
    assert not WeeklyActivity.objects.filter(community=archived).exists()


def _busy_cops(count: int) -> list:
    """CoPs with a row of every kind the figures read, and a quiet one (nothing for 30 days:
    its history is read by a query of its own)."""
    program, at = ProgramFactory(), now()
    today = at.astimezone(dt.UTC).date()
    quiet = CommunityFactory(program=program)
    created_long_ago(quiet, at)
    reply_at(quiet, None, at - 40 * DAY)
    cops = CommunityFactory.create_batch(count, program=program)
    for community in cops:
        member = MembershipFactory(community=community).user
        reply_at(community, member, at - DAY)
        attendance_at(community, member, at - 2 * DAY)
        ActionItemFactory(community=community, owner=member, due_date=today - DAY)
        CheckIn.objects.create(community=community, held_on=today - DAY, status="on_track")
        _answered(evaluation_of(community, closes_on=today - DAY), 4)
    return cops


# One query for the CoPs' ids, then per chunk: at most twelve queries (oversight/figures/
# refresh.py lists them) and the chunk's transaction (a savepoint inside the test's).
QUERIES_PER_CHUNK = 14


@pytest.mark.parametrize("count", [3, 30])
def test_a_refresh_costs_the_same_queries_for_3_cops_as_for_30(
    count, django_assert_max_num_queries
):
    cops = _busy_cops(count)

    with django_assert_max_num_queries(1 + QUERIES_PER_CHUNK):
        refresh_health(now=now())

    rows = CommunityHealth.objects.filter(community__in=cops)
    assert rows.count() == count
    assert {(r.members, r.active_members, r.posts, r.meetings_held) for r in rows} == {(1, 1, 1, 1)}
    assert {(r.overdue_action_items, r.evaluation_score) for r in rows} == {(1, 4.0)}
    assert WeeklyActivity.objects.filter(community__in=cops).count() == 12 * count


def test_cops_are_refreshed_in_chunks_each_costing_the_same(
    monkeypatch, django_assert_max_num_queries
):
    monkeypatch.setattr("oversight.figures.refresh.CHUNK_SIZE", 4)
    cops = _busy_cops(10)  # and a quiet one: three chunks, of 4, 4 and 3

    with django_assert_max_num_queries(1 + 3 * QUERIES_PER_CHUNK):
        assert refresh_health(now=now()) == 11

    assert CommunityHealth.objects.filter(community__in=cops, posts=1).count() == 10
