"""Survey templates: the default value-creation template, and creating and editing templates.

The value-creation framework (Wenger, Trayner and de Laat) looks at what a community gives in
five cycles: immediate value (the activities themselves), potential value (what people take
away), applied value (what they change in practice), realised value (what that changes for
results) and reframing value (how people come to see success differently). The default
template asks about each in our own words.
"""

from django.db import IntegrityError, transaction
from django.db.models import Max, Q

from communities.models import Community, Program
from oversight.models import QuestionKind, SurveyQuestion, SurveyTemplate

DEFAULT_NAME = "Value created by the community (default)"
DEFAULT_QUESTIONS = (
    (QuestionKind.LIKERT, "Immediate value: the community's activities were worth my time.", ""),
    (
        QuestionKind.LIKERT,
        "Potential value: I gained ideas, contacts or materials I expect to use.",
        "",
    ),
    (QuestionKind.LIKERT, "Applied value: I have changed something in my practice.", ""),
    (
        QuestionKind.LIKERT,
        "Realised value: those changes made a difference to the results of my work.",
        "",
    ),
    (
        QuestionKind.LIKERT,
        "Reframing value: the community changed how I think about what success means.",
        "",
    ),
    (
        QuestionKind.SINGLE,
        "How often did you take part this period?",
        "Every week\nA few times a month\nOnce or twice\nNot at all",
    ),
    (
        QuestionKind.MULTIPLE,
        "Which activities gave you the most value?",
        "Discussions\nMeetings\nThe toolkit\nConversations with other members",
    ),
    (QuestionKind.TEXT, "Tell us about one thing you did differently because of the CoP.", ""),
)


def default_template() -> SurveyTemplate:
    """The default template, made the first time anyone needs it (a race makes it once)."""
    found = SurveyTemplate.objects.filter(is_default=True).first()
    if found is not None:
        return found
    try:
        with transaction.atomic():
            template = SurveyTemplate.objects.create(name=DEFAULT_NAME, is_default=True)
            SurveyQuestion.objects.bulk_create(
                SurveyQuestion(template=template, position=i, kind=kind, text=text, choices=choices)
                for i, (kind, text, choices) in enumerate(DEFAULT_QUESTIONS, start=1)
            )
    except IntegrityError:
        return SurveyTemplate.objects.get(is_default=True)
    return template


def templates_for(*, community: Community | None = None, program: Program | None = None):
    """The templates one may start an evaluation from: the owner's own, its program's (for a
    CoP) and the default; the owner's own first."""
    default_template()
    owned = Q(is_default=True)
    if community is not None:
        owned |= Q(community=community)
        program = community.program
    if program is not None:
        owned |= Q(program=program)
    return SurveyTemplate.objects.filter(owned).order_by("is_default", "name", "pk")


@transaction.atomic
def create_template(
    *,
    name: str,
    community: Community | None = None,
    program: Program | None = None,
    copy_from: SurveyTemplate | None = None,
) -> SurveyTemplate:
    template = SurveyTemplate.objects.create(name=name, community=community, program=program)
    if copy_from is not None:
        SurveyQuestion.objects.bulk_create(
            SurveyQuestion(
                template=template,
                position=q.position,
                kind=q.kind,
                text=q.text,
                choices=q.choices,
                required=q.required,
            )
            for q in copy_from.questions.all()
        )
    return template


def add_question(*, template: SurveyTemplate, **fields) -> SurveyQuestion:
    last = template.questions.aggregate(last=Max("position"))["last"] or 0
    question = SurveyQuestion.objects.create(template=template, position=last + 1, **fields)
    template.save(update_fields=["updated_at"])
    return question


def remove_question(*, question: SurveyQuestion) -> None:
    template = question.template
    question.delete()
    template.save(update_fields=["updated_at"])


def rename_template(*, template: SurveyTemplate, name: str) -> None:
    template.name = name
    template.save(update_fields=["name", "updated_at"])
