from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from communities.models.community import Community


class Role(models.TextChoices):
    """Community roles beyond plain membership (SPEC §1)."""

    FACILITATOR = "facilitator", _("Facilitator")
    MEMBERSHIP_MANAGER = "membership_manager", _("Membership manager")
    DISCUSSION_MODERATOR = "discussion_moderator", _("Discussion moderator")
    KNOWLEDGE_EDITOR = "knowledge_editor", _("Knowledge editor")
    ARCHIVIST = "archivist", _("Archivist")
    USAGE_ANALYST = "usage_analyst", _("Usage analyst")
    KNOWLEDGE_BROKER = "knowledge_broker", _("Knowledge broker")


class Membership(models.Model):
    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    joined_at = models.DateTimeField(_("joined"), auto_now_add=True)

    class Meta:
        constraints = (
            models.UniqueConstraint(fields=("community", "user"), name="one_membership_each"),
        )
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self) -> str:
        return f"{self.user} in {self.community}"

    @property
    def owning_community(self):
        """The CoP this belongs to: what every permission about it asks (communities/rules.py)."""
        return self.community


class MembershipRole(models.Model):
    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(_("role"), max_length=25, choices=Role.choices)

    class Meta:
        constraints = (
            models.UniqueConstraint(fields=("membership", "role"), name="one_of_each_role"),
        )
        verbose_name = _("community role")
        verbose_name_plural = _("community roles")

    def __str__(self) -> str:
        return self.get_role_display()


class JoinRequestStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for a decision")
    APPROVED = "approved", _("Approved")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class JoinRequest(models.Model):
    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="join_requests")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="join_requests"
    )
    message = models.TextField(_("message to the managers"), max_length=1000, blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=JoinRequestStatus.choices,
        default=JoinRequestStatus.PENDING,
    )
    created_at = models.DateTimeField(_("asked"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ("created_at",)
        constraints = (
            models.UniqueConstraint(
                fields=("community", "user"),
                condition=Q(status="pending"),
                name="one_pending_request_each",
            ),
        )
        verbose_name = _("join request")
        verbose_name_plural = _("join requests")

    def __str__(self) -> str:
        return f"{self.user} → {self.community} ({self.status})"

    @property
    def owning_community(self):
        """The CoP this belongs to: what every permission about it asks (communities/rules.py)."""
        return self.community
