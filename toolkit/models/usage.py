from django.conf import settings
from django.db import models

from toolkit.models.resource import Resource


class ResourceTally(models.Model):
    """How often a resource was opened, downloaded and used in one CoP. Per CoP: a program-wide
    resource's figures in one CoP say nothing about its sibling CoPs, private ones included."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="tallies")
    community = models.ForeignKey(
        "communities.Community", on_delete=models.CASCADE, related_name="+"
    )
    views = models.PositiveIntegerField(default=0)
    downloads = models.PositiveIntegerField(default=0)
    uses = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = (
            models.UniqueConstraint(fields=("resource", "community"), name="one_tally_per_cop"),
        )

    def __str__(self) -> str:
        return f"{self.resource_id} in {self.community_id}"


class ResourceDownload(models.Model):
    """A person downloaded the file on a day: the row that makes a download count once per
    person per day, however many times they click."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="downloads")
    community = models.ForeignKey(
        "communities.Community", on_delete=models.CASCADE, related_name="+"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()

    class Meta:
        constraints = (
            models.UniqueConstraint(
                fields=("resource", "user", "day"), name="one_download_per_day"
            ),
        )

    def __str__(self) -> str:
        return f"{self.user_id} downloaded {self.resource_id} on {self.day}"


class ResourceUse(models.Model):
    """A member says they applied the resource ("used this"): the evidence of applied value."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="uses")
    community = models.ForeignKey(
        "communities.Community", on_delete=models.CASCADE, related_name="+"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = (
            models.UniqueConstraint(fields=("resource", "user"), name="one_use_per_member"),
        )

    def __str__(self) -> str:
        return f"{self.user_id} used {self.resource_id}"


class PromptThread(models.Model):
    """The thread a resource's discussion prompt opened in one CoP's discussions. A program-wide
    resource has one per CoP: each CoP discusses it among its own members."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="threads")
    community = models.ForeignKey(
        "communities.Community", on_delete=models.CASCADE, related_name="+"
    )
    thread = models.OneToOneField(
        "communities.Thread", on_delete=models.CASCADE, related_name="toolkit_prompt"
    )

    class Meta:
        constraints = (
            models.UniqueConstraint(fields=("resource", "community"), name="one_prompt_per_cop"),
        )

    def __str__(self) -> str:
        return f"{self.resource_id} discussed in {self.thread_id}"

    @property
    def owning_community(self):
        """The CoP this belongs to: what every permission about it asks (communities/rules.py)."""
        return self.community
