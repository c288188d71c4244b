"""A program CoP with members and an evaluation, for the evaluation tests."""

import datetime as dt
import uuid
from html.parser import HTMLParser

from django.utils import timezone

from communities.models import Role
from oversight.evaluations import schedule_evaluation, survey_url
from oversight.models import Answer, SurveyResponse
from oversight.surveys import add_question, create_template
from tests.factories import CommunityFactory, MembershipFactory, ProgramFactory, UserFactory


def today() -> dt.date:
    return timezone.localdate()


def cop_with_members(n_members=3, program=None):
    """(community, facilitator, members): members hold no role."""
    community = CommunityFactory(program=program or ProgramFactory())
    facilitator = MembershipFactory(community=community, roles=[Role.FACILITATOR]).user
    members = [MembershipFactory(community=community).user for _ in range(n_members)]
    return community, facilitator, members


def a_template(community):
    """Each kind of question once: Likert, single, multiple, open text."""
    template = create_template(name="Ours", community=community)
    add_question(template=template, kind="likert", text="Worth it?")
    add_question(template=template, kind="single", text="How often?", choices="Often\nRarely")
    add_question(template=template, kind="multiple", text="Which?", choices="Talks\nTools\nPeers")
    add_question(template=template, kind="text", text="Tell us more", required=False)
    return template


def an_evaluation(community, *, anonymous=True, opens_in=0, closes_in=7, template=None):
    (evaluation,) = schedule_evaluation(
        actor=UserFactory(),
        template=template or a_template(community),
        title="Spring survey",
        opens_on=today() + dt.timedelta(days=opens_in),
        closes_on=today() + dt.timedelta(days=closes_in),
        anonymous=anonymous,
        communities=[community],
    )
    return evaluation


def program_evaluations(sizes, *, anonymous=True):
    """CoPs of one program with `sizes` members each, one evaluation for them all, and its
    TTA leader. Returns (program, evaluations, members by CoP, leader)."""
    first, _f, members = cop_with_members(sizes[0])
    program = first.program
    cops, people = [first], [members]
    for size in sizes[1:]:
        community, _f, members = cop_with_members(size, program=program)
        cops.append(community)
        people.append(members)
    leader = UserFactory(is_tta_leader=True)
    program.leaders.add(leader)
    evaluations = schedule_evaluation(
        actor=leader,
        template=a_template(first),
        title="Spring survey",
        opens_on=today(),
        closes_on=today(),
        anonymous=anonymous,
        communities=cops,
        program=program,
    )
    return program, evaluations, people, leader


def answers_for(evaluation, likert="4", single="Often", multiple=("Talks", "Peers"), text="Good"):
    q = {x.kind: x.pk for x in evaluation.questions_from.questions.all()}
    return {
        f"q{q['likert']}": likert,
        f"q{q['single']}": single,
        f"q{q['multiple']}": list(multiple),
        f"q{q['text']}": text,
    }


def text_question(evaluation):
    return evaluation.questions_from.questions.get(kind="text")


def store_open_answers(evaluation, n, *, first=0, ids=None, days_ago=None):
    """`n` responses answering only the open question "Answer 000", "Answer 001"…, stored as the
    survey stores them; by default answer i came in n - i days ago (the last is the newest)."""
    question = text_question(evaluation)
    responses, answers = [], []
    for i in range(first, first + n):
        ago = days_ago[i] if days_ago else first + n - i
        response = SurveyResponse(evaluation=evaluation, submitted_on=today() - dt.timedelta(ago))
        responses.append(response)
        answer_id = ids[i] if ids else uuid.uuid4()
        answers.append(
            Answer(id=answer_id, response=response, question=question, text=f"Answer {i:03}")
        )
    SurveyResponse.objects.bulk_create(responses)
    Answer.objects.bulk_create(answers)


def link(evaluation, person) -> str:
    return survey_url(evaluation=evaluation, person=person)


class _ChartTable(HTMLParser):
    """The body rows of one chart's figures table: (row label, [data-value of each cell])."""

    def __init__(self, table_id: str):
        super().__init__()
        self.table_id, self.inside, self.in_body = table_id, False, False
        self.rows: list[tuple[str, list[str]]] = []
        self._label: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and attrs.get("id") == self.table_id:
            self.inside = True
        elif self.inside and tag == "tbody":
            self.in_body = True
        elif self.in_body and tag == "tr":
            self.rows.append(("", []))
        elif self.in_body and tag == "th":
            self._label = []
        elif self.in_body and tag == "td":
            self.rows[-1][1].append(attrs.get("data-value", ""))

    def handle_data(self, data):
        if self._label is not None:
            self._label.append(data)

    def handle_endtag(self, tag):
        if tag == "th" and self._label is not None:
            self.rows[-1] = ("".join(self._label).strip(), self.rows[-1][1])
            self._label = None
        elif tag == "tbody":
            self.in_body = False
        elif tag == "table":
            self.inside = False


def chart_figures(html: str, chart_id: str) -> dict[str, list[str]] | None:
    """A chart's figures as the page prints them (templates/components/chart.html), by row
    label; None when the page has no such chart."""
    if f'id="chart-table-{chart_id}"' not in html:
        return None
    parser = _ChartTable(f"chart-table-{chart_id}")
    parser.feed(html)
    return dict(parser.rows)
