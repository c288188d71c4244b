"""A CoP's charter (the lesson's chapter 3, answered in steps), the roles it names, and the dated
progress notes on its goals. The goals themselves are `Goal` rows, positions 1 to 3, shared with
action items and agendas."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from communities.models import Community
from meetings.models.goal import Goal
from meetings.models.meeting import MeetingFormat

CHARTER_STEPS = 9


class CharterFormat(models.TextChoices):
    CHECK_INS = "check_ins", _("Regular check-ins")
    PEER_TRAININGS = "peer_trainings", _("Peer-led trainings")
    PRACTICE_PRESENTATIONS = "practice_presentations", _("Presentations on practice")
    PROBLEM_SOLVING = "problem_solving", _("Shared problem-solving")


class Charter(models.Model):
    community = models.OneToOneField(Community, on_delete=models.CASCADE, related_name="charter")
    potential = models.TextField(_("the team's potential"), max_length=4000, blank=True)
    formats = models.JSONField(_("format and structure"), default=list, blank=True)
    format_description = models.TextField(
        _("how these formats will work"), max_length=4000, blank=True
    )
    meeting_frequency = models.CharField(_("how often you meet"), max_length=200, blank=True)
    meeting_length = models.CharField(_("how long a meeting lasts"), max_length=200, blank=True)
    meeting_format = models.CharField(
        _("how you meet"), max_length=12, choices=MeetingFormat.choices, blank=True
    )
    schedule = models.TextField(_("meeting schedule"), max_length=4000, blank=True)
    meeting_structure = models.TextField(
        _("how each meeting is structured"), max_length=4000, blank=True
    )
    commitment = models.TextField(_("each member's commitment"), max_length=4000, blank=True)
    resources = models.TextField(
        _("how resources are shared and stored"), max_length=4000, blank=True
    )
    # The furthest step a facilitator reached: editing a draft resumes there.
    step_reached = models.PositiveSmallIntegerField(default=1)
    published_at = models.DateTimeField(null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Charter of {self.community_id}"

    def get_absolute_url(self) -> str:
        return reverse("meetings:charter", args=[self.community.slug])

    @property
    def owning_community(self) -> Community:
        return self.community

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    def format_labels(self) -> list[str]:
        labels = dict(CharterFormat.choices)
        return [labels[value] for value in self.formats if value in labels]


class CharterRole(models.Model):
    charter = models.ForeignKey(Charter, on_delete=models.CASCADE, related_name="roles")
    position = models.PositiveSmallIntegerField()
    name = models.CharField(_("role"), max_length=120)
    # Unfilled while None; a holder who leaves the CoP leaves it unfilled (charter_of() says so).
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("filled by"),
    )

    class Meta:
        ordering = ("charter", "position", "pk")

    def __str__(self) -> str:
        return self.name

    @property
    def owning_community(self) -> Community:
        return self.charter.community


class GoalNote(models.Model):
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="notes")
    dated = models.DateField(_("date"))
    body = models.TextField(_("progress note"), max_length=2000)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("goal", "-dated", "-pk")
        indexes = (models.Index(fields=("goal", "-dated"), name="goalnote_goal_dated"),)

    def __str__(self) -> str:
        return f"{self.dated}: {self.body[:40]}"

    @property
    def owning_community(self) -> Community:
        return self.goal.community
