"""What follows a meeting: who came, its notes and minutes, and the action items it produced.

Attendance and the notes of an occurrence are keyed, as RSVPs are, by the start the series gave
the occurrence, so a moved meeting keeps them. Action items belong to the CoP; a meeting or a
goal they name only places them on agendas (the agenda loop reads them live, nothing is copied).
"""

import datetime as dt

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _

from communities.models import Community
from cop_platform.search import SEARCH_CONFIG
from meetings.models.goal import Goal
from meetings.models.meeting import Meeting


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("Present")
    ABSENT = "absent", _("Absent")
    EXCUSED = "excused", _("Excused")


class Attendance(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    occurrence_start = models.DateTimeField()
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="meeting_attendance"
    )
    status = models.CharField(_("attendance"), max_length=8, choices=AttendanceStatus.choices)
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = (
            models.UniqueConstraint(
                fields=("meeting", "occurrence_start", "member"),
                name="one_attendance_per_occurrence",
            ),
        )

    def __str__(self) -> str:
        return f"{self.member} {self.status} {self.meeting}"

    @property
    def owning_community(self) -> Community:
        return self.meeting.community


class OccurrenceRecord(models.Model):
    """The notes and minutes of one occurrence: Markdown as written, and the sanitised HTML
    pages show (rendered once, when saved, as replies are)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="records")
    occurrence_start = models.DateTimeField()
    notes = models.TextField(_("notes"), max_length=20000, blank=True)
    notes_html = models.TextField(blank=True)
    minutes = models.TextField(_("minutes"), max_length=20000, blank=True)
    minutes_html = models.TextField(blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    # Site search finds the minutes (the notes are the facilitators' working text).
    search_vector = models.GeneratedField(
        expression=SearchVector("minutes", weight="B", config=SEARCH_CONFIG),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    class Meta:
        constraints = (
            models.UniqueConstraint(
                fields=("meeting", "occurrence_start"), name="one_record_per_occurrence"
            ),
        )
        indexes = (GinIndex(fields=("search_vector",), name="occurrence_record_search_gin"),)

    def __str__(self) -> str:
        return f"{self.meeting} @ {self.occurrence_start:%Y-%m-%d %H:%M}"

    @property
    def owning_community(self) -> Community:
        return self.meeting.community


class ActionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


OPEN_STATUSES = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)


class ActionItem(models.Model):
    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="action_items")
    title = models.CharField(_("action"), max_length=300)
    # A deleted account leaves its items to the CoP, owned by no one (as its posts stay).
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="action_items",
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    goal = models.ForeignKey(
        Goal, on_delete=models.SET_NULL, null=True, blank=True, related_name="action_items"
    )
    meeting = models.ForeignKey(
        Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="action_items"
    )
    # The occurrence it came from, by its original start; blank for the series as a whole.
    occurrence_start = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("due_date", "pk")
        indexes = (
            models.Index(fields=("community", "status", "due_date"), name="action_item_list"),
            models.Index(fields=("owner", "status", "due_date"), name="action_item_owner"),
        )

    def __str__(self) -> str:
        return self.title

    @property
    def owning_community(self) -> Community:
        return self.community

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def is_overdue_on(self, today: dt.date) -> bool:
        """Open and due before `today`, which the caller takes in the viewer's zone."""
        return self.is_open and self.due_date is not None and self.due_date < today
