"""Pre-assignment: adding or inviting a whole pasted list or CSV of people at once.

Short lists are handled during the request; longer ones by a worker after commit, while the
progress page polls. The work itself is `member_import_job.py`, shared by both paths.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from communities.models import Community, ImportMode, MemberImport, User
from communities.services.member_import_job import run_member_import
from communities.tasks import run_member_import_task

# Lists up to this size are handled during the request; longer ones by a worker.
INLINE_IMPORT_LIMIT = 50


@transaction.atomic
def start_member_import(
    *,
    actor: User,
    community: Community,
    mode: str,
    emails: list[str],
    skipped: list[tuple[str, str]],
) -> MemberImport:
    if mode == ImportMode.ADD and community.program_id is None:
        # Only a program assigns its participants; a stand-alone CoP invites (SPEC §2).
        raise PermissionDenied("Pre-assignment is for CoPs of a program.")
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
        transaction.on_commit(lambda: run_member_import_task.delay(member_import.pk))
    return member_import
