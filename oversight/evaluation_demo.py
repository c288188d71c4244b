"""Evaluations' part of the demo (SPEC §10): in the demo program's largest CoP, one anonymous
evaluation closed two weeks ago with answers above the anonymity threshold (so its results
show), and one named evaluation open now, whose invitations the beat sends at once.
Registered in `OversightConfig.ready()`; running it again changes nothing."""

import datetime as dt

from django.db.models import Count
from django.utils import timezone

from cop_platform.demo import DemoData
from oversight.evaluation_results import min_anonymous_responses
from oversight.evaluations import members_of, schedule_evaluation, submit_response
from oversight.models import Evaluation
from oversight.surveys import default_template

CLOSED_TITLE = "Spring value check"
OPEN_TITLE = "Autumn value check"
LIKERT = (4, 5, 3, 4, 5, 2, 4, 3)
OFTEN = ("Every week", "A few times a month", "Once or twice")
MOST_VALUE = (
    ("Discussions", "Meetings"),
    ("The toolkit",),
    ("Meetings", "Conversations with other members"),
)
STORIES = (
    "We started a shared intake checklist after a case review.",
    "I called a peer from another county before changing our referral steps.",
    "",
)


def seed_evaluations(data: DemoData) -> list[str]:
    program_cops = [c for c in data.communities.values() if c.program_id]
    if not program_cops:
        return []
    community = (
        type(program_cops[0])
        .objects.filter(pk__in=[c.pk for c in program_cops])
        .annotate(n=Count("memberships"))
        .order_by("-n", "slug")
        .first()
    )
    today = timezone.localdate()
    closed = _evaluation(community, CLOSED_TITLE, today - dt.timedelta(days=30), 14, True)
    if closed.invited_at is None:
        closed.invited_at = timezone.now() - dt.timedelta(days=30)
        closed.save(update_fields=["invited_at"])
        _answer(closed, today - dt.timedelta(days=20))
    _evaluation(community, OPEN_TITLE, today - dt.timedelta(days=1), 10, False)
    return [
        f"Evaluations in {community.slug}: {CLOSED_TITLE!r} closed with results,",
        f"  {OPEN_TITLE!r} open (named; the beat emails each member their link).",
    ]


def _evaluation(community, title, opens_on, days_open, anonymous) -> Evaluation:
    found = Evaluation.objects.filter(community=community, title=title).first()
    if found is not None:
        return found
    (evaluation,) = schedule_evaluation(
        actor=None,
        template=default_template(),
        title=title,
        opens_on=opens_on,
        closes_on=opens_on + dt.timedelta(days=days_open),
        anonymous=anonymous,
        communities=[community],
        program=community.program,
    )
    return evaluation


def _answer(evaluation: Evaluation, on: dt.date) -> None:
    questions = list(evaluation.questions_from.questions.all())
    members = list(members_of(evaluation.community))
    # Most members, and never fewer than the threshold when the CoP is big enough.
    count = max(min_anonymous_responses(), len(members) * 3 // 4)
    for i, person in enumerate(members[:count]):
        cleaned = {}
        for question in questions:
            key = f"q{question.pk}"
            if question.kind == "likert":
                cleaned[key] = str(LIKERT[(i + question.position) % len(LIKERT)])
            elif question.kind == "single":
                cleaned[key] = OFTEN[i % len(OFTEN)]
            elif question.kind == "multiple":
                cleaned[key] = list(MOST_VALUE[i % len(MOST_VALUE)])
            else:
                cleaned[key] = STORIES[i % len(STORIES)]
        submit_response(evaluation=evaluation, person=person, cleaned=cleaned, today=on)
