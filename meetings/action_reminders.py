"""Action-item reminders to the owner: "due tomorrow" on the day before the due date and
"overdue" on the day after it, each at 09:00 in the owner's zone, once.

No rows of their own: the item's due date is the schedule. Each beat looks at the open items
due within a day or two of today, under row locks a concurrent run skips, and tells each owner
whose 09:00 has come under a key naming the item, its due date and which reminder it is, so a
second run tells nobody twice and a changed due date arms both again. Done or dropped items
are never looked at.
"""

import datetime as dt
import zoneinfo

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse

from communities.models import Membership, Notification
from communities.notifications.kinds import DeliveryMode
from communities.notifications.preferences import notification_modes_of
from communities.notifications.sender import notify
from meetings.models import ActionItem
from meetings.models.follow_up import OPEN_STATUSES

KIND = "action_item_due"
REMINDER_HOUR = 9
TOMORROW, OVERDUE = "tomorrow", "overdue"
# Every zone's "today" lies within a day of UTC's.
WINDOW = dt.timedelta(days=2)


def reminder_of(item: ActionItem, now: dt.datetime, zone_name: str) -> str | None:
    """Which reminder is due for `item` now, if any: from 09:00 on the day before its due date
    until that day ends ("tomorrow"), and from 09:00 on the day after it until that day ends
    ("overdue"), on the owner's clock. A worker down longer than that lets one pass."""
    local = now.astimezone(zoneinfo.ZoneInfo(zone_name))
    if local.hour < REMINDER_HOUR:
        return None
    if item.due_date == local.date() + dt.timedelta(days=1):
        return TOMORROW
    if item.due_date == local.date() - dt.timedelta(days=1):
        return OVERDUE
    return None


def reminder_key(item: ActionItem, which: str) -> str:
    return f"{KIND}:{item.pk}:{item.due_date.isoformat()}:{which}:{item.owner_id}"


@transaction.atomic
def send_due_action_reminders(now: dt.datetime) -> int:
    """Tell owners of the items whose reminder has come; returns how many were told."""
    today = now.astimezone(dt.UTC).date()
    items = list(
        ActionItem.objects.select_for_update(skip_locked=True, of=("self",))
        .select_related("owner", "community")
        .filter(
            status__in=OPEN_STATUSES,
            owner__isnull=False,
            due_date__range=(today - WINDOW, today + WINDOW),
        )
        # Only while the owner is a member: a former member is told nothing more.
        .filter(
            Exists(
                Membership.objects.filter(community=OuterRef("community"), user=OuterRef("owner"))
            )
        )
    )
    due = [(item, reminder_of(item, now, item.owner.zone_name)) for item in items]
    due = [(item, which) for item, which in due if which]
    told = set(
        Notification.objects.filter(
            key__in=[reminder_key(item, which) for item, which in due]
        ).values_list("key", flat=True)
    )
    due = [(item, which) for item, which in due if reminder_key(item, which) not in told]
    modes = notification_modes_of(users=[item.owner for item, _which in due], kind=KIND)
    count = 0
    for item, which in due:
        if modes[item.owner_id] == DeliveryMode.OFF:
            continue
        count += _tell_owner(item, which) is not None
    return count


def _tell_owner(item: ActionItem, which: str):
    return notify(
        to=item.owner,
        kind=KIND,
        key=reminder_key(item, which),
        context={"item": item, "which": which, "title": item.title, "message": item.title},
        group=item.community.name,
        url=reverse("meetings:my_actions"),
        about=item,
        capability="action_item.view",
    )
