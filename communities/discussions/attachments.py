"""Post attachments: storing a post's files, listing them on the thread page, and taking them
away with a deleted reply. The rules of a file (size, type, name, serving) are shared with the
toolkit in cop_platform/uploads.py."""

from collections.abc import Iterable, Sequence

from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext as _

from communities.discussions.attachment_models import Attachment
from communities.discussions.models import Post, Thread
from communities.discussions.reply_actions import UrlPattern
from communities.models import User
from cop_platform.uploads import CheckedUpload, delete_stored, store_upload

FOLDER = "discussions"


def attach_uploads(
    *, actor: User, thread: Thread, post: Post | None, uploads: Sequence[CheckedUpload]
) -> list[Attachment]:
    """Store each checked file and record it on the post (or the thread's opening post). Called
    inside the post's own transaction; a file stored before a failure is removed again, so a
    refused or failed post leaves nothing in storage."""
    stored: list[str] = []
    try:
        for upload in uploads:
            stored.append(store_upload(upload, folder=FOLDER))
        return Attachment.objects.bulk_create(
            Attachment(
                thread=thread,
                post=post,
                uploaded_by=actor,
                storage_name=storage_name,
                name=upload.name,
                content_type=upload.content_type,
                size=upload.size,
            )
            for upload, storage_name in zip(uploads, stored, strict=True)
        )
    except BaseException:
        for storage_name in stored:
            delete_stored(storage_name)
        raise


class TooManyFilesError(Exception):
    """An edit would leave a post with more files than it may carry."""


def attachments_on(post: Post | Thread):
    """The files of one post: a reply's, or (for a thread) its opening post's."""
    if isinstance(post, Thread):
        return Attachment.objects.filter(thread=post, post__isnull=True)
    return Attachment.objects.filter(thread_id=post.thread_id, post=post)


def change_attachments(
    *, actor: User, post: Post | Thread, add: Sequence[CheckedUpload], remove: Iterable[int]
) -> None:
    """Take the chosen files off an edited post and attach the new ones. Called inside the edit's
    transaction with the post's row locked, so two edits at once cannot pass the limit together;
    the limit is checked again here because the form counted before the lock. Removed files leave
    the store once the edit commits (attachment_models.py), and stay if it rolls back."""
    own = attachments_on(post)
    # Only this post's own files: a forged id of another post's file removes nothing.
    own.filter(pk__in=list(remove)).delete()
    most = settings.UPLOAD_MAX_FILES_PER_POST
    if own.count() + len(add) > most:
        raise TooManyFilesError(too_many_message(most))
    thread, reply = (post, None) if isinstance(post, Thread) else (post.thread, post)
    attach_uploads(actor=actor, thread=thread, post=reply, uploads=add)


def too_many_message(most: int) -> str:
    return _(
        "A post can carry at most %(count)d files. Tick Remove on some to make room, "
        "or attach fewer."
    ) % {"count": most}


def remove_attachments_of(post: Post) -> None:
    """A deleted reply's files go with its words: the rows now, the stored files once that
    commits (attachment_models.py)."""
    Attachment.objects.filter(post=post).delete()


def add_attachments(posts: Iterable[Post], *, thread: Thread) -> None:
    """Sets `attachment_list` on `thread` (its opening post's files) and on each of `posts`
    (replies of one page), from one query, each file with its download `url`."""
    posts = list(posts)
    url = UrlPattern("communities:attachment", thread.community.slug)
    by_post: dict[int | None, list[Attachment]] = {}
    shown = Attachment.objects.filter(thread=thread).filter(
        Q(post__isnull=True) | Q(post__in=[post.pk for post in posts])
    )
    for attachment in shown.only("pk", "post_id", "name", "content_type", "size"):
        attachment.url = url(attachment.pk)
        by_post.setdefault(attachment.post_id, []).append(attachment)
    thread.attachment_list = by_post.get(None, [])
    for post in posts:
        post.attachment_list = by_post.get(post.pk, [])


def downloadable_attachments():
    """Attachments with what a download asks of them: the thread, its CoP and the reply."""
    return Attachment.objects.select_related("thread__community", "post")
