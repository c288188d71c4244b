"""Delivery to a real SMTP server on 127.0.0.1, in this process (the worker tests start one)."""

import datetime as dt

import pytest
from django.utils import timezone

from communities.models import OutboxMessage, OutboxStatus
from communities.notifications.delivery import deliver_messages
from communities.notifications.outbox import record_email, sweep_outbox
from communities.notifications.rendering import RenderedEmail, message_id_for
from communities.notifications.retention import purge_sent_bodies
from communities.notifications.schedule import dispatch_due
from communities.notifications.tasks import requeue_delivery
from tests.factories import CommunityFactory, MembershipFactory
from tests.smtp import free_port

pytestmark = pytest.mark.django_db

TEXT = "Plain words.\nA second line — with a dash.\n" + "A long line of text. " * 60
HTML = "<p>Plain words.</p>\n<p>A second line — with a dash.</p>\n" + "<b>Long</b> " * 200
EMAIL = RenderedEmail(subject="Hello — again", text=TEXT, html=HTML)


@pytest.fixture
def smtp(settings, smtp_server):
    settings.MAILERS = smtp_server.mailers_setting()
    return smtp_server


def record(key="k1", to="member@example.org") -> OutboxMessage:
    message, _created = record_email(key=key, kind="announcement", to_email=to, email=EMAIL)
    return message


def test_delivery_reaches_the_smtp_server_with_the_keys_message_id(smtp):
    message = record()

    assert deliver_messages([message.pk], requeue=requeue_delivery) == {
        "sent": 1,
        "retry": 0,
        "failed": 0,
    }

    assert smtp.handler.message_ids() == [message_id_for("k1")]
    (received,) = smtp.handler.messages()
    assert received["Subject"] == "Hello — again"
    assert received.get_body(("plain",)).get_content().replace("\r\n", "\n") == TEXT
    assert received.get_body(("html",)).get_content().replace("\r\n", "\n") == HTML
    message.refresh_from_db()
    assert (message.status, message.attempts) == (OutboxStatus.SENT, 1)
    # Delivering it again (a duplicate task) sends nothing more.
    deliver_messages([message.pk], requeue=requeue_delivery)
    assert len(smtp.handler.message_ids()) == 1


def test_a_down_server_delays_and_never_counts_as_failure(settings):
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": free_port(), "timeout": 2},
        }
    }
    message = record()

    for _attempt in range(5):
        OutboxMessage.objects.filter(pk=message.pk).update(due_at=timezone.now())
        assert deliver_messages([message.pk], requeue=requeue_delivery)["retry"] == 1

    message.refresh_from_db()
    assert message.status == OutboxStatus.PENDING
    assert (message.attempts, message.rejections) == (5, 0)
    assert message.due_at > timezone.now()
    assert "ConnectionRefusedError" in message.last_error


def test_a_temporary_4xx_retries_without_counting(smtp):
    smtp.handler.replies["busy@example.org"] = "451 4.7.1 Try again later"
    message = record(to="busy@example.org")

    assert deliver_messages([message.pk], requeue=requeue_delivery)["retry"] == 1

    message.refresh_from_db()
    assert (message.status, message.rejections) == (OutboxStatus.PENDING, 0)


def test_a_permanent_5xx_fails_only_after_repeated_rejections(smtp, settings):
    settings.OUTBOX_MAX_REJECTIONS = 3
    smtp.handler.replies["gone@example.org"] = "550 5.1.1 No such user"
    message = record(to="gone@example.org")
    other = record(key="k2")

    outcomes = []
    for _attempt in range(3):
        OutboxMessage.objects.filter(pk=message.pk).update(due_at=timezone.now())
        outcomes.append(deliver_messages([message.pk, other.pk], requeue=requeue_delivery))

    message.refresh_from_db()
    assert message.status == OutboxStatus.FAILED
    assert message.rejections == 3
    assert "550" in message.last_error
    assert [o["failed"] for o in outcomes] == [0, 0, 1]
    # The rejection of one recipient does not hold back the others in the batch.
    assert smtp.handler.message_ids() == [message_id_for("k2")]


def test_the_sweeper_resends_what_a_dead_worker_left_sending(
    smtp, django_capture_on_commit_callbacks
):
    message = record()
    past = timezone.now() - dt.timedelta(minutes=10)
    # A worker claimed it, then died: its lease ran out long ago.
    OutboxMessage.objects.filter(pk=message.pk).update(
        status=OutboxStatus.SENDING, lease_expires_at=past, attempts=1
    )

    with django_capture_on_commit_callbacks(execute=True):
        assert dispatch_due(timezone.now())["outbox-sweeper"] == 1

    message.refresh_from_db()
    assert (message.status, message.attempts) == (OutboxStatus.SENT, 2)
    assert smtp.handler.message_ids() == [message_id_for("k1")]


def test_the_sweeper_leaves_fresh_and_leased_messages_alone(smtp):
    fresh = record(key="fresh")
    leased = record(key="leased")
    OutboxMessage.objects.filter(pk=leased.pk).update(
        status=OutboxStatus.SENDING, lease_expires_at=timezone.now() + dt.timedelta(minutes=5)
    )

    assert sweep_outbox(timezone.now()) == 0
    assert fresh.pk and smtp.handler.message_ids() == []


def test_the_sweeper_enqueues_a_pending_message_whose_task_was_lost(
    smtp, django_capture_on_commit_callbacks
):
    message = record()
    OutboxMessage.objects.filter(pk=message.pk).update(
        enqueued_at=timezone.now() - dt.timedelta(minutes=10)
    )

    with django_capture_on_commit_callbacks(execute=True):
        sweep_outbox(timezone.now())

    message.refresh_from_db()
    assert message.status == OutboxStatus.SENT


def test_bodies_of_old_sent_messages_are_purged_but_the_record_stays():
    old = record(key="old")
    recent = record(key="recent")
    now = timezone.now()
    OutboxMessage.objects.filter(pk=old.pk).update(
        status=OutboxStatus.SENT, sent_at=now - dt.timedelta(days=31)
    )
    OutboxMessage.objects.filter(pk=recent.pk).update(
        status=OutboxStatus.SENT, sent_at=now - dt.timedelta(days=29)
    )

    assert purge_sent_bodies(now) == 1

    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.body_text, old.body_html, old.subject) == ("", "", "Hello — again")
    assert recent.body_text == TEXT


def test_a_rejected_recipient_leaves_the_rest_of_its_batch_sent(smtp):
    smtp.handler.replies["gone@example.org"] = "550 5.1.1 No such user"
    before = record(key="before")
    rejected = record(key="rejected", to="gone@example.org")
    after = record(key="after")

    counts = deliver_messages([before.pk, rejected.pk, after.pk], requeue=requeue_delivery)

    assert counts == {"sent": 2, "retry": 1, "failed": 0}
    statuses = dict(OutboxMessage.objects.values_list("key", "status"))
    assert statuses == {
        "before": OutboxStatus.SENT,
        "rejected": OutboxStatus.PENDING,
        "after": OutboxStatus.SENT,
    }
    rejected.refresh_from_db()
    assert rejected.rejections == 1
    assert "550" in rejected.last_error
    assert smtp.handler.message_ids() == [message_id_for("before"), message_id_for("after")]


@pytest.mark.parametrize("rows", [1, 20])
def test_delivery_queries_stay_flat_when_the_batch_grows(rows, smtp, django_assert_max_num_queries):
    # Each reader is asked again whether they may still read the CoP, and each message is
    # marked sent: neither may cost a query per message.
    community = CommunityFactory()
    messages = []
    for number in range(rows):
        reader = MembershipFactory(community=community).user
        message, _created = record_email(
            key=f"k{number}",
            kind="announcement",
            to_email=reader.email,
            email=EMAIL,
            recipient=reader,
            community=community,
            capability="discussion.read",
        )
        messages.append(message)

    # Claim (select, the batch's attachments, update, in a savepoint here), both queries of the
    # readers' access, one mark.
    with django_assert_max_num_queries(8):
        counts = deliver_messages([m.pk for m in messages], requeue=requeue_delivery)

    assert counts["sent"] == rows
    assert OutboxMessage.objects.filter(status=OutboxStatus.SENT).count() == rows
