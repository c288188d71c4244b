"""A meeting reminder that is due: one row per occurrence and offset (a day, an hour before).

Rows, not a window computed at each beat: a due row is found by one indexed query whatever the
number of series, a late beat still finds it, a worker locks it so a second beat skips it, and
what a move, a cancel or an edit did to it is written down where a test (and staff) can see it.
`meetings/reminders.py` keeps the rows in step with the series; the beat task sends them.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from communities.models import Community
from meetings.models.meeting import Meeting


class ReminderOffset(models.TextChoices):
    DAY = "day", _("A day before")
    HOUR = "hour", _("An hour before")


class ReminderStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    SENT = "sent", _("Sent")
    # Its due time came after the occurrence had started (the worker was down): never sent.
    MISSED = "missed", _("Missed")


class Reminder(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="reminders")
    # The start the series gave the occurrence (its key, as RSVPs use), and where it is now.
    occurrence_start = models.DateTimeField()
    offset = models.CharField(max_length=4, choices=ReminderOffset.choices)
    starts_at = models.DateTimeField()
    due_at = models.DateTimeField()
    status = models.CharField(
        max_length=8, choices=ReminderStatus.choices, default=ReminderStatus.PENDING
    )
    handled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("due_at", "pk")
        constraints = (
            models.UniqueConstraint(
                fields=("meeting", "occurrence_start", "offset"), name="one_reminder_per_offset"
            ),
        )
        indexes = (
            models.Index(
                fields=("due_at",),
                condition=models.Q(status="pending"),
                name="reminder_pending_due",
            ),
        )

    def __str__(self) -> str:
        return f"{self.meeting} @ {self.starts_at:%Y-%m-%d %H:%M} ({self.offset})"

    @property
    def owning_community(self) -> Community:
        return self.meeting.community
