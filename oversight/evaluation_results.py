"""Evaluation results: response rate, per-question distributions, Likert means and open
answers, for one CoP or across a program's CoPs (issue 14).

Anonymity: results never carry a name, for a named evaluation either (no page needs one), so
nothing here reads `SurveyResponse.person`. An anonymous evaluation with fewer answers than
`EVALUATION_MIN_ANONYMOUS_RESPONSES` shows nothing, and is left out of a program's totals too,
so subtracting the CoPs shown reveals nothing. The page shows a few open answers per question
(`oversight.open_answers` says which, and in what order); the CSV has them all. A fixed number
of queries whatever the number of answers.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count
from django.utils.translation import gettext as _

from communities.models import Membership
from cop_platform.charts import Chart, ChartRow
from oversight.models import (
    LIKERT_MAX,
    LIKERT_MIN,
    Answer,
    Evaluation,
    QuestionKind,
    Responded,
    SurveyQuestion,
    SurveyResponse,
)
from oversight.open_answers import first_answers, newest_first

DEFAULT_MIN_ANONYMOUS = 5


def min_anonymous_responses() -> int:
    return getattr(settings, "EVALUATION_MIN_ANONYMOUS_RESPONSES", DEFAULT_MIN_ANONYMOUS)


@dataclass
class QuestionResult:
    question: SurveyQuestion
    answered: int = 0
    # (label, count, percent of those who answered it), in the question's own order.
    distribution: list[tuple[str, int, int]] = field(default_factory=list)
    mean: float | None = None
    # Open text: every answer for the CSV, the first few on the page (`answered` counts all).
    texts: list[str] = field(default_factory=list)

    @property
    def more_texts(self) -> bool:
        return self.answered > len(self.texts)

    @property
    def chart(self) -> Chart | None:
        """The distribution as a bar chart of counts, each answer's share in its label (a share
        drawn beside its own count would only repeat the bars' shape); none for open text or
        nothing answered."""
        if not self.distribution or not self.answered:
            return None
        return Chart(
            id=f"q{self.question.pk}",
            caption=self.question.text,
            row_heading=_("Answer (share)"),
            series=(_("Answers"),),
            rows=tuple(ChartRow(f"{label} ({pct} %)", (n,)) for label, n, pct in self.distribution),
        )


@dataclass
class Results:
    evaluations: list[Evaluation]
    invited: int
    responded: int
    responses: int
    questions: list[QuestionResult]
    hidden: list[Evaluation]  # anonymous and under the threshold: counted in nothing shown

    @property
    def newest_first(self) -> bool:
        """Open answers by day, newest first (named evaluations); else in no time order."""
        return newest_first(self.evaluations)

    @property
    def rate(self) -> int | None:
        return round(100 * self.responded / self.invited) if self.invited else None


def _stored(ids) -> dict[int, int]:
    return dict(
        SurveyResponse.objects.filter(evaluation_id__in=ids)
        .values_list("evaluation_id")
        .annotate(n=Count("pk"))
    )


def _split(evaluations, stored) -> tuple[list[Evaluation], list[Evaluation]]:
    """(shown, hidden): an anonymous evaluation under the threshold is hidden."""
    threshold = min_anonymous_responses()
    hidden = [e for e in evaluations if e.anonymous and stored.get(e.pk, 0) < threshold]
    return [e for e in evaluations if e not in hidden], hidden


def shown_and_hidden(evaluations: list[Evaluation]) -> tuple[list[Evaluation], list[Evaluation]]:
    """The evaluations whose answers may be shown, and those under the anonymity threshold."""
    return _split(evaluations, _stored([e.pk for e in evaluations]))


def _counts(evaluations) -> tuple[dict[int, int], dict[int, int], dict[int, int]]:
    """Per evaluation: members of its CoP, who has responded, responses stored."""
    ids = [e.pk for e in evaluations]
    cops = {e.community_id for e in evaluations}
    members = dict(
        Membership.objects.filter(community_id__in=cops, user__is_active=True)
        .values_list("community_id")
        .annotate(n=Count("id"))
    )
    responded = dict(
        Responded.objects.filter(evaluation_id__in=ids)
        .values_list("evaluation_id")
        .annotate(n=Count("id"))
    )
    stored = _stored(ids)
    return {e.pk: members.get(e.community_id, 0) for e in evaluations}, responded, stored


def _question_result(question, answers) -> QuestionResult:
    result = QuestionResult(question=question, answered=len(answers))
    if question.kind == QuestionKind.LIKERT:
        counts = Counter(a.likert for a in answers)
        labels = [(str(n), counts[n]) for n in range(LIKERT_MIN, LIKERT_MAX + 1)]
        if answers:
            result.mean = round(sum(a.likert for a in answers) / len(answers), 2)
    elif question.kind == QuestionKind.TEXT:
        result.texts = [a.text for a in answers]
        return result
    else:
        counts = Counter(choice for a in answers for choice in a.chosen)
        labels = [(choice, counts[choice]) for choice in question.choice_list]
    total = len(answers) or 1
    result.distribution = [(label, n, round(100 * n / total)) for label, n in labels]
    return result


def _open_results(questions, shown) -> dict[int, QuestionResult]:
    """The open-text questions' results with their first few answers only."""
    counts, texts = first_answers(shown, [q.pk for q in questions])
    return {
        q.pk: QuestionResult(question=q, answered=counts.get(q.pk, 0), texts=texts.get(q.pk, []))
        for q in questions
    }


def results_of(evaluations: list[Evaluation], *, all_texts: bool = True) -> Results:
    """The results of evaluations asking the same questions (one CoP's, or a program's); with
    `all_texts=False`, each open-text question carries only its first few answers (a page)."""
    invited, responded, stored = _counts(evaluations)
    shown, hidden = _split(evaluations, stored)
    questions = list(
        SurveyQuestion.objects.filter(template_id__in={e.questions_from_id for e in shown})
    )
    few = [] if all_texts else [q for q in questions if q.kind == QuestionKind.TEXT]
    by_question: dict[int, list[Answer]] = {q.pk: [] for q in questions}
    for answer in (
        Answer.objects.filter(response__evaluation__in=shown)
        .exclude(question__in=few)
        .only("question_id", "likert", "chosen", "text")
        .order_by("id")  # random ids: no order of arrival
    ):
        by_question[answer.question_id].append(answer)
    results = {q.pk: _question_result(q, by_question[q.pk]) for q in questions if q not in few}
    results |= _open_results(few, shown)
    return Results(
        evaluations=shown,
        invited=sum(invited[e.pk] for e in shown),
        responded=sum(responded.get(e.pk, 0) for e in shown),
        responses=sum(stored.get(e.pk, 0) for e in shown),
        questions=[results[q.pk] for q in questions],
        hidden=hidden,
    )


def csv_rows(results: Results) -> list[list[str]]:
    """The results as spreadsheet rows: one per choice or scale point, one per open answer."""
    rows = [["Question", "Kind", "Answer", "Count", "Percent", "Mean"]]
    for result in results.questions:
        q = result.question
        for label, n, percent in result.distribution:
            rows.append([q.text, q.kind, label, str(n), str(percent), ""])
        if result.mean is not None:
            rows.append([q.text, q.kind, "", str(result.answered), "", str(result.mean)])
        rows.extend([q.text, q.kind, text, "", "", ""] for text in result.texts)
    return rows
