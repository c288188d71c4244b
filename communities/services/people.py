"""Writes about people: profiles, preferences, accounts, in-app notifications."""

from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from communities.access import forget_access
from communities.models import (
    Community,
    Membership,
    MembershipRole,
    Notification,
    NotificationPreference,
    Role,
    Tag,
    User,
)
from communities.notifications.kinds import DeliveryMode, preference_kinds
from communities.notifications.preferences import notification_modes
from communities.notifications.sender import notify
from communities.services.fields import assign_fields
from communities.services.membership import LastFacilitatorError


def tags_named(names: list[str]) -> list[Tag]:
    """The tags with these names, creating the missing ones; a name's slug is its identity."""
    wanted = {}
    for name in names:
        slug = slugify(name)
        if slug and slug not in wanted:
            wanted[slug] = name
    existing = {tag.slug: tag for tag in Tag.objects.filter(slug__in=wanted)}
    missing = [Tag(name=name, slug=slug) for slug, name in wanted.items() if slug not in existing]
    Tag.objects.bulk_create(missing, ignore_conflicts=True)
    if missing:
        existing = {tag.slug: tag for tag in Tag.objects.filter(slug__in=wanted)}
    return [existing[slug] for slug in wanted if slug in existing]


PROFILE_FIELDS = ("name", "handle", "organisation", "job_title", "bio", "timezone")


@transaction.atomic
def update_profile(*, user: User, expertise: list[str], needs: list[str], **fields) -> User:
    assign_fields(user, fields, allowed=PROFILE_FIELDS)
    user.expertise.set(tags_named(expertise))
    user.needs.set(tags_named(needs))
    return user


@transaction.atomic
def update_notification_preferences(*, user: User, modes: dict[str, str]) -> None:
    allowed = {kind.key for kind in preference_kinds()}
    unknown = set(modes) - allowed
    if unknown:
        raise ValueError(f"Not preference kinds: {sorted(unknown)}")
    invalid = {mode for mode in modes.values() if mode not in DeliveryMode.values}
    if invalid:
        raise ValueError(f"Not delivery modes: {sorted(invalid)}")
    NotificationPreference.objects.bulk_create(
        [NotificationPreference(user=user, kind=kind, mode=mode) for kind, mode in modes.items()],
        update_conflicts=True,
        unique_fields=["user", "kind"],
        update_fields=["mode"],
    )


def communities_needing_a_successor(*, user: User) -> QuerySet[Community]:
    """CoPs where `user` is the one facilitator and others are members: someone must take
    over before the account goes. (A CoP of one has nobody to be left without a leader.)"""
    co_facilitator = MembershipRole.objects.filter(
        membership__community=OuterRef("pk"), role=Role.FACILITATOR
    ).exclude(membership__user=user)
    other_member = Membership.objects.filter(community=OuterRef("pk")).exclude(user=user)
    return (
        Community.objects.filter(memberships__user=user, memberships__roles__role=Role.FACILITATOR)
        .exclude(Exists(co_facilitator))
        .filter(Exists(other_member))
        .order_by("name")
    )


@transaction.atomic
def delete_account(*, user: User, successors: dict[int, User] | None = None) -> None:
    """Remove the person, first making `successors[community pk]` facilitator of each CoP they
    alone facilitate (LastFacilitatorError, and nothing changed, if one is missing). What they
    wrote stays: authored rows point to no one, shown as "a former member"."""
    successors = successors or {}
    # Lock the CoPs they facilitate, so a co-facilitator stepping down meanwhile waits for us.
    facilitated = Community.objects.filter(
        memberships__user=user, memberships__roles__role=Role.FACILITATOR
    )
    list(facilitated.select_for_update(of=("self",)).order_by("pk"))
    for community in communities_needing_a_successor(user=user):
        _hand_over(community=community, leaving=user, successor=successors.get(community.pk))
    user.delete()


def _hand_over(*, community: Community, leaving: User, successor: User | None) -> None:
    membership = None
    if successor is not None and successor.pk != leaving.pk:
        membership = Membership.objects.filter(community=community, user=successor).first()
    if membership is None:
        raise LastFacilitatorError(
            _("%(community)s needs a facilitator: name a member to take over, or hand it over.")
            % {"community": community.name}
        )
    MembershipRole.objects.get_or_create(membership=membership, role=Role.FACILITATOR)
    forget_access(successor)
    notify(
        to=successor,
        kind="membership",
        key=f"handover:{community.pk}:{leaving.pk}:{successor.pk}",
        context={
            "title": _("You now facilitate %(community)s") % {"community": community.name},
            "message": _("%(person)s deleted their account and named you to lead the community.")
            % {"person": leaving.display_name},
        },
        group=community.name,
        url=community.get_absolute_url(),
    )


@transaction.atomic
def unsubscribe(*, user: User, kind: str) -> bool:
    """Turn email of `kind` off for `user` (a digest: every kind it gathers). True if that
    changed anything, so a second click can say "already unsubscribed"."""
    modes = notification_modes(user=user)
    if kind.startswith("digest:"):
        period = kind.partition(":")[2]
        targets = [key for key, mode in modes.items() if mode == period]
    else:
        targets = [kind] if modes.get(kind, DeliveryMode.OFF) != DeliveryMode.OFF else []
    if targets:
        update_notification_preferences(user=user, modes=dict.fromkeys(targets, DeliveryMode.OFF))
    return bool(targets)


def mark_notifications_read(*, user: User, notification_ids: list[int] | None = None) -> int:
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification_ids is not None:
        unread = unread.filter(pk__in=notification_ids)
    return unread.update(read_at=timezone.now())
