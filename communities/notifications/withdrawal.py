"""Taking back what notifications told, when what they told of is gone (hidden or deleted).

The bell forgets the items, a digest not yet recorded will not carry them, a digest recorded but
not yet sent is written again without them, and immediate emails still waiting are cancelled.
An email a worker has already taken, or sent, cannot be recalled: that is the limit of email.
"""

from django.db import transaction
from django.db.models import QuerySet

from communities.models import Notification, OutboxMessage, OutboxStatus
from communities.notifications.digests import rerender_unsent_digest

WITHDRAWN = "cancelled: what it told of was hidden or deleted"


@transaction.atomic
def withdraw_notifications(items: QuerySet[Notification]) -> int:
    """Delete these items everywhere they still wait. Returns how many were withdrawn."""
    rows = list(items.order_by().values_list("pk", "key", "digest_id"))
    if not rows:
        return 0
    # An immediate email shares its notification's key (sender.notify).
    OutboxMessage.objects.filter(
        key__in=[key for _pk, key, _digest in rows], status=OutboxStatus.PENDING
    ).update(status=OutboxStatus.CANCELLED, last_error=WITHDRAWN)
    Notification.objects.filter(pk__in=[pk for pk, _key, _digest in rows]).delete()
    for digest_id in sorted({digest for _pk, _key, digest in rows if digest is not None}):
        rerender_unsent_digest(digest_id)
    return len(rows)
