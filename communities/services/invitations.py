"""Invitations by email, and adding or inviting a whole list of people at once."""

import datetime as dt
import secrets

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from communities.access import forget_access
from communities.models import (
    Community,
    ImportMode,
    ImportStatus,
    Invitation,
    MemberImport,
    Membership,
    User,
    hash_token,
)
from communities.notifications.outbox import record_email
from communities.notifications.rendering import absolute_url, render_kind_email

# Lists up to this size are handled during the request; longer ones by a worker.
INLINE_IMPORT_LIMIT = 50
PROGRESS_EVERY = 25


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
def accept_invitation(*, user: User, invitation: Invitation) -> Membership:
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    check_invitation(invitation=invitation, user=user)
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    membership, _created = Membership.objects.get_or_create(
        community=invitation.community, user=user
    )
    forget_access(user)
    return membership


@transaction.atomic
def start_member_import(
    *,
    actor: User,
    community: Community,
    mode: str,
    emails: list[str],
    skipped: list[tuple[str, str]],
) -> MemberImport:
    member_import = MemberImport.objects.create(
        community=community,
        created_by=actor,
        mode=ImportMode(mode),
        emails=emails,
        skipped=[list(item) for item in skipped],
    )
    if len(emails) <= INLINE_IMPORT_LIMIT:
        run_member_import(member_import.pk)
    else:
        from communities.tasks import run_member_import_task  # noqa: PLC0415

        transaction.on_commit(lambda: run_member_import_task.delay(member_import.pk))
    return member_import


def run_member_import(import_id: int) -> MemberImport:
    """Add or invite each address, saving progress as it goes (the page polls it). Safe to run
    again after a crash: it resumes from the saved progress; members are never added twice, and
    at most the addresses since the last save are invited again (with a fresh link)."""
    member_import = MemberImport.objects.select_related("community", "created_by").get(pk=import_id)
    if member_import.status == ImportStatus.DONE:
        return member_import
    member_import.status = ImportStatus.RUNNING
    member_import.save(update_fields=["status"])
    community = member_import.community
    for position, email in enumerate(member_import.emails[member_import.processed :]):
        _import_one(member_import, community, email)
        member_import.processed += 1
        if position % PROGRESS_EVERY == PROGRESS_EVERY - 1:
            _save_progress(member_import)
    member_import.status = ImportStatus.DONE
    _save_progress(member_import)
    return member_import


def _import_one(member_import: MemberImport, community: Community, email: str) -> None:
    person = User.objects.filter(email__iexact=email).first()
    if person is not None and Membership.objects.filter(community=community, user=person).exists():
        member_import.skipped.append([email, "already a member"])
    elif person is not None and member_import.mode == ImportMode.ADD:
        Membership.objects.get_or_create(community=community, user=person)
        member_import.added.append(email)
    else:
        invite(actor=member_import.created_by, community=community, email=email)
        member_import.invited.append(email)


def _save_progress(member_import: MemberImport) -> None:
    member_import.save(update_fields=["status", "processed", "added", "invited", "skipped"])
