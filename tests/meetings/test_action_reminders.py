"""Action-item reminders: "due tomorrow" and "overdue", each once, at 09:00 on the owner's
clock; none for done or dropped items or a former member; a new due date arms them again."""

import datetime as dt
import zoneinfo

import pytest

from communities.models import Notification, NotificationPreference, OutboxMessage
from meetings.action_reminders import send_due_action_reminders
from meetings.models import ActionStatus
from meetings.tasks import send_reminders_task
from tests.factories import MembershipFactory, UserFactory
from tests.meetings.factories import ActionItemFactory

pytestmark = pytest.mark.django_db

UTC = dt.UTC
CHICAGO = zoneinfo.ZoneInfo("America/Chicago")
DUE = dt.date(2027, 2, 10)


def chicago(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2027, 2, day, hour, minute, tzinfo=CHICAGO)


def owned_item(**fields):
    item = ActionItemFactory(due_date=DUE, **fields)
    item.owner.timezone = "America/Chicago"
    item.owner.save(update_fields=["timezone"])
    return item


def run(now, capture):
    with capture(execute=True):
        return send_due_action_reminders(now)


def test_the_owner_is_told_the_day_before_at_nine_on_their_clock(
    mailoutbox, django_capture_on_commit_callbacks
):
    item = owned_item()

    early = run(chicago(9, 8, 59), django_capture_on_commit_callbacks)
    on_time = run(chicago(9, 9), django_capture_on_commit_callbacks)
    again = run(chicago(9, 15), django_capture_on_commit_callbacks)

    assert (early, on_time, again) == (0, 1, 0)
    [email] = mailoutbox
    assert email.to == [item.owner.email]
    assert email.subject == f"Due tomorrow: {item.title}"
    assert "Wednesday 10 February 2027" in email.body


def test_the_owner_is_told_once_when_the_item_becomes_overdue(
    mailoutbox, django_capture_on_commit_callbacks
):
    item = owned_item()

    run(chicago(10, 12), django_capture_on_commit_callbacks)  # the due date itself: nothing
    run(chicago(11, 9, 5), django_capture_on_commit_callbacks)
    run(chicago(11, 9, 6), django_capture_on_commit_callbacks)

    assert [m.subject for m in mailoutbox] == [f"Overdue: {item.title}"]


@pytest.mark.parametrize("status", [ActionStatus.DONE, ActionStatus.DROPPED])
def test_no_reminder_for_a_done_or_dropped_item(status, django_capture_on_commit_callbacks):
    owned_item(status=status)

    assert run(chicago(9, 10), django_capture_on_commit_callbacks) == 0
    assert run(chicago(11, 10), django_capture_on_commit_callbacks) == 0
    assert not OutboxMessage.objects.exists()


def test_a_changed_due_date_arms_the_reminder_again(mailoutbox, django_capture_on_commit_callbacks):
    item = owned_item()
    run(chicago(9, 9), django_capture_on_commit_callbacks)

    item.due_date = DUE + dt.timedelta(days=7)
    item.save(update_fields=["due_date"])
    run(chicago(16, 9), django_capture_on_commit_callbacks)

    assert len(mailoutbox) == 2
    assert "Wednesday 17 February 2027" in mailoutbox[1].body


def test_a_former_member_is_not_reminded_of_an_item_they_owned(django_capture_on_commit_callbacks):
    item = owned_item()
    item.community.memberships.filter(user=item.owner).delete()

    assert run(chicago(9, 10), django_capture_on_commit_callbacks) == 0
    assert not Notification.objects.exists()


def test_no_reminder_when_the_owner_turned_action_item_emails_off(
    django_capture_on_commit_callbacks,
):
    item = owned_item()
    NotificationPreference.objects.create(user=item.owner, kind="action_item_due", mode="off")

    assert run(chicago(9, 10), django_capture_on_commit_callbacks) == 0
    assert not Notification.objects.exists()


def test_the_hour_is_nine_in_each_owners_own_zone(django_capture_on_commit_callbacks):
    item = owned_item()
    member = MembershipFactory(
        community=item.community, user=UserFactory(timezone="Asia/Tokyo")
    ).user
    ActionItemFactory(community=item.community, owner=member, due_date=DUE)
    # 09:00 on 9 February in Tokyo is 18:00 on the 8th in Chicago: only Tokyo's owner's turn.
    tokyo_nine = dt.datetime(2027, 2, 9, 9, tzinfo=zoneinfo.ZoneInfo("Asia/Tokyo"))

    assert run(tokyo_nine, django_capture_on_commit_callbacks) == 1
    assert Notification.objects.get().recipient == member


def test_the_beat_task_runs_both_kinds_of_reminder(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        result = send_reminders_task.delay().get()

    assert result == {"meetings": 0, "action_items": 0}
