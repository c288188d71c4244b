"""Pre-assignment: adding or inviting a whole pasted list or CSV of people at once.

Short lists are handled during the request; longer ones by a worker after commit, while the
progress page polls. The work itself is `member_import_job.py`, shared by both paths.
"""

import datetime as dt
import logging
from functools import partial

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from communities.models import Community, ImportMode, ImportStatus, MemberImport, User
from communities.services.member_import_job import run_member_import
from communities.tasks import run_member_import_task

logger = logging.getLogger(__name__)

# Lists up to this size are handled during the request; longer ones by a worker.
INLINE_IMPORT_LIMIT = 50
# A worker saves progress every few seconds; an import quiet this long has lost its task.
STALLED_AFTER = dt.timedelta(minutes=3)
# Enqueued again this many times without finishing, an import is shown as failed instead.
MAX_ATTEMPTS = 3


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
        _enqueue_on_commit(member_import.pk)
    return member_import


def resume_stalled_imports(now: dt.datetime) -> int:
    """Due-finder: enqueue again each queued or running import that has gone quiet (its task
    was lost to a broker down at commit or a killed worker; the job resumes where it saved),
    or, after MAX_ATTEMPTS, show it as failed so its page stops waiting."""
    quiet_since = now - STALLED_AFTER
    with transaction.atomic():
        stalled = list(
            MemberImport.objects.select_for_update(skip_locked=True).filter(
                status__in=(ImportStatus.QUEUED, ImportStatus.RUNNING), touched_at__lte=quiet_since
            )
        )
        for member_import in stalled:
            if member_import.attempts >= MAX_ATTEMPTS:
                member_import.status = ImportStatus.FAILED
                member_import.save(update_fields=["status"])
                logger.warning(
                    "Member import %s failed after %s attempts",
                    member_import.pk,
                    member_import.attempts,
                )
                continue
            member_import.attempts += 1
            member_import.touched_at = now
            member_import.save(update_fields=["attempts", "touched_at"])
            _enqueue_on_commit(member_import.pk)
    return len(stalled)


@transaction.atomic
def retry_member_import(*, member_import: MemberImport) -> MemberImport:
    """A person asked to try a failed import again: it resumes from its saved progress."""
    member_import = MemberImport.objects.select_for_update().get(pk=member_import.pk)
    if member_import.status != ImportStatus.FAILED:
        return member_import  # running again already (a second click)
    member_import.status = ImportStatus.QUEUED
    member_import.attempts = 0
    member_import.touched_at = timezone.now()
    member_import.save(update_fields=["status", "attempts", "touched_at"])
    _enqueue_on_commit(member_import.pk)
    return member_import


def _enqueue_on_commit(import_id: int) -> None:
    # robust: a broker down at commit must not turn the saved import into a 500; the due-finder
    # enqueues it again. retry=False: Celery's publish retries would hold the request for
    # seconds against a down broker.
    transaction.on_commit(
        partial(run_member_import_task.apply_async, (import_id,), retry=False), robust=True
    )
