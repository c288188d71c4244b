"""`notify_many` with each reader's own `about`: one event that reaches each reader through a
different CoP (a program's news), asked of that CoP when recorded and when sent."""

import pytest

from communities.models import Notification, OutboxMessage, Role
from communities.notifications.sender import Notice, notify_many
from tests.factories import CommunityFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

CONTEXT = {"title": "News of the series", "message": "Read it."}


def test_each_reader_is_asked_about_and_recorded_with_their_own_cop():
    first, second = CommunityFactory(), CommunityFactory()
    reader = MembershipFactory(community=first, roles=[Role.FACILITATOR]).user
    other = MembershipFactory(community=second, roles=[Role.FACILITATOR]).user
    stranger = UserFactory()

    told = notify_many(
        kind="announcement",
        notices=[
            Notice(to=reader, key="n:1", context=CONTEXT, about=first),
            Notice(to=other, key="n:2", context=CONTEXT, about=second),
            # Asked about a CoP they do not facilitate: recorded for nobody.
            Notice(to=stranger, key="n:3", context=CONTEXT, about=first),
        ],
        capability="meeting.edit",
    )

    assert told == 2
    assert dict(Notification.objects.values_list("key", "community")) == {
        "n:1": first.pk,
        "n:2": second.pk,
    }
    assert set(OutboxMessage.objects.values_list("community", "capability")) == {
        (first.pk, "meeting.edit"),
        (second.pk, "meeting.edit"),
    }


def test_a_capability_without_an_about_for_every_reader_is_a_mistake():
    person = MembershipFactory().user

    with pytest.raises(ValueError, match="needs both"):
        notify_many(
            kind="announcement",
            notices=[Notice(to=person, key="n:1", context=CONTEXT)],
            capability="meeting.edit",
        )
