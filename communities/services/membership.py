"""Joining, leaving, requests and roles."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from communities.access import forget_access
from communities.models import (
    Community,
    JoinRequest,
    JoinRequestStatus,
    Membership,
    MembershipRole,
    Role,
    ThreadFollow,
    User,
)
from communities.notifications.readers import withdraw_unreadable
from communities.notifications.sender import notify


class LastFacilitatorError(Exception):
    """A CoP always keeps at least one facilitator."""


@transaction.atomic
def join_community(*, actor: User, community: Community) -> Membership:
    membership, _created = Membership.objects.get_or_create(community=community, user=actor)
    forget_access(actor)
    return membership


@transaction.atomic
def request_to_join(*, actor: User, community: Community, message: str = "") -> JoinRequest:
    join_request, created = JoinRequest.objects.get_or_create(
        community=community,
        user=actor,
        status=JoinRequestStatus.PENDING,
        defaults={"message": message},
    )
    if created:
        queue = reverse("communities:join_requests", args=[community.slug])
        for manager in _managers(community):
            notify(
                to=manager,
                kind="membership",
                key=f"join_request:{join_request.pk}:{manager.pk}",
                context={
                    "title": _("%(person)s asks to join %(community)s")
                    % {"person": actor.display_name, "community": community.name},
                    "message": message,
                },
                group=community.name,
                url=queue,
            )
    return join_request


@transaction.atomic
def decide_join_request(*, actor: User, join_request: JoinRequest, approve: bool) -> JoinRequest:
    join_request = JoinRequest.objects.select_for_update().get(pk=join_request.pk)
    if join_request.status != JoinRequestStatus.PENDING:
        return join_request  # decided already (a double click, or another manager)
    join_request.status = JoinRequestStatus.APPROVED if approve else JoinRequestStatus.DECLINED
    join_request.decided_by = actor
    join_request.decided_at = timezone.now()
    join_request.save(update_fields=["status", "decided_by", "decided_at"])
    community = join_request.community
    if approve:
        Membership.objects.get_or_create(community=community, user=join_request.user)
        forget_access(join_request.user)
        title = _("Welcome to %(community)s") % {"community": community.name}
    else:
        title = _("Your request to join %(community)s was declined") % {"community": community.name}
    notify(
        to=join_request.user,
        kind="membership",
        key=f"join_request_decided:{join_request.pk}",
        context={"title": title, "message": ""},
        group=community.name,
        url=community.get_absolute_url(),
    )
    return join_request


@transaction.atomic
def leave_community(*, actor: User, community: Community) -> None:
    _lock_community(community.pk)
    membership = Membership.objects.select_for_update().get(community=community, user=actor)
    _keep_a_facilitator(membership, losing=True)
    membership.delete()
    forget_access(actor)
    _end_reading(person=actor, community=community)


@transaction.atomic
def remove_member(*, actor: User, membership: Membership) -> None:
    _lock_community(membership.community_id)
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    _only_a_facilitator_removes_a_facilitator(actor, membership)
    _keep_a_facilitator(membership, losing=True)
    membership.delete()
    forget_access(membership.user)
    _end_reading(person=membership.user, community=membership.community)


@transaction.atomic
def set_roles(*, actor: User, membership: Membership, roles: set[str]) -> Membership:
    _lock_community(membership.community_id)
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    wanted = {Role(role) for role in roles}
    _keep_a_facilitator(membership, losing=Role.FACILITATOR not in wanted)
    current = set(membership.roles.values_list("role", flat=True))
    membership.roles.filter(role__in=current - wanted).delete()
    MembershipRole.objects.bulk_create(
        [MembershipRole(membership=membership, role=role) for role in wanted - current]
    )
    forget_access(membership.user)
    # A moderator who loses the role stops hearing of reports: the bell, the digest and the
    # outbox let go of what needed it.
    withdraw_unreadable(reader=membership.user, community=membership.community)
    return membership


def _lock_community(community_id: int) -> None:
    """Changes that may take a facilitator away queue on the CoP's row, taken first: two
    facilitators stepping down at once each locked their own row and then waited on the
    other's (a deadlock); in turn, the second sees the first gone and is refused."""
    Community.objects.select_for_update().only("pk").get(pk=community_id)


def _end_reading(*, person: User, community: Community) -> None:
    """Someone who left, or was removed, hears nothing more of the CoP: their follows end and
    what the bell, a digest or the outbox still holds of it for them is withdrawn, in the
    same transaction as the membership."""
    ThreadFollow.objects.filter(user=person, thread__community=community).delete()
    withdraw_unreadable(reader=person, community=community)


def _only_a_facilitator_removes_a_facilitator(actor: User, membership: Membership) -> None:
    # Asked here as well as in the rules, so that no caller lets a manager take a CoP over.
    facilitators = MembershipRole.objects.filter(
        membership__community_id=membership.community_id, role=Role.FACILITATOR
    )
    if facilitators.filter(membership=membership).exists() and not (
        facilitators.filter(membership__user=actor).exists()
    ):
        raise PermissionDenied(_("Only a facilitator may remove a facilitator."))


def _keep_a_facilitator(membership: Membership, *, losing: bool) -> None:
    if not losing or not membership.roles.filter(role=Role.FACILITATOR).exists():
        return
    # Lock the CoP's facilitator roles so two facilitators cannot both step down at once.
    others = (
        MembershipRole.objects.select_for_update()
        .filter(membership__community_id=membership.community_id, role=Role.FACILITATOR)
        .exclude(membership=membership)
    )
    if not others.exists():
        raise LastFacilitatorError(
            _("A community needs a facilitator: name another facilitator first.")
        )


def _managers(community: Community) -> list[User]:
    return list(
        User.objects.filter(
            memberships__community=community,
            memberships__roles__role__in=(Role.FACILITATOR, Role.MEMBERSHIP_MANAGER),
        ).distinct()
    )
