"""Staff read the outbox in the admin: tokens in bodies are masked, failed messages retried."""

import re

from django.contrib import admin, messages
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from communities.models import Notification, OutboxMessage
from communities.notifications.outbox import retry_messages

# A URL path segment long and random enough to be a secret (confirmation keys, reset tokens,
# invitation and survey tokens, signed unsubscribe links).
_SECRET_SEGMENT = re.compile(r"(?<=/)[A-Za-z0-9_\-:.=]{16,}(?=/|\b)")


def mask_tokens(text: str) -> str:
    """Show where a token was without showing the token: staff must not be able to use it."""
    return _SECRET_SEGMENT.sub("•••masked•••", text)


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    list_display = ("created_at", "kind", "to_email", "subject", "status", "attempts", "sent_at")
    list_filter = ("status", "kind")
    search_fields = ("key", "to_email", "subject")
    date_hierarchy = "created_at"
    actions = ("retry",)
    fields = (
        "key",
        "kind",
        "recipient",
        "to_email",
        "subject",
        "masked_text",
        "masked_html",
        "attachment_list",
        "message_id",
        "status",
        "attempts",
        "rejections",
        "last_error",
        "due_at",
        "enqueued_at",
        "lease_expires_at",
        "created_at",
        "sent_at",
        "body_purged_at",
    )
    readonly_fields = fields

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description=_("plain-text body"))
    def masked_text(self, message: OutboxMessage) -> str:
        return format_html("<pre>{}</pre>", mask_tokens(message.body_text))

    @admin.display(description=_("HTML body (source)"))
    def masked_html(self, message: OutboxMessage) -> str:
        return format_html("<pre>{}</pre>", mask_tokens(message.body_html))

    @admin.display(description=_("attachments"))
    def attachment_list(self, message: OutboxMessage) -> str:
        # Names, types and sizes only: a file may hold what the body masks.
        files = message.attachments.all()
        return ", ".join(
            f"{item.filename} ({item.content_type}, {len(item.content)} bytes)" for item in files
        )

    @admin.action(description=_("Retry the selected failed or cancelled messages"))
    def retry(self, request, queryset) -> None:
        count = retry_messages(message_ids=list(queryset.values_list("pk", flat=True)))
        self.message_user(
            request,
            ngettext("%d message queued again.", "%d messages queued again.", count) % count,
            messages.SUCCESS,
        )


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("created_at", "recipient", "kind", "title", "email_mode", "read_at")
    list_filter = ("kind", "email_mode")
    search_fields = ("key", "title", "recipient__email")
    raw_id_fields = ("recipient", "digest")
