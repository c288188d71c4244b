"""Writes of the toolkit: sharing and curating resources, counting their use, and the threads
their discussion prompts open. Each service owns its transaction."""

import datetime as dt

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from communities.discussions.models import Post, Thread, ThreadFollow, ThreadKind
from communities.discussions.services import reply, start_thread
from communities.models import Community, Membership, Program, User
from communities.services.people import tags_named
from cop_platform.uploads import CheckedUpload, delete_stored, store_upload
from toolkit.models import (
    FILE_KINDS,
    FeaturedResource,
    PromptThread,
    Resource,
    ResourceDownload,
    ResourceTally,
    ResourceUse,
)

RESOURCE_FIELDS = ("kind", "title", "description", "url", "prompt")


class ToolkitError(Exception):
    """An action the resource's state does not allow (retired, no prompt…)."""


def _keep_file(resource: Resource, upload: CheckedUpload) -> None:
    """Store a checked upload and note it on the resource."""
    resource.file = store_upload(upload, folder="toolkit")
    resource.file_name, resource.file_type, resource.file_size = (
        upload.name,
        upload.content_type,
        upload.size,
    )


def _save(resource: Resource, *, tags: list[str] | None, new_file: bool) -> None:
    """Save the row and its tags; a file stored for it is removed again if that fails, so a
    failed share or edit leaves nothing in storage (as post attachments do)."""
    try:
        resource.save()
        if tags is not None:  # None leaves the tags as they are
            resource.tags.set(tags_named(list(tags)))
    except BaseException:
        if new_file:
            delete_stored(resource.file)
        raise


def _drop_file_on_commit(storage_name: str) -> None:
    # Deleted only once the row no longer names it: a rolled-back edit keeps its file.
    if storage_name:
        transaction.on_commit(lambda: delete_stored(storage_name))


def drop_file_of_deleted(sender, instance: Resource, **kwargs) -> None:
    """post_delete of a resource (its CoP or program deleted, or the admin): its file goes too,
    once the deletion commits."""
    _drop_file_on_commit(instance.file)


@transaction.atomic
def share_resource(
    *,
    actor: User,
    community: Community | None = None,
    program: Program | None = None,
    tags: list[str] = (),
    upload: CheckedUpload | None = None,
    **fields,
) -> Resource:
    """A member shares a resource in their CoP, or a TTA leader adds one to their program."""
    resource = Resource(community=community, program=program, author=actor)
    for name in RESOURCE_FIELDS:
        setattr(resource, name, fields.get(name, ""))
    new_file = upload is not None and resource.kind in FILE_KINDS
    if new_file:
        _keep_file(resource, upload)
    _save(resource, tags=tags, new_file=new_file)
    return resource


@transaction.atomic
def update_resource(
    *,
    actor: User,
    resource: Resource,
    tags: list[str] | None = None,
    upload: CheckedUpload | None = None,
    **fields,
) -> Resource:
    """A knowledge editor (or, for a program's resource, a TTA leader) edits and tags it. A new
    upload replaces the file; a kind that takes no file drops it."""
    old_file = resource.file
    for name in RESOURCE_FIELDS:
        if name in fields:
            setattr(resource, name, fields[name])
    new_file = upload is not None and resource.kind in FILE_KINDS
    if resource.kind not in FILE_KINDS:
        resource.file, resource.file_name, resource.file_type, resource.file_size = "", "", "", 0
    elif new_file:
        _keep_file(resource, upload)
    _save(resource, tags=tags, new_file=new_file)
    if old_file and old_file != resource.file:
        _drop_file_on_commit(old_file)
    return resource


@transaction.atomic
def set_featured(*, actor: User, community: Community, resource: Resource, featured: bool) -> bool:
    """Put the resource in the CoP's featured strip, or take it out. Returns whether anything
    changed (featuring twice keeps one entry)."""
    if not featured:
        deleted, _rows = FeaturedResource.objects.filter(
            community=community, resource=resource
        ).delete()
        return bool(deleted)
    if resource.is_retired:
        raise ToolkitError(_("A retired resource cannot be featured."))
    _feature, created = FeaturedResource.objects.get_or_create(
        community=community, resource=resource, defaults={"featured_by": actor}
    )
    return created


@transaction.atomic
def retire_resource(*, actor: User, resource: Resource) -> None:
    """Out of every list and strip; its page still opens, with a notice."""
    if resource.is_retired:
        return
    resource.retired_at = timezone.now()
    resource.save(update_fields=["retired_at"])
    FeaturedResource.objects.filter(resource=resource).delete()


@transaction.atomic
def restore_resource(*, actor: User, resource: Resource) -> None:
    """Back in the lists (not in any featured strip: editors feature it again if they want)."""
    if resource.is_retired:
        resource.retired_at = None
        resource.save(update_fields=["retired_at"])


def _bump(*, resource: Resource, community: Community, field: str) -> None:
    """Add one to a figure of the resource in the CoP, creating its tally on first use."""
    tallies = ResourceTally.objects.filter(resource=resource, community=community)
    if tallies.update(**{field: F(field) + 1}):
        return
    try:
        with transaction.atomic():
            ResourceTally.objects.create(resource=resource, community=community, **{field: 1})
    except IntegrityError:
        # Another request created the tally between our update and insert.
        tallies.update(**{field: F(field) + 1})


@transaction.atomic
def record_view(*, viewer: User, resource: Resource, community: Community) -> None:
    if viewer.is_authenticated and not community.is_archived:
        _bump(resource=resource, community=community, field="views")


@transaction.atomic
def record_download(
    *, viewer: User, resource: Resource, community: Community, today: dt.date | None = None
) -> bool:
    """Count the download once per person per day. Returns whether it counted."""
    if not viewer.is_authenticated or community.is_archived:
        return False
    day = today or timezone.localdate()
    _row, created = ResourceDownload.objects.get_or_create(
        resource=resource, user=viewer, day=day, defaults={"community": community}
    )
    if created:
        _bump(resource=resource, community=community, field="downloads")
    return created


@transaction.atomic
def mark_used(*, actor: User, resource: Resource, community: Community) -> bool:
    """The member applied it. Once per member; returns whether this was the first time."""
    if resource.is_retired:
        raise ToolkitError(_("This resource is retired."))
    _use, created = ResourceUse.objects.get_or_create(
        resource=resource, user=actor, defaults={"community": community}
    )
    if created:
        _bump(resource=resource, community=community, field="uses")
    return created


@transaction.atomic
def reply_to_prompt(
    *, actor: User, resource: Resource, community: Community, body: str
) -> Thread | Post:
    """The first reply to the prompt in a CoP opens a thread in its discussions (the reply is
    the thread's opening post, under the prompt as title); later replies go to that thread.
    Raises DiscussionError when the thread is locked or archived."""
    if not resource.prompt:
        raise ToolkitError(_("This resource has no discussion prompt."))
    if resource.is_retired:
        raise ToolkitError(_("This resource is retired."))
    # The resource's row lock makes two first replies at once open one thread, not two.
    Resource.objects.select_for_update().filter(pk=resource.pk).first()
    linked = PromptThread.objects.filter(resource=resource, community=community).first()
    if linked is not None:
        return reply(actor=actor, thread=linked.thread, body=body)
    thread = start_thread(
        actor=actor,
        community=community,
        kind=ThreadKind.GENERAL,
        title=_prompt_title(resource),
        body=body,
    )
    PromptThread.objects.create(resource=resource, community=community, thread=thread)
    if resource.author_id and resource.author_id != actor.pk:
        # Whoever shared it hears how it is discussed, where they may read the discussion.
        author_is_member = Membership.objects.filter(
            community=community, user_id=resource.author_id
        ).exists()
        if author_is_member:
            ThreadFollow.objects.get_or_create(thread=thread, user_id=resource.author_id)
    return thread


def _prompt_title(resource: Resource) -> str:
    title = _("%(prompt)s (on “%(resource)s”)") % {
        "prompt": resource.prompt,
        "resource": resource.title,
    }
    max_length = Thread._meta.get_field("title").max_length
    return title if len(title) <= max_length else title[: max_length - 1] + "…"
