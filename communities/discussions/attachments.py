"""Post attachments: storing a post's files, listing them on the thread page, and taking them
away with a deleted reply. The rules of a file (size, type, name, serving) are shared with the
toolkit in cop_platform/uploads.py."""

from collections.abc import Iterable, Sequence

from django.db.models import Q

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
