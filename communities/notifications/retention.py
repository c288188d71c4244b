"""Housekeeping of the outbox: bodies of old sent messages are dropped, their record stays."""

import datetime as dt

from django.conf import settings
from django.db import transaction

from communities.models import OutboxAttachment, OutboxMessage, OutboxStatus


@transaction.atomic
def purge_sent_bodies(now: dt.datetime) -> int:
    """Drop the bodies and attached files of messages sent long ago; the record of the message
    stays."""
    cutoff = now - dt.timedelta(days=settings.OUTBOX_BODY_RETENTION_DAYS)
    old = OutboxMessage.objects.filter(
        status=OutboxStatus.SENT, sent_at__lt=cutoff, body_purged_at__isnull=True
    )
    OutboxAttachment.objects.filter(message__in=old).delete()
    return old.update(body_text="", body_html="", body_purged_at=now)
