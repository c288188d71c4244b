"""The link in a ping email: it opens the ping for the member it was sent to, and no one else
learns anything from it — not which CoP it belongs to, not even that the CoP exists."""

import datetime as dt
from urllib.parse import quote

import pytest
from django.urls import reverse
from django.utils import timezone

from communities.discussions.ping_links import ping_link
from communities.models import Membership, Ping, Role, Visibility
from tests.factories import CommunityFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

COP_NAME = "Harbour Recovery Circle"


@pytest.fixture
def community():
    return CommunityFactory(name=COP_NAME, slug="harbour-circle", visibility=Visibility.PRIVATE)


@pytest.fixture
def member(community):
    return MembershipFactory(community=community).user


def make_ping(community, *, closes_in=dt.timedelta(days=2)) -> Ping:
    author = MembershipFactory(community=community, roles=[Role.FACILITATOR]).user
    return Ping.objects.create(
        community=community,
        author=author,
        question="Which day suits the next meeting?",
        choices=["Tuesday", "Thursday"],
        closes_at=timezone.now() + closes_in,
    )


def says_nothing_of_the_cop(response) -> bool:
    told = response.content.decode() + response.get("Location", "")
    return COP_NAME not in told and "harbour-circle" not in told


def test_a_logged_out_visitor_is_sent_to_log_in_and_learns_nothing_of_the_cop(
    client, community, member
):
    path = ping_link(ping=make_ping(community), member=member)

    response = client.get(path)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={quote(path)}"
    assert says_nothing_of_the_cop(response)


def test_the_member_it_was_sent_to_is_taken_to_the_ping(client, community, member):
    ping = make_ping(community)
    client.force_login(member)

    response = client.get(ping_link(ping=ping, member=member))

    assert response.status_code == 302
    assert response["Location"] == ping.get_absolute_url()


@pytest.mark.parametrize("who", ["outsider", "other member"])
def test_someone_elses_link_says_so_without_naming_the_cop(client, community, member, who):
    ping = make_ping(community)
    viewer = UserFactory() if who == "outsider" else MembershipFactory(community=community).user
    client.force_login(viewer)

    response = client.get(ping_link(ping=ping, member=member))

    assert response.status_code == 403
    assert "sent to someone else" in response.content.decode()
    assert says_nothing_of_the_cop(response)


def test_a_member_who_left_cannot_follow_their_old_link(client, community, member):
    ping = make_ping(community)
    path = ping_link(ping=ping, member=member)
    Membership.objects.filter(community=community, user=member).delete()
    client.force_login(member)

    response = client.get(path)

    assert response.status_code == 404
    assert says_nothing_of_the_cop(response)


def test_a_closed_pings_link_says_it_has_closed_and_opens_nothing(client, community, member):
    ping = make_ping(community)
    path = ping_link(ping=ping, member=member)
    Ping.objects.filter(pk=ping.pk).update(closes_at=timezone.now() - dt.timedelta(minutes=1))
    client.force_login(member)

    response = client.get(path)

    assert response.status_code == 410
    assert "This ping has closed" in response.content.decode()
    assert "Location" not in response


def test_a_link_to_a_ping_that_no_longer_exists_is_a_plain_not_found(client, community, member):
    ping = make_ping(community)
    path = ping_link(ping=ping, member=member)
    ping.delete()
    client.force_login(member)

    response = client.get(path)

    assert response.status_code == 404
    assert says_nothing_of_the_cop(response)
