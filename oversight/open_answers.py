"""Open-text answers of evaluation results: the few the results page shows for each question,
and every answer to one question, a page at a time (the CSV keeps all of them, through
`evaluation_results.results_of`).

Order: a named evaluation's answers come newest day first, as a reader of results expects. An
anonymous one's come in the order of their random ids, never by date: someone who knows who was
reminded when (or who answered late) could match the last answers to them, even with only a
day stored. Answers of CoPs whose evaluations differ go in the anonymous order if any is
anonymous, so one ordered list never mixes the two rules.
"""

from django.db.models import Count, F, QuerySet, Window
from django.db.models.functions import RowNumber

from oversight.models import Answer, Evaluation, QuestionKind, SurveyQuestion

# Enough to get the gist on the results page; the question's own page has the rest.
SHOWN_ON_RESULTS = 20


def newest_first(evaluations: list[Evaluation]) -> bool:
    """Whether these evaluations' answers may be ordered by the day they came in."""
    return not any(e.anonymous for e in evaluations)


def _order(evaluations: list[Evaluation]) -> list:
    if newest_first(evaluations):
        return [F("response__submitted_on").desc(), F("id").asc()]
    return [F("id").asc()]  # random ids: no order of arrival


def _answers(evaluations: list[Evaluation], question_ids) -> QuerySet:
    return Answer.objects.filter(question_id__in=question_ids, response__evaluation__in=evaluations)


def open_question(evaluation: Evaluation, question_pk: int) -> SurveyQuestion | None:
    """The evaluation's open-text question with this pk; None for another kind or another
    evaluation's question."""
    return SurveyQuestion.objects.filter(
        pk=question_pk, template_id=evaluation.questions_from_id, kind=QuestionKind.TEXT
    ).first()


def answers_to(question: SurveyQuestion, evaluations: list[Evaluation]) -> QuerySet:
    """The texts of every answer to the question from these evaluations (those shown: the
    caller leaves out the ones under the anonymity threshold), in the order above."""
    return (
        _answers(evaluations, [question.pk])
        .order_by(*_order(evaluations))
        .values_list("text", flat=True)
    )


def first_answers(
    evaluations: list[Evaluation], question_ids: list[int], shown: int = SHOWN_ON_RESULTS
) -> tuple[dict[int, int], dict[int, list[str]]]:
    """Per question: how many answered it, and its first `shown` texts in the order above. Two
    queries whatever the number of answers or questions."""
    if not question_ids or not evaluations:
        return {}, {}
    counts = dict(
        _answers(evaluations, question_ids).values_list("question_id").annotate(n=Count("pk"))
    )
    ranked = (
        _answers(evaluations, question_ids)
        .annotate(
            rank=Window(RowNumber(), partition_by=F("question_id"), order_by=_order(evaluations))
        )
        .filter(rank__lte=shown)
        .order_by("question_id", "rank")
        .values_list("question_id", "text")
    )
    texts: dict[int, list[str]] = {}
    for question_id, text in ranked:
        texts.setdefault(question_id, []).append(text)
    return counts, texts
