"""What a CoP's members are told about its meetings by email: one row per event (scheduled,
changed, moved, cancelled, a nudge to answer), fanned out by a worker after commit."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from communities.models import Community
from meetings.models.meeting import Meeting


class MeetingMailEvent(models.TextChoices):
    SCHEDULED = "scheduled", _("Meeting scheduled")
    UPDATED = "updated", _("Series changed")
    MOVED = "moved", _("One meeting moved")
    CANCELLED = "cancelled", _("One meeting cancelled")
    NUDGE = "nudge", _("Those who have not answered reminded")


class MeetingMail(models.Model):
    """An event whose emails a worker still has to record (communities' fan-out queue names
    it by id); each reader's key is this row's id and theirs, so a second run sends nothing.

    A nudge is kept once per occurrence: pressing again finds it and sends nothing more, and
    its time is when the nudge went out."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="mails")
    event = models.CharField(_("event"), max_length=10, choices=MeetingMailEvent.choices)
    # The occurrence moved, cancelled or nudged, by the start the series gave it.
    occurrence_start = models.DateTimeField(null=True, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = (
            models.UniqueConstraint(
                fields=("meeting", "occurrence_start"),
                condition=models.Q(event="nudge"),
                name="one_nudge_per_occurrence",
            ),
        )

    def __str__(self) -> str:
        return f"{self.event} {self.meeting}"

    @property
    def owning_community(self) -> Community:
        return self.meeting.community
