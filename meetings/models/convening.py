"""A program's convening: a meeting of the facilitators of every CoP in a TTA program, called by
the program's TTA leaders.

A model of its own rather than a nullable `Meeting.community`: every part of a CoP meeting (RSVP,
attendance, minutes, action items, reminders, mail, the permission rules through
`owning_community`) reads `meeting.community`, and a convening has none of those yet. Keeping it
apart means no CoP-meeting path has to learn that its community may be missing."""

import datetime as dt
import zoneinfo

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from communities.models import Program
from communities.models.user import validate_timezone
from meetings.models.meeting import MeetingFormat


class Convening(models.Model):
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="convenings")
    title = models.CharField(_("title"), max_length=200)
    agenda = models.TextField(_("agenda"), max_length=5000, blank=True)
    start_date = models.DateField(_("date"))
    start_time = models.TimeField(_("start time"))
    duration = models.DurationField(_("duration"))
    time_zone = models.CharField(_("time zone"), max_length=64, validators=[validate_timezone])
    format = models.CharField(_("format"), max_length=12, choices=MeetingFormat.choices)
    place = models.CharField(_("place or dial-in"), max_length=300, blank=True)
    join_url = models.URLField(_("join link"), max_length=500, blank=True)
    sequence = models.PositiveIntegerField(default=0)
    # Kept, not deleted, when cancelled: the invitees' emails and feeds carry a CANCEL for it.
    cancelled_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("start_date", "start_time", "pk")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("meetings:convening", args=[self.program.slug, self.pk])

    @property
    def cancelled(self) -> bool:
        return self.cancelled_at is not None

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def starts_at(self) -> dt.datetime:
        return dt.datetime.combine(self.start_date, self.start_time, tzinfo=self.zone)

    @property
    def ends_at(self) -> dt.datetime:
        return self.starts_at + self.duration
