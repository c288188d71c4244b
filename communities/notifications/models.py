"""The outbox (one row per email, recorded before it is sent) and in-app notifications."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from communities.notifications.kinds import DeliveryMode


class OutboxStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    CANCELLED = "cancelled", _("Cancelled")


class OutboxMessage(models.Model):
    """One logical email. The unique key makes asking twice record one message; the status,
    lease and due time let any worker, or the sweeper after a crash, finish the delivery."""

    key = models.CharField(_("idempotency key"), max_length=255, unique=True)
    kind = models.CharField(_("kind"), max_length=50, db_index=True)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="outbox_messages",
    )
    to_email = models.EmailField(_("to"))
    subject = models.CharField(_("subject"), max_length=255)
    body_text = models.TextField(_("plain-text body"), blank=True)
    body_html = models.TextField(_("HTML body"), blank=True)
    # Derived from the key, so a resend after a crash carries the same Message-ID.
    message_id = models.CharField(_("Message-ID"), max_length=255, unique=True)
    unsubscribe_url = models.URLField(_("unsubscribe URL"), max_length=500, blank=True)
    # What the email tells of a CoP, and what its reader must still be allowed to do there when
    # the worker sends it (they may have left since it was recorded). A capability with no CoP
    # left means the CoP was deleted: the email is not sent.
    community = models.ForeignKey(
        "communities.Community",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    capability = models.CharField(_("capability needed"), max_length=50, blank=True)

    status = models.CharField(
        _("status"), max_length=10, choices=OutboxStatus.choices, default=OutboxStatus.PENDING
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    rejections = models.PositiveIntegerField(
        _("permanent rejections"),
        default=0,
        help_text=_("SMTP 5xx answers. Connection errors and 4xx replies do not count."),
    )
    last_error = models.TextField(_("last error"), blank=True)
    due_at = models.DateTimeField(_("due"), default=timezone.now)
    enqueued_at = models.DateTimeField(_("last enqueued"), null=True, blank=True)
    lease_expires_at = models.DateTimeField(_("lease expires"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    body_purged_at = models.DateTimeField(_("body purged"), null=True, blank=True)

    class Meta:
        ordering = ("-created_at",)
        indexes = (
            models.Index(fields=("status", "due_at"), name="outbox_status_due"),
            models.Index(fields=("status", "lease_expires_at"), name="outbox_status_lease"),
        )
        verbose_name = _("outbox message")
        verbose_name_plural = _("outbox")

    def __str__(self) -> str:
        return f"{self.kind} to {self.to_email} ({self.status})"


class OutboxAttachment(models.Model):
    """A file sent with an outbox message (a meeting's .ics), kept with it so that a resend
    after a crash carries the same bytes, and purged with its body."""

    message = models.ForeignKey(OutboxMessage, on_delete=models.CASCADE, related_name="attachments")
    filename = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=200)
    content = models.BinaryField(_("content"))

    class Meta:
        ordering = ("message", "pk")
        verbose_name = _("outbox attachment")
        verbose_name_plural = _("outbox attachments")

    def __str__(self) -> str:
        return self.filename


class Notification(models.Model):
    """What a member sees under the bell; items waiting for a digest are these rows too."""

    key = models.CharField(_("idempotency key"), max_length=255, unique=True)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("kind"), max_length=50)
    title = models.CharField(_("title"), max_length=255)
    body = models.TextField(_("text"), blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    # The CoP (or other source) a digest groups the item under; empty for site-wide items.
    group = models.CharField(_("group"), max_length=200, blank=True)
    # The CoP whose content this tells of, and what the reader must still be allowed to do
    # there for a digest to carry it (empty for items about no CoP's content).
    community = models.ForeignKey(
        "communities.Community",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    capability = models.CharField(_("capability needed"), max_length=50, blank=True)
    # The discussion content the item tells of, when it tells of a thread or a reply: hiding it
    # or soft-deleting it withdraws the item (communities/discussions/moderation.py), deleting
    # it deletes the item. Named by string: this package imports nothing of discussions.
    thread = models.ForeignKey(
        "communities.Thread", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    post = models.ForeignKey(
        "communities.Post", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    email_mode = models.CharField(_("email delivery"), max_length=20, choices=DeliveryMode.choices)
    digest = models.ForeignKey(
        OutboxMessage,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="digest_items",
        help_text=_("The digest email that carried this item."),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        ordering = ("-created_at", "-pk")
        indexes = (
            models.Index(fields=("recipient", "read_at"), name="notification_unread"),
            models.Index(
                fields=("email_mode",),
                condition=models.Q(digest__isnull=True, email_mode__in=("daily", "weekly")),
                name="notification_digest_pending",
            ),
        )
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")

    def __str__(self) -> str:
        return self.title
