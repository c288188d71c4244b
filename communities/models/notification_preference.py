from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from communities.notifications.kinds import DeliveryMode


class NotificationPreference(models.Model):
    """A member's chosen delivery mode for one kind; no row means the kind's default."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    # Not a choices field: the registry of kinds lives in code and may grow without a migration.
    kind = models.CharField(_("kind"), max_length=50)
    mode = models.CharField(_("delivery"), max_length=20, choices=DeliveryMode.choices)

    class Meta:
        constraints = (
            models.UniqueConstraint(fields=["user", "kind"], name="one_preference_per_kind"),
        )
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")

    def __str__(self) -> str:
        return f"{self.user_id}: {self.kind} → {self.mode}"
