from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from communities.models import Community
from meetings.models.meeting import Meeting


class RsvpResponse(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    MAYBE = "maybe", _("Maybe")


class Rsvp(models.Model):
    """A member's answer for one occurrence, named by the start the series gave it: a moved
    occurrence keeps its answers."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="rsvps")
    occurrence_start = models.DateTimeField()
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="meeting_rsvps"
    )
    response = models.CharField(_("answer"), max_length=5, choices=RsvpResponse.choices)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = (
            models.UniqueConstraint(
                fields=("meeting", "occurrence_start", "member"), name="one_rsvp_per_occurrence"
            ),
        )

    def __str__(self) -> str:
        return f"{self.member} {self.response} {self.meeting}"

    @property
    def owning_community(self) -> Community:
        return self.meeting.community
