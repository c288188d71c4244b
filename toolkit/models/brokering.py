from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class SharedItem(models.Model):
    """A knowledge broker shared a resource or a thread of one CoP (the source) into another CoP
    of the same program (the target). The target's readers see what the broker chose — the
    item's title and summary, "shared from" the source — and nothing else of the source."""

    community = models.ForeignKey(
        "communities.Community", on_delete=models.CASCADE, related_name="shared_in"
    )
    source = models.ForeignKey(
        "communities.Community", on_delete=models.CASCADE, related_name="shared_out"
    )
    resource = models.ForeignKey(
        "toolkit.Resource", on_delete=models.CASCADE, null=True, blank=True, related_name="shares"
    )
    thread = models.ForeignKey(
        "communities.Thread", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    note = models.CharField(_("why it helps"), max_length=500, blank=True)
    broker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    shared_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-shared_at", "-pk")
        constraints = (
            models.CheckConstraint(
                condition=Q(resource__isnull=True) ^ Q(thread__isnull=True),
                name="shared_item_one_thing",
            ),
            models.UniqueConstraint(
                fields=("community", "resource"),
                condition=Q(resource__isnull=False),
                name="share_resource_once",
            ),
            models.UniqueConstraint(
                fields=("community", "thread"),
                condition=Q(thread__isnull=False),
                name="share_thread_once",
            ),
            models.CheckConstraint(
                condition=~Q(community=models.F("source")), name="share_into_another_cop"
            ),
        )

    def __str__(self) -> str:
        return f"{self.resource_id or self.thread_id} shared into {self.community_id}"

    @property
    def owning_community(self):
        """The target CoP: the share is part of its toolkit."""
        return self.community

    @property
    def item(self):
        return self.resource if self.resource_id else self.thread
