from functools import partial

from django.conf import settings
from django.db import models, transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from communities.discussions.models import Post, Thread
from cop_platform.uploads import delete_stored, type_label


class Attachment(models.Model):
    """A file on a post: the thread's opening post (`post` empty) or one of its replies.

    The file is kept under a random storage name (cop_platform/uploads.py); `name` is only ever
    shown. The thread is stored for both kinds, so a download is scoped through the thread's CoP
    in one join, as the thread page is."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="attachments")
    post = models.ForeignKey(
        Post, on_delete=models.CASCADE, null=True, blank=True, related_name="attachments"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    storage_name = models.CharField(max_length=255, unique=True, editable=False)
    name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("pk",)
        indexes = (models.Index(fields=("thread", "post"), name="attachment_on_post"),)

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("communities:attachment", args=[self.thread.community.slug, self.pk])

    @property
    def type_label(self) -> str:
        return type_label(self.content_type)

    @property
    def owning_community(self):
        """The CoP this belongs to: what every permission about it asks (communities/rules.py)."""
        return self.thread.community


@receiver(post_delete, sender=Attachment, dispatch_uid="attachment-file-goes-with-its-row")
def _delete_stored_file(sender, instance: Attachment, **kwargs) -> None:
    # Whatever deletes the row (a deleted reply, a thread or CoP deleted in the admin, their
    # cascades), the file goes once that commits, and stays if it rolls back. A signal because
    # cascades delete without calling any service.
    transaction.on_commit(partial(delete_stored, instance.storage_name), robust=True)
