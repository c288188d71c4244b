"""A CoP's figures and health flag as last computed (SPEC §6, issue 14 step 3).

Counting a program's posts, active members and attendance live would cost far more than a
dashboard may take at 500 CoPs, so a worker computes them in bulk (`oversight/figures.py`)
every few minutes, and after a check-in changes the picture; pages read these rows and say
"as of" when. One row a CoP; `WeeklyActivity` holds the weeks the charts draw.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from communities.models import Community


class HealthFlag(models.TextChoices):
    # Stored values sort from worst to best, so ordering by flag puts the CoPs at risk first.
    AT_RISK = "1_at_risk", _("At risk")
    WATCH = "2_watch", _("Watch")
    HEALTHY = "3_healthy", _("Healthy")


class CommunityHealth(models.Model):
    community = models.OneToOneField(
        Community, on_delete=models.CASCADE, primary_key=True, related_name="health"
    )
    computed_at = models.DateTimeField()
    members = models.PositiveIntegerField(default=0)
    # Posted, replied, reacted, RSVPed, attended, or answered a ping or a named survey in the
    # last 30 days (anonymous survey answers never count: SPEC §6).
    active_members = models.PositiveIntegerField(default=0)
    posts = models.PositiveIntegerField(default=0)  # threads and replies, last 30 days
    meetings_held = models.PositiveIntegerField(default=0)  # occurrences, last 90 days
    present = models.PositiveIntegerField(default=0)  # attendance marks, last 90 days
    absent = models.PositiveIntegerField(default=0)
    # present / (present + absent); empty when no attendance was taken.
    attendance_rate = models.FloatField(null=True, blank=True)
    open_action_items = models.PositiveIntegerField(default=0)
    overdue_action_items = models.PositiveIntegerField(default=0)
    # Questions nobody has replied to for 14 days.
    unanswered_questions = models.PositiveIntegerField(default=0)
    last_checkin_on = models.DateField(null=True, blank=True)
    last_checkin_status = models.CharField(max_length=13, blank=True)
    next_checkin_due_on = models.DateField(null=True, blank=True)
    checkin_cadence_days = models.PositiveSmallIntegerField(null=True, blank=True)
    # The Likert mean of the last closed evaluation; empty when there is none, or when it was
    # anonymous with too few answers to show (the threshold protects it here too).
    evaluation_score = models.FloatField(null=True, blank=True)
    # The latest member activity, or when the CoP was created if nothing happened since.
    last_activity_at = models.DateTimeField(null=True, blank=True)
    flag = models.CharField(max_length=10, choices=HealthFlag.choices)
    # The codes of the rules that matched (`oversight/health.py` words them on the page).
    reasons = models.JSONField(default=list)

    class Meta:
        indexes = (models.Index(fields=("flag",), name="community_health_flag"),)
        verbose_name = _("CoP health")
        verbose_name_plural = _("CoP health")

    def __str__(self) -> str:
        return f"{self.community_id}: {self.flag}"

    @property
    def owning_community(self) -> Community:
        return self.community


class WeeklyActivity(models.Model):
    """One CoP's week (starting Monday) for the activity charts: posts and attendance."""

    community = models.ForeignKey(
        Community, on_delete=models.CASCADE, related_name="weekly_activity"
    )
    week = models.DateField()
    posts = models.PositiveIntegerField(default=0)
    present = models.PositiveIntegerField(default=0)
    absent = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = (
            models.UniqueConstraint(fields=("community", "week"), name="one_activity_row_a_week"),
        )
        verbose_name = _("weekly activity")
        verbose_name_plural = _("weekly activity")

    def __str__(self) -> str:
        return f"{self.community_id} week of {self.week}"

    @property
    def owning_community(self) -> Community:
        return self.community
