"""Demo attachments: a few small text files on demo posts, stored as an upload would be (checked
by the shared rules, under a random name), once: a re-run finds them and adds nothing."""

from django.core.files.uploadedfile import SimpleUploadedFile

from communities.discussions.attachments import attach_uploads
from communities.models import Attachment, Post, Thread, User
from cop_platform.uploads import check_upload


def seed_attachments(
    *, thread: Thread, post: Post | None, author: User, files: list[tuple[str, str]]
) -> None:
    """`files` are (name, text) pairs for the thread's opening post (`post` None) or a reply."""
    if not files or Attachment.objects.filter(thread=thread, post=post).exists():
        return
    uploads = [
        check_upload(SimpleUploadedFile(name, text.encode(), content_type="text/plain"))
        for name, text in files
    ]
    attach_uploads(actor=author, thread=thread, post=post, uploads=uploads)
