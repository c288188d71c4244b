"""Digests go out at 07:00 in the member's zone (weekly: Mondays), whatever time their items
arrived, and carry what arrived before that send time (issue 10, item 8).

The clock is frozen by hand: each item's `created_at` is set, and every sweep is
`send_due_digests(now)` at a chosen instant, as beat would run it."""

import datetime as dt
import zoneinfo

import pytest

from communities.models import Notification, OutboxMessage
from communities.notifications.digests import send_due_digests
from communities.notifications.sender import notify
from communities.services import update_notification_preferences
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

QUARTER_HOUR = dt.timedelta(minutes=15)


def local(zone: str, text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=zoneinfo.ZoneInfo(zone))


def member(zone: str, mode: str = "daily"):
    person = UserFactory(timezone=zone)
    update_notification_preferences(user=person, modes={"announcement": mode})
    return person


def arrives(person, title: str, at: dt.datetime) -> Notification:
    """An item held for `person`'s digest, as if it had arrived at `at`."""
    item = notify(
        to=person,
        kind="announcement",
        key=f"announcement:{title}:{person.pk}",
        context={"title": title, "message": "Details inside."},
        group="Recovery CoP",
        url="/",
    )
    Notification.objects.filter(pk=item.pk).update(created_at=at)
    return item


def sweep(start: dt.datetime, end: dt.datetime) -> list[tuple[dt.datetime, OutboxMessage]]:
    """Run the finder every quarter hour from `start` to `end`, as beat would; each digest
    recorded comes back with the instant of the sweep that recorded it."""
    recorded = []
    last_pk = OutboxMessage.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    now = start
    while now <= end:
        send_due_digests(now)
        for message in OutboxMessage.objects.filter(pk__gt=last_pk).order_by("pk"):
            recorded.append((now, message))
            last_pk = message.pk
        now += QUARTER_HOUR
    return recorded


def local_sends(recorded) -> list[tuple[str, str]]:
    """Who got a digest, and when on their own clock."""
    return [
        (
            message.to_email,
            now.astimezone(zoneinfo.ZoneInfo(message.recipient.zone_name)).isoformat(),
        )
        for now, message in recorded
    ]


def titles_in(message: OutboxMessage) -> list[str]:
    return sorted(message.digest_items.values_list("title", flat=True))


def test_an_item_at_three_pm_waits_for_seven_the_next_morning_when_the_digest_is_daily():
    person = member("America/Chicago")
    arrives(person, "Afternoon news", local("America/Chicago", "2026-01-15T15:00"))

    assert send_due_digests(local("America/Chicago", "2026-01-15T15:01")) == 0
    assert send_due_digests(local("America/Chicago", "2026-01-16T06:59")) == 0
    assert send_due_digests(local("America/Chicago", "2026-01-16T07:00")) == 1
    # The same minute again: the key names the send date, so nothing new is recorded.
    assert send_due_digests(local("America/Chicago", "2026-01-16T07:00:30")) == 0

    digest = OutboxMessage.objects.get(recipient=person)
    assert digest.key == f"digest:daily:{person.pk}:2026-01-16"
    assert titles_in(digest) == ["Afternoon news"]


def test_members_in_chicago_and_tokyo_each_get_theirs_at_their_own_seven():
    chicago = member("America/Chicago")  # UTC-6 in January
    tokyo = member("Asia/Tokyo")  # UTC+9
    # 09:00 in Chicago, midnight in Tokyo: after 07:00 on both clocks.
    arrival = dt.datetime(2026, 1, 14, 15, 0, tzinfo=dt.UTC)
    for person in (chicago, tokyo):
        arrives(person, "Spring meeting moved", arrival)

    recorded = sweep(arrival, dt.datetime(2026, 1, 16, 0, 0, tzinfo=dt.UTC))

    assert local_sends(recorded) == [
        (tokyo.email, "2026-01-15T07:00:00+09:00"),
        (chicago.email, "2026-01-15T07:00:00-06:00"),
    ]


def test_a_weekly_digest_goes_out_on_monday_at_seven_only():
    person = member("America/Chicago", mode="weekly")
    arrives(person, "Midweek news", local("America/Chicago", "2026-01-14T10:00"))  # Wednesday

    recorded = sweep(
        local("America/Chicago", "2026-01-14T10:00"), local("America/Chicago", "2026-01-21T10:00")
    )

    assert local_sends(recorded) == [(person.email, "2026-01-19T07:00:00-06:00")]  # Monday
    [(_now, digest)] = recorded
    assert digest.key == f"digest:weekly:{person.pk}:2026-01-19"
    assert titles_in(digest) == ["Midweek news"]


@pytest.mark.parametrize(
    ("day_before", "change_day", "day_after"),
    [
        ("2026-03-07", "2026-03-08", "2026-03-09"),  # clocks go forward at 02:00
        ("2026-10-31", "2026-11-01", "2026-11-02"),  # clocks go back at 02:00
    ],
)
def test_a_daily_digest_keeps_seven_local_across_a_dst_change(day_before, change_day, day_after):
    zone = "America/New_York"
    person = member(zone)
    arrives(person, "Before the change", local(zone, f"{day_before}T12:00"))
    arrives(person, "On the change day", local(zone, f"{change_day}T12:00"))

    recorded = sweep(local(zone, f"{day_before}T12:00"), local(zone, f"{day_after}T12:00"))

    sends = [now.astimezone(zoneinfo.ZoneInfo(zone)) for now, _message in recorded]
    assert [moment.strftime("%Y-%m-%d %H:%M") for moment in sends] == [
        f"{change_day} 07:00",
        f"{day_after} 07:00",
    ]
    assert [titles_in(message) for _now, message in recorded] == [
        ["Before the change"],
        ["On the change day"],
    ]


def test_a_late_sweep_sends_the_due_digest_once_and_later_items_wait():
    """The worker was down at 07:00 for three days; it comes back at 10:00."""
    zone = "Europe/Paris"
    person = member(zone)
    arrives(person, "Three days ago", local(zone, "2026-01-12T15:00"))
    arrives(person, "Before seven", local(zone, "2026-01-15T06:30"))
    arrives(person, "After seven", local(zone, "2026-01-15T07:30"))

    assert send_due_digests(local(zone, "2026-01-15T10:00")) == 1
    assert send_due_digests(local(zone, "2026-01-15T10:00:40")) == 0
    assert send_due_digests(local(zone, "2026-01-15T18:00")) == 0

    [today] = OutboxMessage.objects.filter(recipient=person)
    assert today.key == f"digest:daily:{person.pk}:2026-01-15"
    assert titles_in(today) == ["Before seven", "Three days ago"]
    assert send_due_digests(local(zone, "2026-01-16T07:00")) == 1
    tomorrow = OutboxMessage.objects.get(key=f"digest:daily:{person.pk}:2026-01-16")
    assert titles_in(tomorrow) == ["After seven"]


def test_an_item_at_seven_thirty_on_monday_waits_for_the_next_weekly_digest():
    zone = "America/Chicago"
    person = member(zone, mode="weekly")
    arrives(person, "Sunday evening", local(zone, "2026-01-18T20:00"))
    arrives(person, "Monday morning", local(zone, "2026-01-19T07:30"))

    # Late, as when the worker was down at 07:00: the 07:30 item is already waiting.
    recorded = sweep(local(zone, "2026-01-19T08:00"), local(zone, "2026-01-26T08:00"))

    assert local_sends(recorded) == [
        (person.email, "2026-01-19T08:00:00-06:00"),
        (person.email, "2026-01-26T07:00:00-06:00"),
    ]
    assert [titles_in(message) for _now, message in recorded] == [
        ["Sunday evening"],
        ["Monday morning"],
    ]


def test_an_item_recorded_after_its_digest_went_out_rides_in_the_next_one():
    """A fan-out that began before 07:00 may commit after the digest was recorded."""
    zone = "Europe/Paris"
    person = member(zone)
    arrives(person, "On time", local(zone, "2026-01-15T06:00"))
    assert send_due_digests(local(zone, "2026-01-15T07:00")) == 1
    arrives(person, "Committed late", local(zone, "2026-01-15T06:59:59"))

    assert send_due_digests(local(zone, "2026-01-15T07:01")) == 0
    assert send_due_digests(local(zone, "2026-01-16T07:00")) == 1

    tomorrow = OutboxMessage.objects.get(key=f"digest:daily:{person.pk}:2026-01-16")
    assert titles_in(tomorrow) == ["Committed late"]
