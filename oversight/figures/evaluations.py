"""Each CoP's latest evaluation score: the Likert mean of its last closed evaluation."""

from django.db.models import FloatField, Func, OuterRef, Subquery

from communities.selectors import count_of
from oversight.evaluation_results import min_anonymous_responses
from oversight.figures.window import Window
from oversight.models import Answer, Evaluation, QuestionKind, SurveyResponse


def evaluation_scores(ids: list[int], window: Window) -> dict[int, dict]:
    """{CoP id: {"evaluation_score"}} for CoPs with a closed evaluation. An anonymous one with
    fewer answers than the results page's threshold has no score: a mean of two answers could
    be told apart as well as the answers themselves."""
    likert = Answer.objects.filter(
        response__evaluation=OuterRef("pk"),
        question__kind=QuestionKind.LIKERT,
        likert__isnull=False,
    )
    # AVG through `Func` is no aggregate to Django, so the subquery has no GROUP BY (as
    # `count_of` does for COUNT) and gives one value, or NULL when nothing was answered.
    mean = Subquery(
        likert.order_by().values(mean=Func("likert", function="AVG", output_field=FloatField()))
    )
    last_closed = (
        Evaluation.objects.filter(community_id__in=ids, closes_on__lt=window.today)
        .order_by("community_id", "-closes_on", "-pk")
        .distinct("community_id")
        .annotate(answered=count_of(SurveyResponse.objects.filter(evaluation=OuterRef("pk"))))
        .annotate(mean=mean)
        .values("community_id", "anonymous", "answered", "mean")
    )
    threshold = min_anonymous_responses()
    scores = {}
    for row in last_closed:
        hidden = row["anonymous"] and row["answered"] < threshold
        score = None if hidden or row["mean"] is None else round(row["mean"], 2)
        scores[row["community_id"]] = {"evaluation_score": score}
    return scores
