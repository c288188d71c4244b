"""Oversight's models, one module per concern: check-ins, survey templates,
evaluations, and the CoPs' health as last computed."""

from oversight.models.checkin import (
    CheckIn,
    CheckInCadence,
    CheckInMail,
    CheckInMailKind,
    CheckInMailStatus,
    CheckInPlan,
    CheckInStatus,
    StatusUpdate,
)
from oversight.models.evaluation import (
    Answer,
    Evaluation,
    EvaluationReminder,
    Responded,
    SurveyResponse,
)
from oversight.models.health import CommunityHealth, HealthFlag, WeeklyActivity
from oversight.models.survey import (
    CHOICE_KINDS,
    LIKERT_MAX,
    LIKERT_MIN,
    QuestionKind,
    SurveyQuestion,
    SurveyTemplate,
)

__all__ = [
    "CHOICE_KINDS",
    "LIKERT_MAX",
    "LIKERT_MIN",
    "Answer",
    "CheckIn",
    "CheckInCadence",
    "CheckInMail",
    "CheckInMailKind",
    "CheckInMailStatus",
    "CheckInPlan",
    "CheckInStatus",
    "CommunityHealth",
    "Evaluation",
    "EvaluationReminder",
    "HealthFlag",
    "QuestionKind",
    "Responded",
    "StatusUpdate",
    "SurveyQuestion",
    "SurveyResponse",
    "SurveyTemplate",
    "WeeklyActivity",
]
