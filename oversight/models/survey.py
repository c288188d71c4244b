"""Survey templates for evaluations (SPEC §6, issue 14 step 2).

A template belongs to a CoP (its facilitators edit it), to a program (its TTA leaders edit it),
or to nobody: the one default template, which follows the value-creation framework and is made
on first need (`oversight.surveys.default_template`). Its questions are Likert (1 to 5), single
choice, multiple choice or open text; a choice question keeps its choices one a line.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from communities.models import Community, Program

LIKERT_MIN, LIKERT_MAX = 1, 5


class QuestionKind(models.TextChoices):
    LIKERT = "likert", _("Scale from 1 (not at all) to 5 (very much)")
    SINGLE = "single", _("One choice")
    MULTIPLE = "multiple", _("Several choices")
    TEXT = "text", _("Open text")


CHOICE_KINDS = frozenset({QuestionKind.SINGLE, QuestionKind.MULTIPLE})


class SurveyTemplate(models.Model):
    name = models.CharField(_("name"), max_length=200)
    community = models.ForeignKey(
        Community, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    program = models.ForeignKey(
        Program, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    is_default = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("name", "pk")
        constraints = (
            # Exactly one owner, or none for the default (and then only one default).
            models.CheckConstraint(
                condition=Q(community__isnull=True) | Q(program__isnull=True),
                name="survey_template_one_owner",
            ),
            models.CheckConstraint(
                condition=Q(is_default=False) | Q(community__isnull=True, program__isnull=True),
                name="survey_template_default_unowned",
            ),
            models.UniqueConstraint(
                fields=("is_default",), condition=Q(is_default=True), name="one_default_survey"
            ),
        )
        verbose_name = _("survey template")
        verbose_name_plural = _("survey templates")

    def __str__(self) -> str:
        return self.name


class SurveyQuestion(models.Model):
    template = models.ForeignKey(SurveyTemplate, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(_("kind of answer"), max_length=8, choices=QuestionKind.choices)
    text = models.CharField(_("question"), max_length=500)
    # One choice a line, for single and multiple choice questions only.
    choices = models.TextField(_("choices, one a line"), max_length=2000, blank=True)
    required = models.BooleanField(_("an answer is required"), default=True)

    class Meta:
        ordering = ("position", "pk")
        verbose_name = _("survey question")
        verbose_name_plural = _("survey questions")

    def __str__(self) -> str:
        return self.text

    @property
    def choice_list(self) -> list[str]:
        return [line.strip() for line in self.choices.splitlines() if line.strip()]
