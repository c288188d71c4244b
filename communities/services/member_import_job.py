"""The work of a pre-assignment: add or invite each address of a list, saving progress."""

from communities.models import (
    Community,
    ImportMode,
    ImportStatus,
    MemberImport,
    Membership,
    User,
)
from communities.services.invitations import invite

# Progress is saved (and shown on the polling page) every this many addresses.
PROGRESS_EVERY = 25


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
