"""A meeting series of a CoP, its agenda, and the changes made to single occurrences."""

import datetime as dt
import zoneinfo

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from communities.models import Community
from communities.models.user import validate_timezone
from cop_platform.search import SEARCH_CONFIG


class MeetingFormat(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    VIRTUAL = "virtual", _("Virtual")
    CALL = "call", _("Conference call")
    HYBRID = "hybrid", _("Hybrid")


class Recurrence(models.TextChoices):
    NONE = "none", _("Does not repeat")
    WEEKLY = "weekly", _("Every week")
    BIWEEKLY = "biweekly", _("Every two weeks")
    MONTHLY_DATE = "monthly_date", _("Every month on the same date")
    MONTHLY_WEEKDAY = "monthly_weekday", _("Every month on the same weekday (e.g. 2nd Tuesday)")


class Meeting(models.Model):
    """A meeting, or a series of them.

    The start is kept as local wall time plus an IANA zone name, not as a UTC instant: a weekly
    09:00 America/Chicago meeting must stay at 09:00 in Chicago when daylight saving changes,
    which a fixed UTC instant repeated every 7 days would not. Occurrences are expanded to UTC
    one by one (`meetings/recurrence.py`)."""

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="meetings")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=5000, blank=True)
    start_date = models.DateField(_("date"))
    start_time = models.TimeField(_("start time"))
    duration = models.DurationField(_("duration"))
    time_zone = models.CharField(_("time zone"), max_length=64, validators=[validate_timezone])
    format = models.CharField(_("format"), max_length=12, choices=MeetingFormat.choices)
    place = models.CharField(_("place or dial-in"), max_length=300, blank=True)
    join_url = models.URLField(_("join link"), max_length=500, blank=True)
    recurrence = models.CharField(
        _("repeats"), max_length=16, choices=Recurrence.choices, default=Recurrence.NONE
    )
    repeat_until = models.DateField(_("repeat until"), null=True, blank=True)
    repeat_count = models.PositiveSmallIntegerField(_("number of meetings"), null=True, blank=True)
    # iCalendar SEQUENCE: grows with every change to the series or one of its occurrences, so
    # calendar apps replace what they hold instead of ignoring the update.
    sequence = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Site search (meetings/search.py): computed and stored by PostgreSQL, title above description.
    search_vector = models.GeneratedField(
        expression=SearchVector("title", weight="A", config=SEARCH_CONFIG)
        + SearchVector("description", weight="B", config=SEARCH_CONFIG),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    class Meta:
        ordering = ("start_date", "start_time", "pk")
        indexes = (GinIndex(fields=("search_vector",), name="meeting_search_gin"),)
        constraints = (
            models.CheckConstraint(
                condition=models.Q(repeat_until__isnull=True) | models.Q(repeat_count__isnull=True),
                name="meeting_ends_by_date_or_count",
            ),
        )

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("meetings:detail", args=[self.community.slug, self.pk])

    @property
    def owning_community(self) -> Community:
        return self.community

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def first_start(self) -> dt.datetime:
        """The first occurrence's start, aware, in the series' own zone."""
        return dt.datetime.combine(self.start_date, self.start_time, tzinfo=self.zone)

    @property
    def first_end(self) -> dt.datetime:
        return self.first_start + self.duration

    @property
    def end_time(self) -> dt.time:
        """The local end time, naive: templates would move an aware one into the viewer's zone."""
        return self.first_end.time()

    @property
    def is_recurring(self) -> bool:
        return self.recurrence != Recurrence.NONE


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    position = models.PositiveSmallIntegerField()
    title = models.CharField(_("agenda item"), max_length=300)
    # An agenda item may name a goal of the CoP; its open action items are reviewed there.
    goal = models.ForeignKey(
        "meetings.Goal", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    search_vector = models.GeneratedField(
        expression=SearchVector("title", weight="B", config=SEARCH_CONFIG),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    class Meta:
        ordering = ("meeting", "position")
        indexes = (GinIndex(fields=("search_vector",), name="agenda_item_search_gin"),)
        constraints = (
            models.UniqueConstraint(fields=("meeting", "position"), name="agenda_item_position"),
        )

    def __str__(self) -> str:
        return self.title

    @property
    def owning_community(self) -> Community:
        return self.meeting.community


class OccurrenceChange(models.Model):
    """One occurrence cancelled or moved, keyed by the start the series gave it (as iCalendar's
    RECURRENCE-ID is), so a later move of the same occurrence replaces the earlier one."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="changes")
    original_start = models.DateTimeField()
    cancelled = models.BooleanField(default=False)
    new_start = models.DateTimeField(null=True, blank=True)
    new_end = models.DateTimeField(null=True, blank=True)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = (
            models.UniqueConstraint(
                fields=("meeting", "original_start"), name="one_change_per_occurrence"
            ),
            models.CheckConstraint(
                condition=models.Q(cancelled=True)
                | models.Q(new_start__isnull=False, new_end__gt=models.F("new_start")),
                name="occurrence_change_cancels_or_moves",
            ),
        )

    def __str__(self) -> str:
        return f"{self.meeting} @ {self.original_start:%Y-%m-%d %H:%M}"

    @property
    def owning_community(self) -> Community:
        return self.meeting.community
