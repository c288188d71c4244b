"""Housekeeping of the outbox: bodies of old sent messages are dropped, their record stays."""

import datetime as dt

from django.conf import settings

from communities.models import OutboxMessage, OutboxStatus


def purge_sent_bodies(now: dt.datetime) -> int:
    """Drop the bodies of messages sent long ago; the record of the message stays."""
    cutoff = now - dt.timedelta(days=settings.OUTBOX_BODY_RETENTION_DAYS)
    return OutboxMessage.objects.filter(
        status=OutboxStatus.SENT, sent_at__lt=cutoff, body_purged_at__isnull=True
    ).update(body_text="", body_html="", body_purged_at=now)
