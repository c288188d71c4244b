"""Scheduling evaluations, the personal survey links, the beat that opens them, and answering.

A survey link is a signed token naming one evaluation and one member (`django.core.signing`,
its own salt): forging or changing it breaks the signature, and the view refuses it after the
closing day whatever the signature says. Opening an evaluation (the beat, on its opening day)
emails each member their link through the outbox, once per (evaluation, member) key.
"""

import datetime as dt
import logging

from django.core import signing
from django.db import transaction
from django.db.models import Q
from django.urls import reverse

from communities.models import Community, Membership, Program, Stage, User
from communities.notifications.sender import notify
from oversight.models import (
    Answer,
    Evaluation,
    Responded,
    SurveyQuestion,
    SurveyResponse,
    SurveyTemplate,
)
from oversight.surveys import create_template

logger = logging.getLogger(__name__)
TOKEN_SALT = "oversight.evaluation-survey"  # noqa: S105 (a namespace, not a secret)
OPEN_BATCH = 50


def survey_token(*, evaluation: Evaluation, person: User) -> str:
    # No timestamp: the same member's link is the same in every email and on the home page;
    # the evaluation's closing day is what ends it.
    return signing.Signer(salt=TOKEN_SALT).sign_object({"e": evaluation.pk, "u": person.pk})


def read_survey_token(token: str) -> tuple[int, int] | None:
    """(evaluation pk, person pk) from an intact token, else None."""
    try:
        data = signing.Signer(salt=TOKEN_SALT).unsign_object(token)
    except (signing.BadSignature, ValueError):
        return None
    if not isinstance(data, dict) or not {"e", "u"} <= data.keys():
        return None
    return data["e"], data["u"]


def survey_url(*, evaluation: Evaluation, person: User) -> str:
    token = survey_token(evaluation=evaluation, person=person)
    return reverse("oversight:survey", args=[token])


def members_of(community: Community):
    return User.objects.filter(
        is_active=True,
        pk__in=Membership.objects.filter(community=community).values("user_id"),
    ).order_by("pk")


@transaction.atomic
def schedule_evaluation(
    *,
    actor: User,
    template: SurveyTemplate,
    title: str,
    opens_on: dt.date,
    closes_on: dt.date,
    anonymous: bool,
    communities: list[Community],
    program: Program | None = None,
) -> list[Evaluation]:
    """One evaluation per CoP, all asking one frozen copy of the template's questions."""
    frozen = create_template(name=template.name, copy_from=template)
    return Evaluation.objects.bulk_create(
        Evaluation(
            community=community,
            program=program,
            title=title,
            questions_from=frozen,
            opens_on=opens_on,
            closes_on=closes_on,
            anonymous=anonymous,
            created_by=actor,
        )
        for community in communities
    )


def evaluations_to_open(today: dt.date):
    return Evaluation.objects.filter(
        invited_at__isnull=True, opens_on__lte=today, closes_on__gte=today
    ).exclude(community__stage=Stage.ARCHIVED)


def open_due_evaluations(now: dt.datetime, today: dt.date) -> int:
    """Invite the members of each evaluation opening by today, one evaluation per transaction
    (a concurrent run skips the locked one). One that fails is left for the next beat without
    holding up the others. Returns how many evaluations were opened."""
    opened, failed = 0, set()
    while True:
        evaluation = None
        try:
            with transaction.atomic():
                evaluation = (
                    evaluations_to_open(today)
                    .exclude(pk__in=failed)
                    .select_for_update(skip_locked=True, of=("self",))
                    .select_related("community")
                    .order_by("pk")
                    .first()
                )
                if evaluation is None:
                    return opened
                _invite_members(evaluation, now)
                opened += 1
        except Exception:
            if evaluation is None:
                raise  # the query itself failed: nothing to skip, the task logs it
            logger.exception("Opening evaluation %s failed", evaluation.pk)
            failed.add(evaluation.pk)


def _invite_members(evaluation: Evaluation, now: dt.datetime) -> None:
    for person in members_of(evaluation.community):
        invite(evaluation=evaluation, person=person, kind="evaluation_invitation")
    evaluation.invited_at = now
    evaluation.save(update_fields=["invited_at"])


def invite(*, evaluation: Evaluation, person: User, kind: str, key_suffix: str = "") -> None:
    notify(
        to=person,
        kind=kind,
        key=f"{kind}:{evaluation.pk}:{person.pk}{key_suffix}",
        context={"evaluation": evaluation, "community": evaluation.community},
        url=survey_url(evaluation=evaluation, person=person),
    )


def has_responded(*, evaluation: Evaluation, person: User) -> bool:
    return Responded.objects.filter(evaluation=evaluation, person=person).exists()


def named_answers(*, evaluation: Evaluation, person: User) -> dict[str, object]:
    """A named respondent's answers as form initial data; nothing for an anonymous survey."""
    if evaluation.anonymous:
        return {}
    initial = {}
    for answer in Answer.objects.filter(response__evaluation=evaluation, response__person=person):
        field = f"q{answer.question_id}"
        initial[field] = answer.likert or answer.chosen or answer.text
        if answer.likert is not None:
            initial[field] = str(answer.likert)
    return initial


def _answer_rows(response: SurveyResponse, cleaned: dict, questions) -> list[Answer]:
    rows = []
    for question in questions:
        value = cleaned.get(f"q{question.pk}")
        if value in (None, "", []):
            continue
        row = Answer(response=response, question=question)
        if question.kind == "likert":
            row.likert = int(value)
        elif question.kind == "single":
            row.chosen = [value]
        elif question.kind == "multiple":
            row.chosen = list(value)
        else:
            row.text = value
        rows.append(row)
    return rows


@transaction.atomic
def submit_response(*, evaluation: Evaluation, person: User, cleaned: dict, today: dt.date) -> bool:
    """Store the answers. A named response replaces the person's earlier one; an anonymous one
    is final. Returns False (nothing stored) when an anonymous answer was already received."""
    Evaluation.objects.select_for_update().get(pk=evaluation.pk)  # one submission at a time
    already = has_responded(evaluation=evaluation, person=person)
    if already and evaluation.anonymous:
        return False
    questions = list(SurveyQuestion.objects.filter(template_id=evaluation.questions_from_id))
    if evaluation.anonymous:
        response = SurveyResponse.objects.create(evaluation=evaluation, submitted_on=today)
    else:
        response, _created = SurveyResponse.objects.update_or_create(
            evaluation=evaluation, person=person, defaults={"submitted_on": today}
        )
        response.answers.all().delete()
    Answer.objects.bulk_create(_answer_rows(response, cleaned, questions))
    if not already:
        Responded.objects.create(evaluation=evaluation, person=person)
    return True


def open_surveys_for(*, user: User, today: dt.date):
    """The open evaluations of the user's CoPs they have not answered yet."""
    return (
        Evaluation.objects.filter(
            Q(opens_on__lte=today, closes_on__gte=today),
            community__memberships__user=user,
        )
        .exclude(community__stage=Stage.ARCHIVED)
        .exclude(pk__in=Responded.objects.filter(person=user).values("evaluation_id"))
        .select_related("community")
        .order_by("closes_on", "pk")
    )
