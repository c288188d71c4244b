"""The notification engine's tasks. Names stay pinned to where they were first declared
(`communities.tasks.…`), so messages already queued and the beat schedule keep working."""

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from communities.notifications.delivery import deliver_messages
from communities.notifications.retention import purge_sent_bodies
from communities.notifications.schedule import dispatch_due
from cop_platform.celery import PUBLISH_AT_ONCE


@shared_task(name="communities.tasks.send_outbox_messages_task", acks_late=True)
def send_outbox_messages_task(message_ids: list[int]) -> dict[str, int]:
    return deliver_messages(message_ids, requeue=requeue_delivery)


def requeue_delivery(message_ids: list[int], countdown: float) -> None:
    """Hand messages back to the queue in batches (one SMTP connection per batch)."""
    size = settings.OUTBOX_BATCH_SIZE
    for start in range(0, len(message_ids), size):
        batch = message_ids[start : start + size]
        # At once or not at all: with the broker down the sweeper enqueues the messages again,
        # and the request that recorded them must not wait through Celery's publish retries.
        send_outbox_messages_task.apply_async(
            (batch,), countdown=countdown or None, **PUBLISH_AT_ONCE
        )


@shared_task(name="communities.tasks.dispatch_due_task")
def dispatch_due_task() -> dict[str, int]:
    return dispatch_due(timezone.now())


@shared_task(name="communities.tasks.purge_outbox_bodies_task")
def purge_outbox_bodies_task() -> int:
    return purge_sent_bodies(timezone.now())
