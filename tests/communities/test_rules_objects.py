"""Permissions ask an object's CoP through its one explicit accessor, and answer no for an
object they do not know: a later app's object is never judged by attributes it happens to have."""

import datetime as dt

import pytest
import rules
from django.utils import timezone

from communities.models import Ping, Role
from communities.ownership import community_of
from cop_platform.permissions import can
from tests.factories import MembershipFactory, PostFactory, ThreadFactory

pytestmark = pytest.mark.django_db

# Capabilities that need no object answer alike for any object; every other one is about one.
OBJECTLESS = {"community.create", "program.create", "program.view", "profile.view"}


class ResourceWithAThread:
    """What a toolkit resource with a discussion prompt might look like to a guesser."""

    def __init__(self, thread):
        self.thread = thread
        self.community = thread.community
        self.author_id = thread.author_id
        self.is_open = True
        self.answers_visible_to = "all"


@pytest.fixture
def facilitator_thread():
    membership = MembershipFactory(roles=[Role.FACILITATOR])
    thread = ThreadFactory(community=membership.community, author=membership.user)
    return membership.user, thread


def test_community_of_answers_the_declared_cop_of_each_cop_object(facilitator_thread):
    _person, thread = facilitator_thread
    post = PostFactory(thread=thread)

    assert community_of(thread) == thread.community
    assert community_of(post) == thread.community
    assert community_of(thread.community) == thread.community


def test_community_of_answers_none_for_an_object_that_declares_no_cop(facilitator_thread):
    _person, thread = facilitator_thread

    assert community_of(ResourceWithAThread(thread)) is None
    assert community_of(object()) is None
    assert community_of(None) is None


@pytest.mark.parametrize(
    "capability", sorted(name for name in rules.permissions.permissions if name not in OBJECTLESS)
)
def test_every_capability_refuses_an_object_it_does_not_know(facilitator_thread, capability):
    person, thread = facilitator_thread
    # The facilitator may do nearly everything to the thread itself...
    stand_in = ResourceWithAThread(thread)

    # ...and nothing through a look-alike that never said which CoP it belongs to.
    assert can(person, capability, stand_in) is False


def test_ping_capabilities_refuse_a_thread_handed_in_place_of_a_ping(facilitator_thread):
    person, thread = facilitator_thread

    assert can(person, "ping.answer", thread) is False
    assert can(person, "ping.results", thread) is False


def test_ping_capabilities_still_answer_for_a_real_open_ping(facilitator_thread):
    person, thread = facilitator_thread
    ping = Ping.objects.create(
        community=thread.community,
        question="Which day?",
        choices=["Tuesday"],
        closes_at=timezone.now() + dt.timedelta(days=1),
    )

    assert can(person, "ping.answer", ping) is True
    assert can(person, "ping.results", ping) is True
