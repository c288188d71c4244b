"""When the figures are refreshed: by the beat task, on commit of a check-in or a new cadence,
when a dashboard viewer asks for it, and at the end of the scale seeding."""

import datetime as dt
import io

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from communities.models import Community, Role, Stage
from cop_platform.celery import app
from cop_platform.permissions import can
from oversight.models import CommunityHealth, HealthFlag, WeeklyActivity
from oversight.services import record_checkin, set_checkin_cadence
from oversight.tasks import refresh_health_task
from tests.factories import CommunityFactory, MembershipFactory, UserFactory
from tests.oversight.factories import program_cop

pytestmark = pytest.mark.django_db


def _refreshed() -> set[int]:
    return set(CommunityHealth.objects.values_list("community_id", flat=True))


def test_the_task_refreshes_the_cops_it_is_given_or_all():
    one, other = CommunityFactory(), CommunityFactory()

    assert refresh_health_task.delay([one.pk]).get() == 1
    assert _refreshed() == {one.pk}
    assert refresh_health_task.delay().get() == 2
    assert _refreshed() == {one.pk, other.pk}


def test_beat_refreshes_the_figures_every_ten_minutes():
    entries = [
        entry
        for entry in settings.CELERY_BEAT_SCHEDULE.values()
        if entry["task"] == "oversight.tasks.refresh_health_task"
    ]

    assert [entry["schedule"] for entry in entries] == [10 * 60]
    assert "oversight.tasks.refresh_health_task" in app.tasks


def test_recording_a_checkin_refreshes_that_cops_flag(django_capture_on_commit_callbacks):
    today = timezone.localdate()
    community, _facilitators, provider, _leader = program_cop(started_on=today)
    bystander = CommunityFactory()

    with django_capture_on_commit_callbacks(execute=True):
        record_checkin(actor=provider, community=community, held_on=today, status="at_risk")

    health = CommunityHealth.objects.get(community=community)
    assert (health.flag, health.reasons) == (HealthFlag.AT_RISK, ["checkin_at_risk"])
    assert health.last_checkin_on == today
    assert bystander.pk not in _refreshed()


def test_setting_a_cadence_refreshes_that_cop(django_capture_on_commit_callbacks):
    community, _facilitators, provider, _leader = program_cop(started_on=timezone.localdate())

    with django_capture_on_commit_callbacks(execute=True):
        set_checkin_cadence(actor=provider, community=community, cadence_days=7)

    assert CommunityHealth.objects.get(community=community).checkin_cadence_days == 7


def test_a_checkin_refreshes_after_its_commit_not_inside_it(django_capture_on_commit_callbacks):
    community, _facilitators, provider, _leader = program_cop(started_on=timezone.localdate())

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        record_checkin(
            actor=provider, community=community, held_on=timezone.localdate(), status="at_risk"
        )

    assert len(callbacks) >= 1  # queued for after the commit, not run inside the transaction
    assert community.pk not in _refreshed()


def _message(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_a_tta_leader_refreshes_every_open_cop_of_their_program(
    client, django_capture_on_commit_callbacks
):
    community, _facilitators, _provider, leader = program_cop(started_on=timezone.localdate())
    sibling = CommunityFactory(program=community.program)
    archived = CommunityFactory(program=community.program, stage=Stage.ARCHIVED)
    elsewhere = CommunityFactory()
    client.force_login(leader)
    url = reverse("oversight:program_dashboard_refresh", args=[community.program.slug])

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)

    assert response.status_code == 302
    assert response["Location"] == reverse(
        "oversight:program_dashboard", args=[community.program.slug]
    )
    assert _message(response) == ["Figures are being refreshed: reload in a minute to see them."]
    assert _refreshed() == {community.pk, sibling.pk}
    assert archived.pk not in _refreshed() and elsewhere.pk not in _refreshed()


def test_a_provider_refreshes_only_the_program_cops_assigned_to_them(
    client, django_capture_on_commit_callbacks
):
    community, _facilitators, provider, _leader = program_cop(started_on=timezone.localdate())
    CommunityFactory(program=community.program, provider=UserFactory())
    client.force_login(provider)
    url = reverse("oversight:program_dashboard_refresh", args=[community.program.slug])

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)

    assert response.status_code == 302
    assert _refreshed() == {community.pk}


def test_a_usage_analyst_refreshes_their_cop(client, django_capture_on_commit_callbacks):
    community = CommunityFactory()
    analyst = MembershipFactory(community=community, roles=[Role.USAGE_ANALYST]).user
    client.force_login(analyst)
    url = reverse("oversight:cop_dashboard_refresh", args=[community.slug])

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)

    assert response["Location"] == reverse("oversight:cop_dashboard", args=[community.slug])
    assert _message(response) == ["Figures are being refreshed: reload in a minute to see them."]
    assert _refreshed() == {community.pk}
    assert WeeklyActivity.objects.filter(community=community).count() == 12


def test_a_plain_member_may_not_refresh_and_nothing_is_queued(
    client, django_capture_on_commit_callbacks
):
    community = CommunityFactory()
    client.force_login(MembershipFactory(community=community).user)
    url = reverse("oversight:cop_dashboard_refresh", args=[community.slug])

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(url)

    assert response.status_code == 403
    assert callbacks == []
    assert _refreshed() == set()


def test_refresh_is_a_button_not_a_link(client):
    community = CommunityFactory()
    analyst = MembershipFactory(community=community, roles=[Role.USAGE_ANALYST]).user
    client.force_login(analyst)

    response = client.get(reverse("oversight:cop_dashboard_refresh", args=[community.slug]))

    assert response.status_code == 405
    assert _refreshed() == set()


def test_seed_scale_leaves_every_open_cop_with_its_figures():
    out = io.StringIO()
    call_command("seed_scale", factor=0.01, yes_really=True, stdout=out)

    assert "oversight.health:" in out.getvalue()
    open_cops = set(Community.objects.exclude(stage=Stage.ARCHIVED).values_list("pk", flat=True))
    assert _refreshed() == open_cops != set()
    assert WeeklyActivity.objects.count() == 12 * len(open_cops)
    assert CommunityHealth.objects.filter(posts__gt=0).exists()
    assert all(
        row.computed_at > timezone.now() - dt.timedelta(minutes=5)
        for row in CommunityHealth.objects.all()
    )


def test_a_provider_elsewhere_may_not_refresh_a_program_they_support_no_cop_of(client):
    community, _facilitators, _provider, _leader = program_cop(started_on=timezone.localdate())
    other_provider = UserFactory()
    CommunityFactory(provider=other_provider)  # a stand-alone CoP they support
    client.force_login(other_provider)

    response = client.post(
        reverse("oversight:program_dashboard_refresh", args=[community.program.slug])
    )

    assert response.status_code == 403
    missing = reverse("oversight:program_dashboard_refresh", args=["no-such-program"])
    assert client.post(missing).status_code == 404


@pytest.mark.parametrize(
    ("role", "sees_figures", "sees_members"),
    [
        (Role.FACILITATOR, True, True),
        (Role.USAGE_ANALYST, True, True),
        (Role.DISCUSSION_MODERATOR, False, False),
        (None, False, False),
    ],
)
def test_member_by_member_figures_are_for_facilitators_and_usage_analysts(
    role, sees_figures, sees_members
):
    community = CommunityFactory()
    person = MembershipFactory(community=community, roles=[role] if role else []).user

    assert can(person, "cop_dashboard.view", community) is sees_figures
    assert can(person, "cop_dashboard.members", community) is sees_members


def test_those_who_oversee_a_cop_see_its_figures_but_not_member_by_member():
    community, _facilitators, provider, leader = program_cop(started_on=timezone.localdate())

    for person in (provider, leader):
        assert can(person, "cop_dashboard.view", community)
        assert not can(person, "cop_dashboard.members", community)


@pytest.mark.parametrize("page", ["program", "cop"])
def test_a_dashboard_offers_refresh_and_shows_the_flag_after_it(
    page, client, django_capture_on_commit_callbacks
):
    community, _facilitators, _provider, leader = program_cop(started_on=timezone.localdate())
    client.force_login(leader)
    slug = community.program.slug if page == "program" else community.slug
    dashboard = reverse(f"oversight:{page}_dashboard", args=[slug])
    refresh = reverse(f"oversight:{page}_dashboard_refresh", args=[slug])

    before = client.get(dashboard).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(refresh)
    after = client.get(dashboard).content.decode()

    assert f'action="{refresh}"' in before
    # The CoP's own flag appears (the counts and the rules table show the word either way).
    assert after.count(">Healthy</span>") == before.count(">Healthy</span>") + 1
