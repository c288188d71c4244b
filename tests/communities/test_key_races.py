"""Two transactions that record the same key at the same moment record one row and send once.

The database's unique keys are what make this hold: `get_or_create` reads before it writes, so
two transactions can both read "nothing yet". Each race here is staged so that the second
transaction reads while the first has written its row but not committed it, the window in which
only a unique constraint stands between the two writes.
"""

import threading
from collections.abc import Callable

import pytest
from django.db import connection, transaction

from communities.models import Notification, OutboxMessage, OutboxStatus
from communities.notifications.outbox import OutgoingEmail, record_email, record_emails
from communities.notifications.rendering import render_kind_email
from communities.notifications.sender import notify
from tests.deadlines import scaled, wait_until
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _someone_waits_on_a_lock() -> bool:
    with connection.cursor() as cursor:
        # Inside a transaction PostgreSQL keeps its first view of pg_stat_activity; look afresh.
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity "
            "WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        return cursor.fetchone()[0] > 0


def race(record: Callable[[], object]) -> list[BaseException]:
    """Run `record` in two threads, each in its own transaction on its own connection.

    They start together; the first records and keeps its transaction open until the second is
    waiting on its uncommitted row (or, with no unique key, has finished), then commits."""
    start = threading.Barrier(2, timeout=scaled(10))
    first_recorded = threading.Event()
    second_done = threading.Event()
    errors: list[BaseException] = []

    def first():
        try:
            start.wait()
            with transaction.atomic():
                record()
                first_recorded.set()
                wait_until(lambda: second_done.is_set() or _someone_waits_on_a_lock(), 10, 0.02)
        except BaseException as error:  # re-raised by the test, in its own thread
            errors.append(error)
        finally:
            first_recorded.set()
            connection.close()

    def second():
        try:
            start.wait()
            first_recorded.wait(scaled(10))
            with transaction.atomic():
                record()
        except BaseException as error:
            errors.append(error)
        finally:
            second_done.set()
            connection.close()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(scaled(30))
    assert not any(thread.is_alive() for thread in threads)
    return errors


def test_an_email_is_recorded_and_sent_once_when_two_transactions_record_its_key_at_once(
    mailoutbox,
):
    person = UserFactory()
    email = render_kind_email(
        kind="invitation",
        context={"title": "Join the Recovery CoP", "message": "You are invited.", "url": "/"},
        zone_name="UTC",
    )

    errors = race(
        lambda: record_email(
            key=f"invitation:1:{person.pk}",
            kind="invitation",
            to_email=person.email,
            email=email,
            recipient=person,
        )
    )

    assert errors == []
    assert OutboxMessage.objects.filter(key=f"invitation:1:{person.pk}").count() == 1
    assert [message.to for message in mailoutbox] == [[person.email]]
    assert OutboxMessage.objects.get().status == OutboxStatus.SENT


def test_a_notification_is_recorded_and_emailed_once_when_two_transactions_notify_at_once(
    mailoutbox,
):
    person = UserFactory()

    errors = race(
        lambda: notify(
            to=person,
            kind="membership",
            key=f"membership:7:{person.pk}",
            context={"title": "Your request was accepted", "message": "Welcome."},
            url="/",
        )
    )

    assert errors == []
    assert Notification.objects.filter(key=f"membership:7:{person.pk}").count() == 1
    assert OutboxMessage.objects.filter(key=f"membership:7:{person.pk}").count() == 1
    assert [message.to for message in mailoutbox] == [[person.email]]


def test_a_bulk_recording_sends_each_email_once_when_two_transactions_record_the_same_keys(
    mailoutbox,
):
    people = UserFactory.create_batch(3)
    email = render_kind_email(
        kind="announcement",
        context={"title": "Meeting moved", "message": "Thursday.", "url": "/"},
        zone_name="UTC",
    )
    outgoing = [
        OutgoingEmail(
            key=f"announcement:3:{person.pk}",
            kind="announcement",
            to_email=person.email,
            email=email,
            recipient_id=person.pk,
        )
        for person in people
    ]

    errors = race(lambda: record_emails(outgoing))

    assert errors == []
    assert OutboxMessage.objects.filter(key__startswith="announcement:3:").count() == 3
    assert sorted(message.to[0] for message in mailoutbox) == sorted(p.email for p in people)
