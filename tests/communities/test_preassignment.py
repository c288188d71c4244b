"""Pre-assignment: a program's CoPs add people who have an account (and tell them, with a way
out); stand-alone CoPs only invite; no page tells who has an account (SPEC §2)."""

import re

import pytest
from django.urls import reverse

from communities.models import Invitation, MemberImport, Membership, Notification, Role
from tests.factories import CommunityFactory, MembershipFactory, ProgramFactory, UserFactory

pytestmark = pytest.mark.django_db


def leader_of(community, role=Role.FACILITATOR):
    return MembershipFactory(community=community, roles=[role]).user


def preassign(client, community, text, capture):
    with capture(execute=True):
        return client.post(
            reverse("communities:invite", args=[community.slug]),
            {"emails": text, "mode": "add"},
            follow=True,
        )


def test_a_stand_alone_cop_cannot_add_accounts_when_the_post_is_forged(
    client, django_capture_on_commit_callbacks
):
    community = CommunityFactory()
    client.force_login(leader_of(community))
    person = UserFactory(email="known@example.org")

    form = client.get(reverse("communities:invite", args=[community.slug]))
    response = preassign(client, community, "known@example.org", django_capture_on_commit_callbacks)

    assert 'value="add"' not in form.content.decode()
    assert response.status_code == 422
    assert "not part of a program" in response.content.decode()
    assert not Membership.objects.filter(community=community, user=person).exists()
    assert not MemberImport.objects.exists()
    assert not Invitation.objects.exists()


@pytest.mark.parametrize("role", [Role.FACILITATOR, Role.MEMBERSHIP_MANAGER, "program_leader"])
def test_a_programs_cop_adds_an_account_who_is_told_with_a_leave_link(
    client, mailoutbox, django_capture_on_commit_callbacks, role
):
    program = ProgramFactory()
    community = CommunityFactory(program=program)
    leader_of(community)  # the CoP keeps a facilitator whoever pre-assigns
    if role == "program_leader":
        actor = UserFactory(is_tta_leader=True)
        program.leaders.add(actor)
    else:
        actor = leader_of(community, role)
    person = UserFactory(email="known@example.org")
    client.force_login(actor)

    preassign(client, community, "Known@example.org", django_capture_on_commit_callbacks)

    assert Membership.objects.filter(community=community, user=person).exists()
    notice = Notification.objects.get(recipient=person, kind="membership")
    assert community.name in notice.title
    (email,) = [mail for mail in mailoutbox if mail.to == ["known@example.org"]]
    leave_path = reverse("communities:leave_confirm", args=[community.slug])
    assert leave_path in email.body
    assert notice.url == leave_path

    client.force_login(person)
    question = client.get(leave_path)
    assert question.status_code == 200
    assert Membership.objects.filter(community=community, user=person).exists()  # GET only asks
    page = question.content.decode()
    assert re.search(
        rf'<form method="post" action="{reverse("communities:leave", args=[community.slug])}"', page
    )
    client.post(reverse("communities:leave", args=[community.slug]))
    assert not Membership.objects.filter(community=community, user=person).exists()


def test_the_result_page_never_shows_an_address_that_has_an_account(
    client, django_capture_on_commit_callbacks
):
    community = CommunityFactory(program=ProgramFactory())
    client.force_login(leader_of(community))
    UserFactory(email="known@example.org")
    MembershipFactory(community=community, user=UserFactory(email="in@example.org"))
    text = "known@example.org\nnew@example.org, NEW@example.org\nnot-an-email\nin@example.org\n"

    response = preassign(client, community, text, django_capture_on_commit_callbacks)

    html = response.content.decode()
    assert "Done: 1 added, 1 invited, 3 skipped." in html
    assert "known@example.org" not in html
    assert "in@example.org" not in html
    assert "new@example.org" not in html  # an invited address would tell the others had accounts
    assert "not-an-email" in html  # a bad line reveals nothing and helps to fix the list


def test_a_provider_may_not_pre_assign(client, django_capture_on_commit_callbacks):
    provider = UserFactory()
    community = CommunityFactory(program=ProgramFactory(), provider=provider)
    person = UserFactory(email="known@example.org")
    client.force_login(provider)

    response = preassign(client, community, "known@example.org", django_capture_on_commit_callbacks)

    assert response.status_code == 403
    assert not Membership.objects.filter(community=community, user=person).exists()
