"""A CoP always keeps a facilitator: deleting an account hands its CoPs over first, and only a
facilitator may remove a facilitator."""

import pytest
from django.urls import reverse

from communities.models import Membership, MembershipRole, Role, User
from tests.factories import PASSWORD, CommunityFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def is_facilitator(user, community) -> bool:
    return MembershipRole.objects.filter(
        membership__user=user, membership__community=community, role=Role.FACILITATOR
    ).exists()


@pytest.fixture
def sole_facilitator():
    return MembershipFactory(
        community=CommunityFactory(name="Rural Clinics"), roles=[Role.FACILITATOR]
    )


def test_deleting_the_last_facilitators_account_is_refused_without_a_successor(
    client, sole_facilitator
):
    person = sole_facilitator.user
    MembershipFactory(community=sole_facilitator.community)
    client.force_login(person)
    url = reverse("communities:account_delete", args=[person.handle])

    page = client.get(url)
    response = client.post(url, {"password": PASSWORD})

    assert "Rural Clinics" in page.content.decode()
    assert response.status_code == 422
    assert "Rural Clinics needs a facilitator" in response.content.decode()
    assert User.objects.filter(pk=person.pk).exists()
    assert is_facilitator(person, sole_facilitator.community)


def test_deleting_the_last_facilitators_account_makes_the_named_successor_facilitator(
    client, sole_facilitator
):
    person, community = sole_facilitator.user, sole_facilitator.community
    successor = MembershipFactory(community=community).user
    client.force_login(person)

    response = client.post(
        reverse("communities:account_delete", args=[person.handle]),
        {"password": PASSWORD, f"successor_{community.pk}": successor.pk},
        follow=True,
    )

    assert "Your account has been deleted." in response.content.decode()
    assert not User.objects.filter(pk=person.pk).exists()
    assert is_facilitator(successor, community)


def test_a_successor_must_be_a_member_of_that_cop(client, sole_facilitator):
    person, community = sole_facilitator.user, sole_facilitator.community
    MembershipFactory(community=community)
    stranger = UserFactory()
    client.force_login(person)

    response = client.post(
        reverse("communities:account_delete", args=[person.handle]),
        {"password": PASSWORD, f"successor_{community.pk}": stranger.pk},
    )

    assert response.status_code == 422
    assert User.objects.filter(pk=person.pk).exists()
    assert not Membership.objects.filter(community=community, user=stranger).exists()


def test_a_facilitator_with_a_co_facilitator_deletes_the_account_without_a_successor(
    client, sole_facilitator
):
    person, community = sole_facilitator.user, sole_facilitator.community
    MembershipFactory(community=community, roles=[Role.FACILITATOR])
    client.force_login(person)

    client.post(reverse("communities:account_delete", args=[person.handle]), {"password": PASSWORD})

    assert not User.objects.filter(pk=person.pk).exists()


def test_a_membership_manager_removing_a_facilitator_is_forbidden(client, sole_facilitator):
    community = sole_facilitator.community
    second = MembershipFactory(community=community, roles=[Role.FACILITATOR])
    manager = MembershipFactory(community=community, roles=[Role.MEMBERSHIP_MANAGER]).user
    plain = MembershipFactory(community=community)
    client.force_login(manager)

    page = client.get(reverse("communities:members", args=[community.slug]))
    response = client.post(reverse("communities:member_remove", args=[community.slug, second.pk]))

    assert f"Remove {plain.user.display_name}<" in page.content.decode()
    assert f"Remove {second.user.display_name}<" not in page.content.decode()
    assert response.status_code == 403
    assert Membership.objects.filter(pk=second.pk).exists()


def test_a_facilitator_removes_another_facilitator(client, sole_facilitator):
    community = sole_facilitator.community
    second = MembershipFactory(community=community, roles=[Role.FACILITATOR])
    client.force_login(sole_facilitator.user)

    client.post(reverse("communities:member_remove", args=[community.slug, second.pk]))

    assert not Membership.objects.filter(pk=second.pk).exists()
