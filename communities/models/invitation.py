import hashlib

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from communities.models.community import Community


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class Invitation(models.Model):
    """An emailed, single-use, expiring invitation to join a CoP.

    Only a hash of the token is stored: the link in the email is the one copy of the secret."""

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("email"))
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("sent"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ("-created_at",)
        constraints = (
            models.UniqueConstraint(
                fields=("community", "email"),
                condition=Q(accepted_at__isnull=True),
                name="one_open_invitation_per_email",
            ),
        )
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return f"{self.email} → {self.community}"

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def owning_community(self):
        """The CoP this belongs to: what every permission about it asks (communities/rules.py)."""
        return self.community


class ImportMode(models.TextChoices):
    INVITE = "invite", _("Invite everyone: each person accepts from an email")
    ADD = "add", _("Pre-assign: add people who have an account, invite the others")


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    # Its task was lost too many times (member_import.py); a person may try it again.
    FAILED = "failed", _("Failed")


class MemberImport(models.Model):
    """A list of emails being added or invited, with its progress and outcome."""

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="imports")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    mode = models.CharField(max_length=10, choices=ImportMode.choices)
    emails = models.JSONField(default=list)
    status = models.CharField(
        max_length=10, choices=ImportStatus.choices, default=ImportStatus.QUEUED
    )
    processed = models.PositiveIntegerField(default=0)
    # Its last sign of life (enqueued, or progress saved): a queued or running import that stays
    # quiet for minutes lost its task, and the due-finder enqueues it again.
    touched_at = models.DateTimeField(default=timezone.now)
    # How many times the due-finder enqueued it again; past a few it is shown as failed.
    attempts = models.PositiveSmallIntegerField(default=0)
    added = models.JSONField(default=list)
    invited = models.JSONField(default=list)
    # [line, reason] pairs: invalid, duplicate, or already a member
    skipped = models.JSONField(default=list)

    class Meta:
        ordering = ("-created_at",)

    def __str__(self) -> str:
        return f"Import into {self.community} ({self.status})"

    @property
    def total(self) -> int:
        return len(self.emails)

    @property
    def percent(self) -> int:
        return 100 if not self.total else round(100 * self.processed / self.total)

    @property
    def owning_community(self):
        """The CoP this belongs to: what every permission about it asks (communities/rules.py)."""
        return self.community
