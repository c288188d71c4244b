"""Two reminder dispatchers at once (two beat runs overlapping) tell each person once: the
first holds the due rows' locks until it commits, and the second skips them."""

import datetime as dt

import pytest

from communities.models import Notification, OutboxMessage
from meetings.action_reminders import send_due_action_reminders
from meetings.models import Reminder
from meetings.reminders import send_due_reminders, sync_reminders
from tests.communities.test_key_races import race
from tests.factories import MembershipFactory
from tests.meetings.factories import ActionItemFactory, MeetingFactory

pytestmark = pytest.mark.django_db(transaction=True)

UTC = dt.UTC


def test_two_meeting_reminder_dispatchers_at_once_tell_each_member_once(mailoutbox):
    meeting = MeetingFactory(start_date=dt.date(2027, 1, 5), repeat_count=1)
    sync_reminders(meeting=meeting, now=dt.datetime(2027, 1, 1, tzinfo=UTC))
    members = [MembershipFactory(community=meeting.community).user for _n in range(3)]
    at = dt.datetime(2027, 1, 4, 15, 1, tzinfo=UTC)

    errors = race(lambda: send_due_reminders(at))

    assert errors == []
    assert Notification.objects.count() == 3
    assert OutboxMessage.objects.count() == 3
    assert sorted(m.to[0] for m in mailoutbox) == sorted(m.email for m in members)
    assert Reminder.objects.get(offset="day").status == "sent"


def test_two_action_reminder_dispatchers_at_once_tell_the_owner_once(mailoutbox):
    item = ActionItemFactory(due_date=dt.date(2027, 2, 10))

    errors = race(lambda: send_due_action_reminders(dt.datetime(2027, 2, 9, 12, tzinfo=UTC)))

    assert errors == []
    assert [m.to for m in mailoutbox] == [[item.owner.email]]
