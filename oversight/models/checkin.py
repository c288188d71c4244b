"""Check-ins between a CoP and its TTA provider (SPEC §6, issue 14 step 1).

A CoP in a program has one `CheckInPlan`: its cadence and the date the next check-in is due (a
cadence after the last one recorded, or after the CoP joined the program). The CoP's
facilitators answer a `StatusUpdate` before it; the provider records the `CheckIn`. What goes
out by email lives in `CheckInMail` rows with due times, sent once each by the beat task
(`oversight/schedule.py`).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from communities.models import Community, Program
from meetings.models import ActionItem


class CheckInStatus(models.TextChoices):
    ON_TRACK = "on_track", _("On track")
    NEEDS_SUPPORT = "needs_support", _("Needs support")
    AT_RISK = "at_risk", _("At risk")


class CheckInCadence(models.IntegerChoices):
    """In days, so "a cadence after" is plain date arithmetic with no month-end surprises."""

    WEEKLY = 7, _("Every week")
    BIWEEKLY = 14, _("Every two weeks")
    FOUR_WEEKS = 28, _("Every four weeks")
    EIGHT_WEEKS = 56, _("Every eight weeks")


class CheckInPlan(models.Model):
    community = models.OneToOneField(
        Community, on_delete=models.CASCADE, related_name="checkin_plan"
    )
    # The program the count started in: a CoP moved to another program starts counting again.
    program = models.ForeignKey(
        Program, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    cadence_days = models.PositiveSmallIntegerField(
        _("check-in cadence"), choices=CheckInCadence.choices, default=CheckInCadence.BIWEEKLY
    )
    # When the CoP joined the program, as oversight first saw it there.
    started_on = models.DateField(_("counting since"))
    next_due_on = models.DateField(_("next check-in due"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = (models.Index(fields=("next_due_on",), name="checkin_plan_due"),)
        verbose_name = _("check-in plan")
        verbose_name_plural = _("check-in plans")

    def __str__(self) -> str:
        return f"{self.community}: every {self.cadence_days} days, next {self.next_due_on}"

    @property
    def owning_community(self) -> Community:
        return self.community


class CheckIn(models.Model):
    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="checkins")
    held_on = models.DateField(_("date"))
    status = models.CharField(_("agreed status"), max_length=13, choices=CheckInStatus.choices)
    notes = models.TextField(_("notes"), max_length=5000, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    # Created through meetings' action-item service, so they live in the CoP's action plan.
    follow_ups = models.ManyToManyField(ActionItem, blank=True, related_name="+")

    class Meta:
        ordering = ("-held_on", "-pk")
        indexes = (models.Index(fields=("community", "-held_on"), name="checkin_history"),)
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")

    def __str__(self) -> str:
        return f"{self.community} {self.held_on}: {self.get_status_display()}"

    @property
    def owning_community(self) -> Community:
        return self.community


class StatusUpdate(models.Model):
    """The facilitators' answer to a status request, for the check-in due on `due_on`."""

    community = models.ForeignKey(
        Community, on_delete=models.CASCADE, related_name="status_updates"
    )
    due_on = models.DateField()
    status = models.CharField(
        _("how the CoP is doing"), max_length=13, choices=CheckInStatus.choices
    )
    what_would_help = models.TextField(_("what would help"), max_length=2000, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = (
            models.UniqueConstraint(fields=("community", "due_on"), name="one_status_per_checkin"),
        )
        verbose_name = _("status update")
        verbose_name_plural = _("status updates")

    def __str__(self) -> str:
        return f"{self.community} before {self.due_on}: {self.get_status_display()}"

    @property
    def owning_community(self) -> Community:
        return self.community


class CheckInMailKind(models.TextChoices):
    REQUEST = "request", _("Status request to a facilitator")
    REMINDER = "reminder", _("Reminder to the provider")


class CheckInMailStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    SENT = "sent", _("Sent")
    # Found due when it no longer applied (recorded since, role or program changed, archived).
    SKIPPED = "skipped", _("Skipped")


class CheckInMail(models.Model):
    """One email (and in-app notice) due for one person about one check-in: a row, not a
    window computed at each beat, so a late beat still finds it and a lock makes it go once."""

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="+")
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=8, choices=CheckInMailKind.choices)
    due_on = models.DateField()  # the check-in it is about
    due_at = models.DateTimeField()  # 09:00 on the recipient's clock
    status = models.CharField(
        max_length=8, choices=CheckInMailStatus.choices, default=CheckInMailStatus.PENDING
    )
    handled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("due_at", "pk")
        constraints = (
            models.UniqueConstraint(
                fields=("community", "recipient", "kind", "due_on"), name="one_checkin_mail_each"
            ),
        )
        indexes = (
            models.Index(
                fields=("due_at",), condition=models.Q(status="pending"), name="checkin_mail_due"
            ),
            models.Index(fields=("recipient", "kind", "status"), name="checkin_mail_recipient"),
        )
        verbose_name = _("check-in email")
        verbose_name_plural = _("check-in emails")

    def __str__(self) -> str:
        return f"{self.kind} to {self.recipient} for {self.community} ({self.due_on})"

    @property
    def owning_community(self) -> Community:
        return self.community
