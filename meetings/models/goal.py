"""A CoP's goals: the charter names up to three, each with how success will be known; action
items and agendas link to them, and their status and dated notes show progress."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from communities.models import Community


class GoalStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    ACHIEVED = "achieved", _("Achieved")
    DROPPED = "dropped", _("Dropped")


class Goal(models.Model):
    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="goals")
    position = models.PositiveSmallIntegerField()
    title = models.CharField(_("goal"), max_length=300)
    success_measure = models.TextField(_("how success will be known"), max_length=2000)
    status = models.CharField(
        _("status"), max_length=12, choices=GoalStatus.choices, default=GoalStatus.NOT_STARTED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("community", "position", "pk")
        constraints = (
            models.UniqueConstraint(fields=("community", "position"), name="goal_position"),
        )

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("meetings:charter", args=[self.community.slug]) + f"#goal-{self.pk}"

    @property
    def owning_community(self) -> Community:
        return self.community

    @property
    def is_open(self) -> bool:
        return self.status in (GoalStatus.NOT_STARTED, GoalStatus.IN_PROGRESS)
