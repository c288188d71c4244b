"""Invitations by email: single-use, expiring, hashed tokens. Lists of addresses go through
`member_import.py`."""

import datetime as dt
import secrets

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from communities.access import forget_access
from communities.models import (
    Community,
    Invitation,
    Membership,
    User,
    hash_token,
)
from communities.notifications.outbox import record_email
from communities.notifications.rendering import absolute_url, render_kind_email


class InvitationError(Exception):
    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason  # "used", "expired", "archived" or "wrong_person"


@transaction.atomic
def invite(*, actor: User | None, community: Community, email: str) -> Invitation:
    """Email a fresh single-use link; inviting the same address again replaces its old link."""
    email = email.strip().lower()
    token = secrets.token_urlsafe(32)
    expires_at = timezone.now() + dt.timedelta(days=settings.INVITATION_DAYS)
    invitation, _created = Invitation.objects.update_or_create(
        community=community,
        email=email,
        accepted_at=None,
        defaults={
            "token_hash": hash_token(token),
            "invited_by": actor,
            "created_at": timezone.now(),
            "expires_at": expires_at,
        },
    )
    recipient = User.objects.filter(email__iexact=email).first()
    context = {
        "community": community,
        "inviter": actor,
        "accept_url": absolute_url(reverse("communities:invitation", args=[token])),
        "expires_at": expires_at,
        "has_account": recipient is not None,
    }
    zone = recipient.zone_name if recipient else settings.TIME_ZONE
    record_email(
        key=f"invitation:{invitation.pk}:{invitation.token_hash[:16]}",
        kind="invitation",
        to_email=email,
        email=render_kind_email(kind="invitation", context=context, zone_name=zone),
        recipient=recipient,
    )
    return invitation


def invitation_for_token(token: str) -> Invitation | None:
    return (
        Invitation.objects.select_related("community", "invited_by")
        .filter(token_hash=hash_token(token))
        .first()
    )


def check_invitation(*, invitation: Invitation, user: User | None = None) -> None:
    if invitation.accepted_at is not None:
        raise InvitationError("used")
    if invitation.is_expired:
        raise InvitationError("expired")
    if invitation.community.is_archived:
        raise InvitationError("archived")
    if user is not None and not user_owns_email(user, invitation.email):
        raise InvitationError("wrong_person")


def user_owns_email(user: User, email: str) -> bool:
    return (
        user.email.lower() == email.lower()
        or user.emailaddress_set.filter(email__iexact=email, verified=True).exists()
    )


@transaction.atomic
def accept_invitation(
    *, user: User, invitation: Invitation, signed_up_from_link: bool = False
) -> Membership:
    """Join the invitation's CoP. A logged-in person must own the invited address; someone who
    followed the emailed link and signed up from it in the same session (`signed_up_from_link`)
    has shown the link, the invitation's one proof, whatever address they chose for the new
    account (that address is verified as usual)."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    check_invitation(invitation=invitation, user=None if signed_up_from_link else user)
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    membership, _created = Membership.objects.get_or_create(
        community=invitation.community, user=user
    )
    forget_access(user)
    return membership
