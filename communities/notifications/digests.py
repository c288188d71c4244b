"""Daily and weekly digests: one email with every held item, at 07:00 in the member's zone."""

import datetime as dt
import itertools
import zoneinfo
from typing import NamedTuple

from django.conf import settings
from django.db import transaction
from django.db.models import Min

from communities.models import Notification, OutboxMessage, OutboxStatus, User
from communities.notifications.kinds import DeliveryMode
from communities.notifications.outbox import record_email
from communities.notifications.readers import may_still_read
from communities.notifications.rendering import render_kind_email
from communities.notifications.unsubscribe import unsubscribe_url

DIGEST_MODES = (DeliveryMode.DAILY, DeliveryMode.WEEKLY)
EVERY_ITEM_WITHDRAWN = "cancelled: every item it carried was withdrawn"


def last_send_time(mode: str, now: dt.datetime, zone_name: str) -> dt.datetime:
    """The latest send time at or before `now`: 07:00 in `zone_name` (weekly: on a Monday).

    It is built from the local date and hour, not by adding hours to an instant, so a DST
    change moves it in UTC and keeps it at 07:00 on the member's clock."""
    zone = zoneinfo.ZoneInfo(zone_name)
    day = now.astimezone(zone).date()
    step = dt.timedelta(days=1)
    if mode == DeliveryMode.WEEKLY:
        day -= dt.timedelta(days=day.weekday())
        step = dt.timedelta(weeks=1)
    send_time = _at_send_hour(day, zone)
    if send_time > now:
        send_time = _at_send_hour(day - step, zone)
    return send_time


def _at_send_hour(day: dt.date, zone: zoneinfo.ZoneInfo) -> dt.datetime:
    # In UTC: datetimes sharing one tzinfo compare by wall clock, which an hour that occurs
    # twice (the night clocks go back) would get wrong.
    local = dt.datetime.combine(day, dt.time(settings.DIGEST_HOUR), tzinfo=zone)
    return local.astimezone(dt.UTC)


def digest_key(mode: str, user_id: int, send_time: dt.datetime, zone_name: str) -> str:
    """One digest per member, mode and send date (the local date of its send time)."""
    send_date = send_time.astimezone(zoneinfo.ZoneInfo(zone_name)).date()
    return f"digest:{mode}:{user_id}:{send_date.isoformat()}"


class DueDigest(NamedTuple):
    person: User
    mode: str
    send_time: dt.datetime
    key: str


def send_due_digests(now: dt.datetime) -> int:
    """Record the digests whose send time has come, each with the items that arrived before
    it; items that arrive later wait for the next one, however late the sweep runs. Running
    it twice in the same minute records nothing new, because each digest's key names its
    member, period and send date."""
    return sum(1 for digest in _unrecorded(_due_digests(now)) if _record_digest(digest))


def _due_digests(now: dt.datetime) -> list[DueDigest]:
    """The digests whose send time has passed with items waiting from before it. One query
    for everyone waiting: most of them, at any moment, wait for a later send time."""
    waiting = (
        Notification.objects.filter(digest__isnull=True, email_mode__in=DIGEST_MODES)
        # Without the default ordering the grouping gives one row per person and mode, not
        # one per item (each of which ran a digest transaction of its own).
        .order_by()
        .values_list("recipient_id", "email_mode")
        .annotate(oldest=Min("created_at"))
    )
    people = User.objects.in_bulk({user_id for user_id, _mode, _oldest in waiting})
    due = []
    for user_id, mode, oldest in waiting:
        person = people[user_id]
        send_time = last_send_time(mode, now, person.zone_name)
        if oldest < send_time:
            key = digest_key(mode, person.pk, send_time, person.zone_name)
            due.append(DueDigest(person, mode, send_time, key))
    return due


def _unrecorded(due: list[DueDigest]) -> list[DueDigest]:
    """Leave out digests recorded already. Their late items (committed just after the digest
    was recorded) wait for the next one; without this, each sweep until then would render
    the digest again only to find its key taken."""
    recorded = set(
        OutboxMessage.objects.filter(key__in=[digest.key for digest in due]).values_list(
            "key", flat=True
        )
    )
    return [digest for digest in due if digest.key not in recorded]


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
def _record_digest(digest: DueDigest) -> bool:
    person, mode, send_time, key = digest
    items = list(
        Notification.objects.select_related("community")
        .select_for_update(skip_locked=True, of=("self",))
        .filter(recipient=person, email_mode=mode, digest__isnull=True, created_at__lt=send_time)
        .order_by("group", "created_at", "pk")
    )
    items = _drop_unreadable(person, items)
    if not items:
        return False
    link = unsubscribe_url(user_id=person.pk, kind=f"digest:{mode}")
    email = _render_digest(person=person, mode=mode, items=items, link=link)
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


def _render_digest(*, person: User, mode: str, items: list[Notification], link: str):
    groups = [
        (group, list(group_items))
        for group, group_items in itertools.groupby(items, key=lambda item: item.group)
    ]
    return render_kind_email(
        kind="digest",
        context={
            "recipient": person,
            "mode": mode,
            "groups": groups,
            "item_count": len(items),
            "unsubscribe_url": link,
        },
        zone_name=person.zone_name,
    )


def rerender_unsent_digest(message_id: int) -> None:
    """Some items of a recorded digest were withdrawn (the content they tell of was hidden or
    deleted): if it is still waiting in the outbox, write it again from the items it has left,
    or cancel it when none is left. Once a worker has taken it, it is too late: sent email
    cannot be recalled. Call it inside the withdrawing transaction."""
    message = (
        # Only the message's row is locked; its reader comes along for the rendering.
        OutboxMessage.objects.select_for_update(of=("self",))
        .select_related("recipient")
        .filter(pk=message_id, kind="digest", status=OutboxStatus.PENDING)
        .first()
    )
    if message is None or message.recipient is None:
        return
    items = list(
        Notification.objects.select_related("community")
        .filter(digest=message)
        .order_by("group", "created_at", "pk")
    )
    if not items:
        message.status, message.last_error = OutboxStatus.CANCELLED, EVERY_ITEM_WITHDRAWN
        message.save(update_fields=["status", "last_error"])
        return
    mode = message.key.split(":")[1]  # digest:<mode>:<user id>:<date> (digest_key)
    email = _render_digest(
        person=message.recipient, mode=mode, items=items, link=message.unsubscribe_url
    )
    message.subject, message.body_text, message.body_html = email.subject, email.text, email.html
    message.save(update_fields=["subject", "body_text", "body_html"])
