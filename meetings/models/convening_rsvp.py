"""What a convening's invitees answer, and the emails its invitees are sent (one row per event,
fanned out by a worker after commit, as a CoP meeting's `MeetingMail`)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meetings.models.convening import Convening
from meetings.models.rsvp import RsvpResponse


class ConveningRsvp(models.Model):
    """An invitee's yes / no / maybe for one convening (a convening does not repeat)."""

    convening = models.ForeignKey(Convening, on_delete=models.CASCADE, related_name="rsvps")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="convening_rsvps"
    )
    response = models.CharField(_("answer"), max_length=5, choices=RsvpResponse.choices)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = (
            models.UniqueConstraint(fields=("convening", "member"), name="one_rsvp_per_convening"),
        )

    def __str__(self) -> str:
        return f"{self.member} {self.response} {self.convening}"


class ConveningMailEvent(models.TextChoices):
    SCHEDULED = "scheduled", _("Convening scheduled")
    UPDATED = "updated", _("Convening changed")
    CANCELLED = "cancelled", _("Convening cancelled")


class ConveningMail(models.Model):
    """An event whose emails a worker still has to record (communities' fan-out queue names it
    by id); each invitee's key is this row's id and theirs, so a second run sends nothing."""

    convening = models.ForeignKey(Convening, on_delete=models.CASCADE, related_name="mails")
    event = models.CharField(_("event"), max_length=10, choices=ConveningMailEvent.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.event} {self.convening}"
