"""Oversight's forms, one module per concern: check-ins, survey templates, evaluations."""

from oversight.forms.checkins import MAX_FOLLOW_UPS, CadenceForm, CheckInForm, StatusUpdateForm
from oversight.forms.evaluations import MAX_OPEN_DAYS, ScheduleForm, SurveyForm
from oversight.forms.surveys import MAX_CHOICES, QuestionForm, RenameForm, TemplateForm

__all__ = [
    "MAX_CHOICES",
    "MAX_FOLLOW_UPS",
    "MAX_OPEN_DAYS",
    "CadenceForm",
    "CheckInForm",
    "QuestionForm",
    "RenameForm",
    "ScheduleForm",
    "StatusUpdateForm",
    "SurveyForm",
    "TemplateForm",
]
