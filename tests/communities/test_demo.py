"""The demo data of SPEC §10: what documentation and checks rely on, and that re-runs are safe."""

from io import StringIO

import pytest
from django.core.management import call_command

from communities.demo import DEMO_PEOPLE
from communities.demo.discussions import DEMO_THREADS
from communities.models import (
    Attachment,
    Community,
    JoinPolicy,
    JoinRequest,
    Membership,
    MembershipRole,
    Notification,
    OutboxMessage,
    Ping,
    PingAnswer,
    Post,
    Program,
    Reaction,
    Report,
    ReportStatus,
    Role,
    Stage,
    Thread,
    ThreadFollow,
    ThreadKind,
    User,
    Visibility,
)

pytestmark = pytest.mark.django_db

COUNTED = (
    Attachment,
    User,
    Program,
    Community,
    Membership,
    MembershipRole,
    JoinRequest,
    Thread,
    Post,
    Reaction,
    Report,
    ThreadFollow,
    Ping,
    PingAnswer,
)


def _counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in COUNTED}


@pytest.fixture
def counts_after_each_run() -> tuple[dict[str, int], dict[str, int]]:
    call_command("seed_demo", stdout=StringIO())
    first = _counts()
    call_command("seed_demo", stdout=StringIO())
    return first, _counts()


def test_seed_demo_duplicates_nothing_when_run_twice(counts_after_each_run):
    first, second = counts_after_each_run
    assert second == first
    assert first["Membership"] > 0
    assert first["MembershipRole"] > 0
    assert first["JoinRequest"] == 1
    assert first["Thread"] > 0
    assert first["Post"] > 0
    assert first["Reaction"] > 0
    assert first["Ping"] == 2
    assert first["Attachment"] == 1
    assert first["PingAnswer"] == 3


def test_seed_demo_creates_each_documented_account_once_when_run_twice(counts_after_each_run):
    emails = [email for email, *_rest in DEMO_PEOPLE]
    assert len(emails) == 12
    assert sorted(User.objects.values_list("email", flat=True)) == sorted(emails)
    leader = User.objects.get(email="leader@example.org")
    assert leader.is_tta_leader
    assert list(User.objects.filter(is_tta_leader=True)) == [leader]


def test_seed_demo_program_covers_every_policy_and_stage_when_seeded(counts_after_each_run):
    program = Program.objects.get(slug="2024-cop-series")
    assert list(program.leaders.values_list("email", flat=True)) == ["leader@example.org"]
    cops = program.communities.all()
    assert {cop.join_policy for cop in cops} == set(JoinPolicy.values)
    assert {cop.stage for cop in cops} == set(Stage.values)
    assert {cop.provider.email for cop in cops} == {"provider@example.org"}
    assert Community.objects.filter(program=None, visibility=Visibility.PUBLIC).exists()


def test_seed_demo_private_cop_holds_every_role_when_seeded(counts_after_each_run):
    cop = Community.objects.get(slug="recovery-leaders")
    assert cop.visibility == Visibility.PRIVATE
    assert cop.join_policy == JoinPolicy.APPROVAL
    assert cop.stage == Stage.ACTIVE
    assert cop.memberships.filter(user__email="member@example.org").exists()
    held = set(
        MembershipRole.objects.filter(membership__community=cop).values_list("role", flat=True)
    )
    assert held == set(Role.values)


def test_seed_demo_leaves_some_accounts_outside_every_cop_when_seeded(counts_after_each_run):
    outside = [f"{name}@example.org" for name in ("outsider", "leader", "provider", "staff")]
    assert not Membership.objects.filter(user__email__in=outside).exists()
    assert (
        Membership.objects.filter(
            user__email="facilitator@example.org", roles__role=Role.FACILITATOR
        ).count()
        == Community.objects.count()
    )
    request = JoinRequest.objects.get()
    assert (request.user.email, request.community.slug) == (
        "outsider@example.org",
        "family-engagement",
    )
    assert request.status == "pending"


@pytest.mark.parametrize("slug", sorted(DEMO_THREADS))
def test_seed_demo_discussions_hold_every_kind_when_seeded(counts_after_each_run, slug):
    threads = Thread.objects.filter(community__slug=slug)
    assert set(threads.values_list("kind", flat=True)) == set(ThreadKind.values)
    assert threads.filter(is_pinned=True).count() == 1
    assert all(thread.body_html.startswith("<") for thread in threads)


def test_seed_demo_question_has_an_accepted_answer_when_seeded(counts_after_each_run):
    answered = Thread.objects.filter(kind=ThreadKind.QUESTION, accepted_answer__isnull=False)
    assert answered.exists()
    for thread in answered:
        assert thread.accepted_answer.thread_id == thread.pk


def test_seed_demo_leaves_one_report_open_when_seeded(counts_after_each_run):
    report = Report.objects.get()
    assert report.status == ReportStatus.OPEN
    assert report.reporter != report.post.author
    assert report.post.thread.community.slug in DEMO_THREADS


def test_seed_demo_counts_match_the_rows_when_run_twice(counts_after_each_run):
    for thread in Thread.objects.all():
        assert thread.reply_count == thread.posts.count(), thread.title
    for post in Post.objects.all():
        assert post.helpful_count == post.reactions.count(), post.pk
        assert not post.reactions.filter(user=post.author).exists()


def test_seed_demo_sends_nothing_when_discussions_are_seeded(counts_after_each_run):
    # notify() is the only way mail leaves: no notification or outbox row means no email.
    assert not Notification.objects.exists()
    assert not OutboxMessage.objects.exists()


def test_seed_demo_opens_a_ping_with_choices_and_answers_when_seeded(counts_after_each_run):
    pings = Ping.objects.filter(community__slug="recovery-leaders")
    open_pings = [ping for ping in pings if ping.is_open]
    assert len(open_pings) == 1
    ping = open_pings[0]
    assert ping.author.email == "facilitator@example.org"
    assert ping.choices
    assert ping.answers_visible_to == "all"
    answers = list(ping.answers.all())
    assert len(answers) == 2
    assert all(answer.choice in ping.choices for answer in answers)
    members = set(ping.community.memberships.values_list("user_id", flat=True))
    assert {answer.user_id for answer in answers} <= members


def test_seed_demo_keeps_a_closed_ping_for_leaders_when_seeded(counts_after_each_run):
    closed = [
        ping for ping in Ping.objects.filter(community__slug="recovery-leaders") if not ping.is_open
    ]
    assert len(closed) == 1
    ping = closed[0]
    assert ping.choices == []
    assert ping.answers_visible_to == "leaders"
    answer = ping.answers.get()
    assert answer.text
    assert ping.created_at < answer.answered_at < ping.closes_at


def test_seed_demo_leaves_ping_deadlines_alone_when_run_again(counts_after_each_run):
    deadlines = dict(Ping.objects.values_list("pk", "closes_at"))
    call_command("seed_demo", stdout=StringIO())
    assert dict(Ping.objects.values_list("pk", "closes_at")) == deadlines
