"""The work of a pre-assignment: add or invite each address of a list, saving progress."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from communities.access import forget_access
from communities.models import (
    Community,
    ImportMode,
    ImportStatus,
    MemberImport,
    Membership,
    User,
)
from communities.notifications.rendering import absolute_url
from communities.notifications.sender import notify
from communities.services.invitations import invite

# Progress is saved (and shown on the polling page) every this many addresses.
PROGRESS_EVERY = 25
# The reason kept for an address that is a member already; the result page only counts these.
ALREADY_A_MEMBER = "already a member"


@dataclass(frozen=True)
class ImportOutcome:
    """What the result page may tell: counts, and the lines that were no usable address. Which
    address had an account is never among them (SPEC §2)."""

    added: int
    invited: int
    already_members: int
    bad_lines: list[tuple[str, str]]

    @property
    def skipped(self) -> int:
        return self.already_members + len(self.bad_lines)


def import_outcome(member_import: MemberImport) -> ImportOutcome:
    bad_lines = [
        (line, reason) for line, reason in member_import.skipped if reason != ALREADY_A_MEMBER
    ]
    return ImportOutcome(
        added=len(member_import.added),
        invited=len(member_import.invited),
        already_members=len(member_import.skipped) - len(bad_lines),
        bad_lines=bad_lines,
    )


def run_member_import(import_id: int) -> MemberImport:
    """Add or invite each address, saving progress as it goes (the page polls it). Safe to run
    again after a crash: it resumes from the saved progress; members are never added twice, and
    at most the addresses since the last save are invited again (with a fresh link)."""
    member_import = MemberImport.objects.select_related("community__program", "created_by").get(
        pk=import_id
    )
    if member_import.status in (ImportStatus.DONE, ImportStatus.FAILED):
        return member_import  # a late copy of a task: finished, or given up until retried
    member_import.status = ImportStatus.RUNNING
    member_import.touched_at = timezone.now()
    member_import.save(update_fields=["status", "touched_at"])
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
        member_import.skipped.append([email, ALREADY_A_MEMBER])
    # A CoP taken out of its program since the list was sent invites instead (SPEC §2).
    elif person is not None and member_import.mode == ImportMode.ADD and community.program_id:
        _add_and_tell(community=community, person=person)
        member_import.added.append(email)
    else:
        invite(actor=member_import.created_by, community=community, email=email)
        member_import.invited.append(email)


def _add_and_tell(*, community: Community, person: User) -> None:
    """Nobody asked them: they hear of it at once, with a one-click way out (GET asks, POST
    leaves)."""
    membership, created = Membership.objects.get_or_create(community=community, user=person)
    forget_access(person)
    if not created:
        return
    leave_path = reverse("communities:leave_confirm", args=[community.slug])
    notify(
        to=person,
        kind="membership",
        key=f"preassigned:{membership.pk}",
        context={
            "title": _("You were added to %(community)s") % {"community": community.name},
            "message": _(
                "%(program)s added you to this community. Open this notice to visit it, or to "
                "leave it if it is not for you."
            )
            % {"program": community.program.name},
            "leave_url": absolute_url(leave_path),
            "community_name": community.name,
        },
        group=community.name,
        url=leave_path,
    )


def _save_progress(member_import: MemberImport) -> None:
    # touched_at tells the due-finder this import is alive (member_import.py).
    member_import.touched_at = timezone.now()
    member_import.save(
        update_fields=["status", "processed", "added", "invited", "skipped", "touched_at"]
    )
