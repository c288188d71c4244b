"""Evaluations: a survey sent to a CoP's members between two dates (SPEC §6, issue 14 step 2).

An evaluation asks the questions of a frozen copy of the template it was scheduled from, so
editing the template later changes no open survey; evaluations scheduled for a whole program
share that copy (and `program`), so the program's answers add up question by question.

Anonymity lives in the tables: an anonymous `SurveyResponse` has a random id, no person and a
date without a time, so neither order nor timing ties it to anyone; `Responded` says who has
answered (reminders go to the others) and links to no response.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from communities.models import Community, Program
from oversight.models.survey import SurveyQuestion, SurveyTemplate


class Evaluation(models.Model):
    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="evaluations")
    program = models.ForeignKey(
        Program, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    title = models.CharField(_("title"), max_length=200)
    questions_from = models.ForeignKey(SurveyTemplate, on_delete=models.PROTECT, related_name="+")
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on (last day to answer)"))
    anonymous = models.BooleanField(_("anonymous answers"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Set by the beat when the invitations went out; empty until the opening day.
    invited_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-opens_on", "-pk")
        indexes = (models.Index(fields=("invited_at", "opens_on"), name="evaluation_to_open"),)
        constraints = (
            models.CheckConstraint(
                condition=models.Q(closes_on__gte=models.F("opens_on")),
                name="evaluation_closes_after_opening",
            ),
        )
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")

    def __str__(self) -> str:
        return f"{self.title} ({self.community})"

    @property
    def owning_community(self) -> Community:
        return self.community

    def is_open_on(self, day) -> bool:
        return self.opens_on <= day <= self.closes_on


class Responded(models.Model):
    """That a person has answered: for reminders and "already received", never for results."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="responded")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = (
            models.UniqueConstraint(fields=("evaluation", "person"), name="responded_once"),
        )

    def __str__(self) -> str:
        return f"{self.person_id} answered evaluation {self.evaluation_id}"


class SurveyResponse(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="responses")
    # Only for a named evaluation; an anonymous response never names anyone.
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    submitted_on = models.DateField()  # a day, never a time

    class Meta:
        constraints = (
            models.UniqueConstraint(
                fields=("evaluation", "person"),
                condition=models.Q(person__isnull=False),
                name="one_named_response",
            ),
        )

    def __str__(self) -> str:
        return f"A response to evaluation {self.evaluation_id} on {self.submitted_on}"


class Answer(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    response = models.ForeignKey(SurveyResponse, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(SurveyQuestion, on_delete=models.PROTECT, related_name="+")
    likert = models.PositiveSmallIntegerField(null=True, blank=True)
    chosen = models.JSONField(default=list, blank=True)  # the choice texts picked
    text = models.TextField(max_length=5000, blank=True)

    def __str__(self) -> str:
        return f"An answer to question {self.question_id}"


class EvaluationReminder(models.Model):
    """One send of reminders to those who have not answered: the automatic one two days
    before closing, or one more each time a leader asks. Its id is in every email's key."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="reminders")
    automatic = models.BooleanField(default=False)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("created_at", "pk")
        constraints = (
            models.UniqueConstraint(
                fields=("evaluation",),
                condition=models.Q(automatic=True),
                name="one_automatic_reminder",
            ),
        )

    def __str__(self) -> str:
        return f"Reminder {self.pk} for evaluation {self.evaluation_id}"
