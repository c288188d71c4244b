"""Where people meet check-ins: the CoP page's panel (facilitators, provider, TTA leaders only),
a facilitator's pending status request and a provider's check-ins due on the home page."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from oversight.models import CheckIn, CheckInMail, CheckInMailKind
from oversight.schedule import send_due_checkin_mail
from tests.factories import MembershipFactory, UserFactory
from tests.oversight.factories import program_cop

pytestmark = pytest.mark.django_db


def today() -> dt.date:
    return timezone.localdate()


def html_of(client, user, url) -> str:
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def overdue_cop():
    """Joined 20 days ago, every two weeks, last check-in at risk 16 days ago: overdue."""
    cop = program_cop(started_on=today() - dt.timedelta(days=20), provider_zone="UTC")
    CheckIn.objects.create(
        community=cop[0], held_on=today() - dt.timedelta(days=16), status="at_risk"
    )
    return cop


@pytest.mark.parametrize("who", ["facilitator", "provider", "leader"])
def test_the_panel_shows_the_last_checkin_and_the_overdue_flag(client, overdue_cop, who):
    community, (facilitator,), provider, leader = overdue_cop
    viewer = {"facilitator": facilitator, "provider": provider, "leader": leader}[who]

    html = html_of(client, viewer, community.get_absolute_url())

    assert "TTA check-ins" in html
    assert "At risk" in html and "Overdue:" in html


@pytest.mark.parametrize("who", ["member", "moderator", "outsider"])
def test_the_panel_is_not_shown_to_members_or_outsiders(client, overdue_cop, who):
    community, *_ = overdue_cop
    roles = {"member": [], "moderator": ["discussion_moderator"]}
    viewer = (
        MembershipFactory(community=community, roles=roles[who]).user
        if who in roles
        else UserFactory()
    )

    html = html_of(client, viewer, community.get_absolute_url())

    assert "TTA check-ins" not in html and "At risk" not in html


def test_a_pending_status_request_is_on_the_facilitators_home_until_answered(
    client, django_capture_on_commit_callbacks
):
    community, (facilitator,), _provider, _leader = program_cop(
        started_on=today() - dt.timedelta(days=12), facilitator_zones=("UTC",)
    )
    home = reverse("home")
    assert "Status requests" not in html_of(client, facilitator, home)
    with django_capture_on_commit_callbacks(execute=True):
        send_due_checkin_mail(timezone.now())
    assert CheckInMail.objects.get(kind=CheckInMailKind.REQUEST).status == "sent"

    html = html_of(client, facilitator, home)
    assert "Status requests from your TTA provider" in html
    assert f"How is {community.name} doing?" in html
    assert "Send your status" in html_of(client, facilitator, community.get_absolute_url())

    client.post(reverse("oversight:status_update", args=[community.slug]), {"status": "on_track"})
    assert "Status requests" not in html_of(client, facilitator, home)


def test_the_providers_home_lists_checkins_due_this_week_and_overdue(client, overdue_cop):
    community, _facilitators, provider, _leader = overdue_cop
    later, *_ = program_cop(started_on=today())  # due in two weeks: not listed
    later.provider = provider
    later.save(update_fields=["provider"])

    html = html_of(client, provider, reverse("home"))

    assert "Check-ins due this week and overdue" in html
    section = html[html.index("Check-ins due this week") :]
    assert community.name in section and "Overdue:" in section
    assert later.name not in section.split("</section>")[0]


def test_the_program_page_leads_its_tta_leaders_to_its_evaluations_and_no_one_else(
    client, overdue_cop
):
    community, (facilitator,), provider, leader = overdue_cop
    program = community.program
    way_in = reverse("oversight:program_evaluations", args=[program.slug])

    assert way_in in html_of(client, leader, program.get_absolute_url())
    # The CoP's facilitator and provider, a member and someone else see the program page only.
    member = MembershipFactory(community=community).user
    for viewer in (facilitator, provider, member, UserFactory()):
        assert way_in not in html_of(client, viewer, program.get_absolute_url())
