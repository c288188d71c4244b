"""Asking again, before words of a CoP leave: may the reader still read what an item tells?

`notify()` asks `can()` when it records; a person may leave, or be removed, between that moment
and the digest or the send. The digest, the worker and the leave itself ask here, with the CoP
and capability the item kept.
"""

from collections.abc import Iterable

from django.db import transaction

from communities.models import Community, Notification, OutboxMessage, OutboxStatus, User
from cop_platform.permissions import can

NO_LONGER_READABLE = "cancelled: the recipient may no longer read this CoP"


def may_still_read(*, reader: User | None, community: Community | None, capability: str) -> bool:
    if not capability:
        return True  # about no CoP's content: an account email, a membership decision
    if reader is None or community is None:
        return False  # the person or the CoP was deleted since
    return can(reader, capability, community)


def share_readers(items: Iterable) -> None:
    """Give items of the same recipient one user object, so `can()` loads each person's
    memberships once (access_of caches them on the object), not once per item."""
    people: dict[int, User] = {}
    for item in items:
        if item.recipient_id is not None:
            item.recipient = people.setdefault(item.recipient_id, item.recipient)


@transaction.atomic
def withdraw_unreadable(*, reader: User, community: Community) -> int:
    """After `reader` lost access to `community`: delete what the bell and their digest hold
    of it and cancel the emails not sent yet, for each capability they no longer have there.
    Returns how many items were withdrawn. Call it after the membership change (and after
    `forget_access`), inside the same transaction."""
    held = Notification.objects.filter(recipient=reader, community=community)
    unsent = OutboxMessage.objects.filter(
        recipient=reader, community=community, status=OutboxStatus.PENDING
    )
    capabilities = {
        *held.order_by().values_list("capability", flat=True).distinct(),
        *unsent.order_by().values_list("capability", flat=True).distinct(),
    }
    lost = [
        capability
        for capability in capabilities
        if not may_still_read(reader=reader, community=community, capability=capability)
    ]
    if not lost:
        return 0
    deleted, _by_model = held.filter(capability__in=lost).delete()
    cancelled = unsent.filter(capability__in=lost).update(
        status=OutboxStatus.CANCELLED, last_error=NO_LONGER_READABLE
    )
    return deleted + cancelled
