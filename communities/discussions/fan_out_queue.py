"""Handing fan-outs to a worker: recorded in the write's transaction, published after commit,
published again by a due-finder when the broker was down or lost the task."""

import datetime as dt
import logging
from functools import partial

from django.conf import settings
from django.db import transaction
from kombu.exceptions import OperationalError

from communities.discussions.models import FanOut
from communities.discussions.tasks import fan_out_task
from cop_platform.celery import PUBLISH_AT_ONCE

logger = logging.getLogger(__name__)


def schedule_fan_out(*, event: str, object_id: int) -> FanOut:
    """Record, inside the caller's transaction, that the event's readers are still to be told,
    and hand it to a worker once the transaction commits (a rolled-back write tells nobody)."""
    fan_out = FanOut.objects.create(event=event, object_id=object_id)
    transaction.on_commit(partial(publish_fan_out, event, object_id))
    return fan_out


def publish_fan_out(event: str, object_id: int) -> None:
    try:
        fan_out_task.apply_async((event, object_id), **PUBLISH_AT_ONCE)
    except OperationalError:
        # The write has committed and the request must still answer: the fan-out stays
        # undone in the database and `resume_fan_outs` publishes it again.
        logger.warning("Broker unreachable: fan-out %s %s left to the due-finder", event, object_id)


def resume_fan_outs(now: dt.datetime) -> int:
    """The due-finder: publish again the fan-outs still undone a while after their last publish
    (a broker down at commit, a lost task, a killed worker). Running twice is harmless."""
    stale = now - dt.timedelta(seconds=settings.OUTBOX_REQUEUE_AFTER_SECONDS)
    with transaction.atomic():
        due = list(
            FanOut.objects.select_for_update(skip_locked=True)
            .filter(done_at__isnull=True, enqueued_at__lte=stale)
            .order_by("enqueued_at")
            .values_list("pk", "event", "object_id")[:500]
        )
        FanOut.objects.filter(pk__in=[pk for pk, _event, _object in due]).update(enqueued_at=now)
        for _pk, event, object_id in due:
            transaction.on_commit(partial(publish_fan_out, event, object_id))
    if due:
        logger.info("Re-enqueued %d fan-outs", len(due))
    return len(due)
