"""Daily and weekly digests: one email with every held item, at 07:00 in the member's zone."""

import datetime as dt
import itertools
import zoneinfo

from django.conf import settings
from django.db import transaction

from communities.models import Notification, User
from communities.notifications.kinds import DeliveryMode
from communities.notifications.outbox import record_email
from communities.notifications.readers import may_still_read
from communities.notifications.rendering import render_kind_email
from communities.notifications.unsubscribe import unsubscribe_url

DIGEST_MODES = (DeliveryMode.DAILY, DeliveryMode.WEEKLY)


def digest_period_start(mode: str, local_now: dt.datetime) -> dt.date | None:
    """The date naming the digest due by `local_now`, or None before the first send time."""
    today_at_send_time = local_now.replace(
        hour=settings.DIGEST_HOUR, minute=0, second=0, microsecond=0
    )
    if mode == DeliveryMode.DAILY:
        return local_now.date() if local_now >= today_at_send_time else None
    monday = local_now.date() - dt.timedelta(days=local_now.weekday())
    monday_at_send_time = today_at_send_time - dt.timedelta(days=local_now.weekday())
    return monday if local_now >= monday_at_send_time else None


def send_due_digests(now: dt.datetime) -> int:
    """Record the digests that are due; running it twice in the same minute records nothing
    new, because each digest's key names its member, period and date."""
    waiting = (
        Notification.objects.filter(digest__isnull=True, email_mode__in=DIGEST_MODES)
        # Without the default ordering, DISTINCT gives one row per person and mode, not one
        # per item (each of which ran a digest transaction of its own).
        .order_by()
        .values_list("recipient_id", "email_mode")
        .distinct()
    )
    recorded = 0
    people = User.objects.in_bulk({user_id for user_id, _mode in waiting})
    for user_id, mode in waiting:
        person = people[user_id]
        local_now = now.astimezone(zoneinfo.ZoneInfo(person.zone_name))
        period_start = digest_period_start(mode, local_now)
        if period_start is not None and _record_digest(person, mode, period_start):
            recorded += 1
    return recorded


def _drop_unreadable(person: User, items: list[Notification]) -> list[Notification]:
    """The items `person` may still read. Those of a CoP they left since are deleted: the
    leave withdrew its items already, unless a fan-out recorded one at that very moment."""
    readable, unreadable = [], []
    for item in items:
        # One user object for every item: can() loads the person's memberships once.
        allowed = may_still_read(
            reader=person, community=item.community, capability=item.capability
        )
        (readable if allowed else unreadable).append(item)
    if unreadable:
        Notification.objects.filter(pk__in=[item.pk for item in unreadable]).delete()
    return readable


@transaction.atomic
def _record_digest(person: User, mode: str, period_start: dt.date) -> bool:
    key = f"digest:{mode}:{person.pk}:{period_start.isoformat()}"
    items = list(
        Notification.objects.select_related("community")
        .select_for_update(skip_locked=True, of=("self",))
        .filter(recipient=person, email_mode=mode, digest__isnull=True)
        .order_by("group", "created_at", "pk")
    )
    items = _drop_unreadable(person, items)
    if not items:
        return False
    kind = f"digest:{mode}"
    link = unsubscribe_url(user_id=person.pk, kind=kind)
    groups = [
        (group, list(group_items))
        for group, group_items in itertools.groupby(items, key=lambda item: item.group)
    ]
    email = render_kind_email(
        kind="digest",
        context={
            "recipient": person,
            "mode": mode,
            "period_start": period_start,
            "groups": groups,
            "item_count": len(items),
            "unsubscribe_url": link,
        },
        zone_name=person.zone_name,
    )
    message, created = record_email(
        key=key,
        kind="digest",
        to_email=person.email,
        email=email,
        recipient=person,
        unsubscribe_url=link,
    )
    if not created:
        # Today's (this week's) digest went out already: these items wait for the next one.
        return False
    Notification.objects.filter(pk__in=[item.pk for item in items]).update(digest=message)
    return True
