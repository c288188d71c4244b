"""Bad input and double clicks answer with a message, never a 500 (issue 10, item 9)."""

import re
import threading

import pytest
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse

from communities.models import Invitation, Membership, MembershipRole, Role, Tag, User
from communities.services import LastFacilitatorError, invite, leave_community
from communities.services import membership as membership_services
from tests.communities.test_key_races import _someone_waits_on_a_lock, race
from tests.deadlines import scaled, wait_until
from tests.factories import CommunityFactory, MembershipFactory, PostFactory, ThreadFactory

PROFILE = {
    "name": "Sam Rivera",
    "handle": "sam_r",
    "organisation": "",
    "job_title": "",
    "bio": "",
    "timezone": "",
    "expertise": "peer coaching",
    "needs": "",
}


@pytest.mark.django_db
@pytest.mark.parametrize("field", ["expertise", "needs"])
def test_a_nul_byte_in_a_topic_is_refused_when_the_profile_is_saved(client, field):
    person = MembershipFactory().user
    client.force_login(person)
    url = reverse("communities:profile_edit", args=[person.handle])

    response = client.post(url, {**PROFILE, field: "data\x00use, coaching"})

    assert response.status_code == 422
    assert "Null characters are not allowed" in response.content.decode()
    person.refresh_from_db()
    assert person.name != "Sam Rivera"
    assert not Tag.objects.exists()


@pytest.mark.django_db
def test_a_handle_with_a_slash_is_refused_and_the_page_links_to_the_saved_handle(client):
    person = MembershipFactory(user__handle="sam_saved").user
    client.force_login(person)
    url = reverse("communities:profile_edit", args=["sam_saved"])

    response = client.post(url, {**PROFILE, "handle": "sam/../admin"})

    page = response.content.decode()
    assert response.status_code == 422
    assert "Use 2 to 30 lower-case letters, digits or underscores." in page
    assert reverse("communities:profile", args=["sam_saved"]) in page
    assert User.objects.get(pk=person.pk).handle == "sam_saved"


@pytest.mark.django_db(transaction=True)
def test_two_clicks_on_helpful_at_once_leave_one_mark_and_no_error():
    member = MembershipFactory()
    post = PostFactory(thread=ThreadFactory(community=member.community))
    url = reverse("communities:post_helpful", args=[member.community.slug, post.pk])
    clients = [Client(), Client()]
    for client in clients:
        client.force_login(member.user)
    statuses = []

    errors = race(lambda: statuses.append(clients.pop().post(url).status_code))

    assert errors == []
    assert statuses == [302, 302]
    assert post.reactions.count() == 1
    post.refresh_from_db()
    assert post.helpful_count == 1


@pytest.mark.django_db(transaction=True)
def test_accepting_one_invitation_twice_at_once_makes_one_member_and_says_used(mailoutbox):
    community = CommunityFactory(visibility="private", join_policy="invitation")
    invitee = MembershipFactory().user
    invite(actor=None, community=community, email=invitee.email)
    path = re.search(r"https?://[^/\s]+(/invitations/[^/\s]+/)", mailoutbox[-1].body).group(1)
    clients = [Client(), Client()]
    for client in clients:
        client.force_login(invitee)
    responses = []

    errors = race(lambda: responses.append(clients.pop().post(path)))

    assert errors == []
    assert sorted(response.status_code for response in responses) == [302, 410]
    refused = next(response for response in responses if response.status_code == 410)
    assert "already used" in refused.content.decode()
    assert Membership.objects.filter(community=community, user=invitee).count() == 1
    assert Invitation.objects.get().accepted_by == invitee


@pytest.mark.django_db(transaction=True)
def test_two_facilitators_leaving_at_once_one_is_refused_and_nothing_deadlocks(monkeypatch):
    first = MembershipFactory(roles=[Role.FACILITATOR])
    second = MembershipFactory(community=first.community, roles=[Role.FACILITATOR])
    MembershipFactory(community=first.community)
    community = first.community
    # Each leave, once it has checked that another facilitator stays, waits until the other
    # has checked too, or is held back by a lock: the moment both used to step down at once.
    checked = []
    check = membership_services._keep_a_facilitator

    def check_then_wait(membership, *, losing):
        check(membership, losing=losing)
        checked.append(membership.pk)
        wait_until(lambda: len(checked) == 2 or _someone_waits_on_a_lock(), 10, 0.02)

    monkeypatch.setattr(membership_services, "_keep_a_facilitator", check_then_wait)
    start = threading.Barrier(2, timeout=scaled(10))
    outcomes: dict[int, BaseException | None] = {}

    def leave(person):
        try:
            start.wait()
            with transaction.atomic():
                leave_community(actor=person, community=community)
            outcomes[person.pk] = None
        except BaseException as error:  # looked at by the test, in its own thread
            outcomes[person.pk] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=leave, args=(m.user,)) for m in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(scaled(30))

    assert not any(thread.is_alive() for thread in threads)
    errors = [error for error in outcomes.values() if error is not None]
    assert len(outcomes) == 2
    assert [type(error) for error in errors] == [LastFacilitatorError]
    assert (
        MembershipRole.objects.filter(
            membership__community=community, role=Role.FACILITATOR
        ).count()
        == 1
    )
