"""`notify()`: the one way every app tells a person something (STYLE.md, SPEC §7);
`notify_many()`: the same for everyone one event concerns, in bulk (a worker's fan-out)."""

from dataclasses import dataclass

from django.db import transaction

from communities.access import load_access_of_many
from communities.models import Notification, OutboxMessage, User
from communities.notifications.kinds import DeliveryMode, get_kind
from communities.notifications.outbox import (
    Attachment,
    OutgoingEmail,
    record_email,
    record_emails,
)
from communities.notifications.preferences import notification_mode, notification_modes_of
from communities.notifications.rendering import absolute_url, render_kind_email
from communities.notifications.shared_rendering import SharedRenderer
from communities.notifications.unsubscribe import unsubscribe_url, unsubscribe_urls
from communities.ownership import community_of
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
    thread=None,
    post=None,
    attachments: tuple[Attachment, ...] = (),
) -> Notification | OutboxMessage | None:
    """Tell `to` about something, once per `key`, the way they chose for this kind.

    Transactional kinds are emailed at once and carry no unsubscribe link. Every other kind
    becomes an in-app notification, and is emailed at once, held for a digest, or not emailed,
    per the member's preference. Call it inside the write's transaction: mail goes out only if
    that transaction commits.

    `about` is the CoP object the news tells of (a thread, reply, ping or the CoP itself) and
    `capability` what the reader needs for it ("discussion.read"): nothing is recorded for
    someone who may not, and the CoP and capability are kept so that a digest and the worker
    ask again before the words leave (the reader may have left by then).

    `thread` and `post` name the discussion content the news tells of, so that hiding or
    deleting it withdraws the news (communities/discussions/moderation.py).

    `attachments` go with the email only (a digest carries the words, not the files)."""
    if (about is None) != (not capability):
        raise ValueError("notify() needs both `about` and `capability`, or neither")
    if about is not None and not can(to, capability, about):
        return None
    community = community_of(about)
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
            attachments=attachments,
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
            "thread": thread,
            "post": post,
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
            attachments=attachments,
        )
    return notification


# Recipients per transaction in `notify_many`: each chunk is a handful of queries, one insert of
# notifications and one `record_emails` (its delivery enqueued in batches after commit).
NOTIFY_MANY_CHUNK = 300


@dataclass(frozen=True)
class Notice:
    """What one recipient of a fan-out is told: `notify()`'s per-person arguments."""

    to: User
    key: str
    context: dict
    url: str = ""
    # Files for this person's email (their own .ics invitation); not carried by a digest.
    attachments: tuple[Attachment, ...] = ()
    # What this person's news is about, when it differs from reader to reader: `notify_many`'s
    # `about` otherwise. A program's news reaches each reader through a CoP of their own, which
    # the `can()` check, the worker and the digest then ask about.
    about: object = None


def notify_many(
    *,
    kind: str,
    notices: list[Notice],
    group: str = "",
    about=None,
    capability: str = "",
    thread=None,
    post=None,
) -> int:
    """`notify()` for many people about one event, with every rule it applies (the `can()`
    check, preferences, in-app notifications, unsubscribe links, one record per key), in a
    bounded number of queries per chunk of NOTIFY_MANY_CHUNK recipients, each chunk its own
    transaction. Run it in a worker, outside the event's own transaction and row locks.
    Returns how many notifications it recorded now (a second run records none).

    With a `capability` and no `about`, each notice names its own (`Notice.about`)."""
    each_about = about is None and capability and all(n.about is not None for n in notices)
    if (about is None and not each_about) != (not capability):
        raise ValueError("notify_many() needs both `about` and `capability`, or neither")
    if get_kind(kind).transactional:
        raise ValueError(f"{kind!r} is transactional: notify() each person")
    recorded = 0
    # Across chunks: an announcement's readers in one zone share one rendering.
    renderer = SharedRenderer(kind)
    for start in range(0, len(notices), NOTIFY_MANY_CHUNK):
        chunk = notices[start : start + NOTIFY_MANY_CHUNK]
        recorded += _notify_chunk(
            renderer,
            chunk,
            group=group,
            about=about,
            capability=capability,
            content={"thread": thread, "post": post},
        )
    return recorded


@transaction.atomic
def _notify_chunk(
    renderer: SharedRenderer,
    notices: list[Notice],
    *,
    group: str,
    about,
    capability: str,
    content: dict,
) -> int:
    kind = renderer.kind
    if capability:
        load_access_of_many([notice.to for notice in notices])
        notices = [
            notice for notice in notices if can(notice.to, capability, notice.about or about)
        ]
    known = set(
        Notification.objects.filter(key__in=[notice.key for notice in notices]).values_list(
            "key", flat=True
        )
    )
    # As notify(): a key already recorded is neither recorded nor emailed again.
    notices = [notice for notice in notices if notice.key not in known]
    if not notices:
        return 0
    modes = notification_modes_of(users=[notice.to for notice in notices], kind=kind)
    links = unsubscribe_urls(user_ids=[notice.to.pk for notice in notices], kind=kind)
    notifications, emails = [], []
    for notice in notices:
        community = community_of(notice.about or about)
        mode = modes[notice.to.pk]
        link = links[notice.to.pk]
        email = renderer.render(
            context=notice.context,
            url=absolute_url(notice.url),
            reader=notice.to,
            unsubscribe_url=link,
        )
        notifications.append(
            Notification(
                key=notice.key,
                recipient=notice.to,
                kind=kind,
                title=email.subject,
                body=str(notice.context.get("message", "")),
                url=notice.url,
                group=group,
                email_mode=mode,
                community=community,
                capability=capability,
                **content,
            )
        )
        if mode == DeliveryMode.IMMEDIATELY:
            emails.append(
                OutgoingEmail(
                    key=notice.key,
                    kind=kind,
                    to_email=notice.to.email,
                    email=email,
                    recipient_id=notice.to.pk,
                    unsubscribe_url=link,
                    community_id=community.pk if community else None,
                    capability=capability,
                    attachments=notice.attachments,
                )
            )
    # A concurrent run of the same fan-out may insert a key between our look and this insert:
    # its row stands, and record_emails skips the email keys it recorded.
    Notification.objects.bulk_create(notifications, ignore_conflicts=True)
    record_emails(emails)
    return len(notifications)
