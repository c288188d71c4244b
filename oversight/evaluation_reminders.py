"""Reminders to those who have not answered an evaluation yet (issue 14).

A send is an `EvaluationReminder` row, recorded in the write's transaction, and fanned out by a
worker through communities' fan-out queue (resumed if the broker was down). Each email's key
names the row, so one send emails each person once, and a later send is a new key. The
automatic one goes two days before closing (never on the opening day itself); a leader may
ask for more while the survey is open.
"""

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy

from communities.discussions.fan_out_queue import schedule_fan_out
from communities.models import Stage, User
from oversight.evaluations import invite, members_of
from oversight.models import Evaluation, EvaluationReminder, Responded

FAN_OUT_EVENT = "evalremind"  # fits FanOut.event (10 characters)
FAN_OUT_LABEL = gettext_lazy("Evaluation reminders to members who have not answered")
DAYS_BEFORE_CLOSING = 2


def non_respondents(evaluation: Evaluation):
    return members_of(evaluation.community).exclude(
        pk__in=Responded.objects.filter(evaluation=evaluation).values("person_id")
    )


def may_remind(evaluation: Evaluation, today: dt.date) -> bool:
    """Open, its invitations out, and the CoP not archived."""
    return (
        evaluation.invited_at is not None
        and evaluation.is_open_on(today)
        and evaluation.community.stage != Stage.ARCHIVED
    )


def record_reminder(
    *, evaluation: Evaluation, actor: User | None = None, automatic: bool = False
) -> EvaluationReminder:
    """Inside the caller's transaction: the emails go after it commits, from a worker."""
    reminder = EvaluationReminder.objects.create(
        evaluation=evaluation, automatic=automatic, sent_by=actor
    )
    schedule_fan_out(event=FAN_OUT_EVENT, object_id=reminder.pk)
    return reminder


def remind_closing_evaluations(today: dt.date) -> int:
    """The beat: the automatic reminder of each evaluation closing within two days (a late beat
    still finds it), once. Returns how many were recorded."""
    due = (
        Evaluation.objects.filter(
            invited_at__isnull=False,
            opens_on__lt=today,
            closes_on__gte=today,
            closes_on__lte=today + dt.timedelta(days=DAYS_BEFORE_CLOSING),
        )
        .exclude(community__stage=Stage.ARCHIVED)
        .exclude(reminders__automatic=True)
    )
    recorded = 0
    for evaluation in due:
        try:
            with transaction.atomic():
                record_reminder(evaluation=evaluation, automatic=True)
                recorded += 1
        except IntegrityError:
            continue  # a concurrent beat recorded it
    return recorded


def fan_out_evaluation_reminder(reminder_id: int) -> int:
    """The worker's job: email each member who has not answered, unless it closed since."""
    reminder = (
        EvaluationReminder.objects.select_related("evaluation__community")
        .filter(pk=reminder_id)
        .first()
    )
    if reminder is None or not may_remind(reminder.evaluation, timezone.localdate()):
        return 0
    told = 0
    for person in non_respondents(reminder.evaluation):
        with transaction.atomic():
            invite(
                evaluation=reminder.evaluation,
                person=person,
                kind="evaluation_reminder",
                key_suffix=f":r{reminder.pk}",
            )
        told += 1
    return told
