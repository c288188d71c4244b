"""Evaluations' part of the scale data (`manage.py seed_scale`), registered in
`OversightConfig.ready()` after the check-ins': each program asks all its CoPs the default
value-creation questions twice, once last month (anonymous, closed) and once now (named, open);
some CoPs ran one of their own two months ago. About 40 % of a CoP's members answered a closed
evaluation and half as many an open one so far.

The rows are what answering through the survey makes (`oversight.evaluations.submit_response`):
a `Responded` row per respondent, a response with a random UUID and a day (an anonymous one names
no one; a named one its person), and one answer a question. Each evaluation asks its own frozen
copy of the default template, as scheduling makes it. Invitations count as sent, so the beat
emails no one; the reminders are left to it.
"""

import datetime as dt
import json
import uuid
from dataclasses import dataclass, field

from communities.scale.communities import ScaleCommunity
from cop_platform.scale import ScaleRun, next_id
from cop_platform.scale_text import VOCABULARY
from oversight.models import LIKERT_MAX, LIKERT_MIN, QuestionKind
from oversight.surveys import DEFAULT_NAME, default_template

CLOSED_SHARE = 0.4
OPEN_SHARE = 0.2
# CoPs that also ran an evaluation of their own, at factor 1 (of 50 CoPs).
OWN_EVALUATIONS_AT_FACTOR_ONE = 10
# The later value cycles (applied, realised, reframing) score lower than the first ones.
LIKERT_MEAN, LIKERT_STEP_DOWN = 3.7, 0.15
# How far one CoP's, one person's, and one answer's mood moves the score.
COP_SPREAD, PERSON_SPREAD, ANSWER_SPREAD = 0.35, 0.6, 0.8
# Earlier choices (more often, discussions) are picked more; each choice of a multiple-choice
# question is ticked with the chance at its position, at least one a response.
CHOICE_WEIGHTS = (35, 40, 18, 7)
TICK_CHANCES = (0.6, 0.5, 0.3, 0.35)


@dataclass
class _Rows:
    """Every row to COPY, with the next free id of the tables numbered here."""

    template_id: int
    question_id: int
    evaluation_id: int
    responded_id: int
    templates: list = field(default_factory=list)
    questions: list = field(default_factory=list)
    evaluations: list = field(default_factory=list)
    responded: list = field(default_factory=list)
    responses: list = field(default_factory=list)
    answers: list = field(default_factory=list)


@dataclass(frozen=True)
class _Scheduling:
    """One scheduling: for a program's CoPs, or for one CoP (`program` None)."""

    program: int | None
    title: str
    creator: int
    opens_on: dt.date
    days_open: int
    anonymous: bool
    share: float  # of the members who answered
    template: int
    # (question id, position, kind, choices) of the template's frozen copy
    questions: tuple

    @property
    def closes_on(self) -> dt.date:
        return self.opens_on + dt.timedelta(days=self.days_open)


def seed_evaluations(run: ScaleRun) -> None:
    default = list(
        default_template()
        .questions.order_by("position")
        .values_list("position", "kind", "text", "choices", "required")
    )
    rows = _Rows(
        template_id=next_id("oversight_surveytemplate"),
        question_id=next_id("oversight_surveyquestion"),
        evaluation_id=next_id("oversight_evaluation"),
        responded_id=next_id("oversight_responded"),
    )
    for evaluation, cop, scheduling in _plan(run, rows, default):
        _answer(run, rows, evaluation, cop, scheduling)
    _copy(run, rows)


def _plan(
    run: ScaleRun, rows: _Rows, default: list
) -> list[tuple[int, ScaleCommunity, _Scheduling]]:
    """(evaluation id, its CoP, its scheduling) of every evaluation, their rows added."""
    today = run.now.date()
    cops = [cop for cop in run.shared["communities"] if cop.members]
    leaders = run.shared["tta_leaders"]
    planned = []
    for number, program in enumerate(run.shared["programs"]):
        in_program = [cop for cop in cops if cop.program_id == program]
        # Last month's, closed and anonymous; this month's, open and named.
        for ago, anonymous, share in ((45, True, CLOSED_SHARE), (5, False, OPEN_SHARE)):
            opens_on = today - dt.timedelta(days=ago)
            scheduling = _Scheduling(
                program, f"Value created: {opens_on:%B %Y}", leaders[number % len(leaders)],
                opens_on, 14, anonymous, share, *_frozen_copy(run, rows, default),
            )  # fmt: skip
            planned += [
                (_schedule(run, rows, cop, scheduling), cop, scheduling) for cop in in_program
            ]
    own = run.rng.sample(cops, min(len(cops), run.scaled(OWN_EVALUATIONS_AT_FACTOR_ONE)))
    for n, cop in enumerate(own):
        scheduling = _Scheduling(
            None, "Our value check", cop.facilitator, today - dt.timedelta(days=75), 14,
            n % 2 == 0, CLOSED_SHARE, *_frozen_copy(run, rows, default),
        )  # fmt: skip
        planned.append((_schedule(run, rows, cop, scheduling), cop, scheduling))
    return planned


def _frozen_copy(run: ScaleRun, rows: _Rows, default: list) -> tuple[int, tuple]:
    """A copy of the default template's questions, owned by no one, as scheduling makes it."""
    template = rows.template_id
    rows.template_id += 1
    rows.templates.append((template, DEFAULT_NAME, None, None, False, run.now, run.now))
    questions = []
    for position, kind, text, choices, required in default:
        question = rows.question_id
        rows.question_id += 1
        rows.questions.append((question, template, position, kind, text, choices, required))
        questions.append((question, position, kind, [c for c in choices.splitlines() if c]))
    return template, tuple(questions)


def _schedule(run: ScaleRun, rows: _Rows, cop: ScaleCommunity, s: _Scheduling) -> int:
    pk = rows.evaluation_id
    rows.evaluation_id += 1
    days_ago = (run.now.date() - s.opens_on).days
    # Scheduled a week ahead; the invitations went out on the opening day.
    created, invited = (
        run.now - dt.timedelta(days=days_ago + 7),
        run.now - dt.timedelta(days=days_ago),
    )
    rows.evaluations.append(
        (pk, cop.id, s.program, s.title, s.template, s.opens_on, s.closes_on, s.anonymous,
         s.creator, created, invited)
    )  # fmt: skip
    return pk


def _answer(run: ScaleRun, rows: _Rows, evaluation: int, cop, s: _Scheduling) -> None:
    rng = run.rng
    cop_mood = rng.gauss(LIKERT_MEAN, COP_SPREAD)
    window = (min(s.closes_on, run.now.date()) - s.opens_on).days
    for person in rng.sample(cop.members, round(len(cop.members) * s.share)):
        rows.responded.append((rows.responded_id, evaluation, person))
        rows.responded_id += 1
        # An anonymous response: a random id and a day, no person (nor an order to go by).
        response = uuid.UUID(int=rng.getrandbits(128), version=4)
        on = s.opens_on + dt.timedelta(days=rng.randint(0, window))
        rows.responses.append((response, evaluation, None if s.anonymous else person, on))
        mood = cop_mood + rng.gauss(0, PERSON_SPREAD)
        for question in s.questions:
            answer = uuid.UUID(int=rng.getrandbits(128), version=4)
            values = _answer_values(rng, question, mood)
            rows.answers.append((answer, response, question[0], *values))


def _answer_values(rng, question, mood: float) -> tuple[int | None, str, str]:
    """(likert, chosen as JSON, text) of one answer."""
    _pk, position, kind, choices = question
    if kind == QuestionKind.LIKERT:
        score = round(rng.gauss(mood - LIKERT_STEP_DOWN * (position - 1), ANSWER_SPREAD))
        return min(LIKERT_MAX, max(LIKERT_MIN, score)), "[]", ""
    if kind == QuestionKind.SINGLE:
        picked = rng.choices(choices, weights=CHOICE_WEIGHTS[: len(choices)])
        return None, json.dumps(picked), ""
    if kind == QuestionKind.MULTIPLE:
        picked = [c for c, p in zip(choices, TICK_CHANCES, strict=False) if rng.random() < p]
        return None, json.dumps(picked or [rng.choice(choices)]), ""
    return None, "[]", VOCABULARY.sentence(rng, rng.randint(6, 24)) + "."


def _copy(run: ScaleRun, rows: _Rows) -> None:
    run.copy(
        "oversight_surveytemplate",
        ("id", "name", "community_id", "program_id", "is_default", "created_at", "updated_at"),
        rows.templates,
    )
    run.copy(
        "oversight_surveyquestion",
        ("id", "template_id", "position", "kind", "text", "choices", "required"),
        rows.questions,
    )
    run.copy(
        "oversight_evaluation",
        ("id", "community_id", "program_id", "title", "questions_from_id", "opens_on",
         "closes_on", "anonymous", "created_by_id", "created_at", "invited_at"),
        rows.evaluations,
    )  # fmt: skip
    run.copy("oversight_responded", ("id", "evaluation_id", "person_id"), rows.responded)
    # Keyed by random UUIDs (anonymity: no order to read); `run.copy` moves no sequence for them.
    run.copy(
        "oversight_surveyresponse",
        ("id", "evaluation_id", "person_id", "submitted_on"),
        rows.responses,
    )
    run.copy(
        "oversight_answer",
        ("id", "response_id", "question_id", "likert", "chosen", "text"),
        rows.answers,
    )
