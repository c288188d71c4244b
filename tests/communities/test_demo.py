"""The demo data of SPEC §10: what documentation and checks rely on, and that re-runs are safe."""

from io import StringIO

import pytest
from django.core.management import call_command

from communities.demo import DEMO_PEOPLE
from communities.models import (
    Community,
    JoinPolicy,
    JoinRequest,
    Membership,
    MembershipRole,
    Program,
    Role,
    Stage,
    User,
    Visibility,
)

pytestmark = pytest.mark.django_db

COUNTED = (User, Program, Community, Membership, MembershipRole, JoinRequest)


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
