"""`notify()`: the one way every app tells a person something (STYLE.md, SPEC §7)."""

from django.db import transaction

from communities.models import Community, Notification, OutboxMessage, User
from communities.notifications.kinds import DeliveryMode, get_kind
from communities.notifications.outbox import record_email
from communities.notifications.preferences import notification_mode
from communities.notifications.rendering import absolute_url, render_kind_email
from communities.notifications.unsubscribe import unsubscribe_url
from cop_platform.permissions import can


@transaction.atomic
def notify(
    *,
    to: User,
    kind: str,
    key: str,
    context: dict,
    group: str = "",
    url: str = "",
    about=None,
    capability: str = "",
) -> Notification | OutboxMessage | None:
    """Tell `to` about something, once per `key`, the way they chose for this kind.

    Transactional kinds are emailed at once and carry no unsubscribe link. Every other kind
    becomes an in-app notification, and is emailed at once, held for a digest, or not emailed,
    per the member's preference. Call it inside the write's transaction: mail goes out only if
    that transaction commits.

    `about` is the CoP object the news tells of (a thread, reply, ping or the CoP itself) and
    `capability` what the reader needs for it ("discussion.read"): nothing is recorded for
    someone who may not, and the CoP and capability are kept so that a digest and the worker
    ask again before the words leave (the reader may have left by then)."""
    if (about is None) != (not capability):
        raise ValueError("notify() needs both `about` and `capability`, or neither")
    if about is not None and not can(to, capability, about):
        return None
    community = _community_of(about)
    notification_kind = get_kind(kind)
    context = {**context, "recipient": to, "url": absolute_url(url)}
    if notification_kind.transactional:
        email = render_kind_email(kind=kind, context=context, zone_name=to.zone_name)
        message, _created = record_email(
            key=key,
            kind=kind,
            to_email=to.email,
            email=email,
            recipient=to,
            community=community,
            capability=capability,
        )
        return message

    mode = notification_mode(user=to, kind=kind)
    link = unsubscribe_url(user_id=to.pk, kind=kind)
    email = render_kind_email(
        kind=kind, context={**context, "unsubscribe_url": link}, zone_name=to.zone_name
    )
    notification, created = Notification.objects.get_or_create(
        key=key,
        defaults={
            "recipient": to,
            "kind": kind,
            "title": email.subject,
            "body": str(context.get("message", "")),
            "url": url,
            "group": group,
            "email_mode": mode,
            "community": community,
            "capability": capability,
        },
    )
    if created and mode == DeliveryMode.IMMEDIATELY:
        record_email(
            key=key,
            kind=kind,
            to_email=to.email,
            email=email,
            recipient=to,
            unsubscribe_url=link,
            community=community,
            capability=capability,
        )
    return notification


def _community_of(about) -> Community | None:
    # Every CoP-owned model names its CoP through `owning_community` (README, permissions).
    if about is None or isinstance(about, Community):
        return about
    return about.owning_community
