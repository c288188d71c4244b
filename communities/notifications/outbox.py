"""The outbox: record an email inside the caller's transaction, deliver it after commit.

Exactly once, except one window: SMTP accepted a message and the worker died before marking it
sent. The lease then runs out, the sweeper hands it to another worker, and the resend carries the
same Message-ID, which mail clients fold into one. Nothing is ever lost: a message leaves the
outbox only as sent, failed (a permanent 5xx, several times) or cancelled.

Delivery itself, in the worker, is `delivery.py`.
"""

import datetime as dt
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from communities.models import Community, OutboxAttachment, OutboxMessage, OutboxStatus, User
from communities.notifications.rendering import RenderedEmail, message_id_for
from communities.notifications.tasks import requeue_delivery

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Attachment:
    """A file an email carries (a meeting's .ics): stored with the message, sent with it."""

    filename: str
    content_type: str
    content: bytes


def _store_attachments(pairs: list[tuple[OutboxMessage, Sequence[Attachment]]]) -> None:
    OutboxAttachment.objects.bulk_create(
        OutboxAttachment(
            message=message,
            filename=item.filename,
            content_type=item.content_type,
            content=item.content,
        )
        for message, items in pairs
        for item in items
    )


def record_email(
    *,
    key: str,
    kind: str,
    to_email: str,
    email: RenderedEmail,
    recipient: User | None = None,
    unsubscribe_url: str = "",
    community: Community | None = None,
    capability: str = "",
    attachments: Sequence[Attachment] = (),
) -> tuple[OutboxMessage, bool]:
    """Record one email under `key`; asking again with the same key records nothing new.

    Delivery is enqueued only when the caller's transaction commits: a rolled-back write
    leaves no message and sends nothing."""
    message, created = OutboxMessage.objects.get_or_create(
        key=key,
        defaults={
            "kind": kind,
            "recipient": recipient,
            "to_email": to_email,
            "subject": email.subject,
            "body_text": email.text,
            "body_html": email.html,
            "message_id": message_id_for(key),
            "unsubscribe_url": unsubscribe_url,
            "community": community,
            "capability": capability,
            "enqueued_at": timezone.now(),
        },
    )
    if created:
        _store_attachments([(message, attachments)])
        enqueue_on_commit([message.pk])
    return message, created


@dataclass(frozen=True)
class OutgoingEmail:
    key: str
    kind: str
    to_email: str
    email: RenderedEmail
    recipient_id: int | None = None
    unsubscribe_url: str = ""
    # What the reader must still be allowed to do in which CoP when the worker sends it.
    community_id: int | None = None
    capability: str = ""
    attachments: tuple[Attachment, ...] = ()


RECORD_ATTEMPTS = 3


def record_emails(outgoing: list[OutgoingEmail]) -> list[OutboxMessage]:
    """Record many emails at once (an announcement to every member); keys already recorded
    are skipped. Returns the messages recorded now."""
    attempts_left = RECORD_ATTEMPTS
    while True:
        try:
            return _record_new(outgoing)
        except IntegrityError:
            # Another transaction recorded some of these keys between our look and our insert
            # (a fan-out run twice at once). It has committed now, so looking again skips them.
            attempts_left -= 1
            if not attempts_left:
                raise


def _record_new(outgoing: list[OutgoingEmail]) -> list[OutboxMessage]:
    keys = [item.key for item in outgoing]
    existing = set(
        OutboxMessage.objects.filter(key__in=keys).values_list("key", flat=True).iterator()
    )
    now = timezone.now()
    fresh = {}
    files = {item.key: item.attachments for item in outgoing if item.attachments}
    for item in outgoing:
        if item.key in existing or item.key in fresh:
            continue
        fresh[item.key] = OutboxMessage(
            key=item.key,
            kind=item.kind,
            recipient_id=item.recipient_id,
            to_email=item.to_email,
            subject=item.email.subject,
            body_text=item.email.text,
            body_html=item.email.html,
            message_id=message_id_for(item.key),
            unsubscribe_url=item.unsubscribe_url,
            community_id=item.community_id,
            capability=item.capability,
            created_at=now,
            due_at=now,
            enqueued_at=now,
        )
    with transaction.atomic():
        created = OutboxMessage.objects.bulk_create(fresh.values(), batch_size=1000)
        _store_attachments(
            [(message, files[message.key]) for message in created if message.key in files]
        )
        enqueue_on_commit([message.pk for message in created])
    return created


def enqueue_on_commit(message_ids: list[int]) -> None:
    # robust: a broker that is down must not turn the caller's request into an error; the
    # sweeper enqueues the message again later.
    transaction.on_commit(partial(enqueue_delivery, message_ids), robust=True)


def enqueue_delivery(message_ids: list[int]) -> None:
    requeue_delivery(message_ids, 0)


# --- The sweeper and staff retries -----------------------------------------------------------


def sweep_outbox(now: dt.datetime) -> int:
    """Enqueue again what a lost task, a restarted broker or a killed worker left behind.

    Pending messages that are due and were enqueued long enough ago, and sending messages whose
    lease ran out. A duplicate enqueue is harmless: claiming skips what another worker holds."""
    stale = now - dt.timedelta(seconds=settings.OUTBOX_REQUEUE_AFTER_SECONDS)
    with transaction.atomic():
        ids = list(
            OutboxMessage.objects.select_for_update(skip_locked=True)
            .filter(
                Q(status=OutboxStatus.PENDING, due_at__lte=now)
                & (Q(enqueued_at__isnull=True) | Q(enqueued_at__lte=stale))
                | Q(status=OutboxStatus.SENDING, lease_expires_at__lt=now)
            )
            .order_by("due_at")
            .values_list("pk", flat=True)[:5000]
        )
        OutboxMessage.objects.filter(pk__in=ids).update(enqueued_at=now)
        enqueue_on_commit(ids)
    if ids:
        logger.info("Sweeper re-enqueued %d outbox messages", len(ids))
    return len(ids)


@transaction.atomic
def retry_messages(*, message_ids: list[int]) -> int:
    """Staff asked to try failed or cancelled messages again, now."""
    now = timezone.now()
    count = OutboxMessage.objects.filter(
        pk__in=message_ids, status__in=(OutboxStatus.FAILED, OutboxStatus.CANCELLED)
    ).update(status=OutboxStatus.PENDING, due_at=now, enqueued_at=now, rejections=0, last_error="")
    enqueue_on_commit(list(message_ids))
    return count
