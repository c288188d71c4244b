"""Results: response rate, distributions, Likert means, open answers, per CoP and across a
program; the anonymity threshold (also in the program's totals); no name on any page or export;
the CSV escapes formulas; a bounded number of queries whatever the number of answers."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from communities.models import Role
from oversight.surveys import add_question
from tests.factories import MembershipFactory, UserFactory
from tests.oversight.evaluation_helpers import (
    a_template,
    an_evaluation,
    answers_for,
    chart_figures,
    cop_with_members,
    link,
    program_evaluations,
)

pytestmark = pytest.mark.django_db


def answer_all(client, evaluation, members, **answers):
    for member in members:
        client.post(link(evaluation, member), answers_for(evaluation, **answers))


def cop_results(client, evaluation, suffix="") -> str:
    url = reverse(
        f"oversight:evaluation_results{suffix}",
        args=[evaluation.community.slug, evaluation.pk],
    )
    return client.get(url).content.decode()


def as_facilitator(client, evaluation):
    facilitator = evaluation.community.memberships.get(roles__role=Role.FACILITATOR).user
    client.force_login(facilitator)


def test_a_cops_results_show_rate_distribution_mean_and_open_answers(client):
    _program, (evaluation,), (members,), _leader = program_evaluations([6])
    answer_all(client, evaluation, members[:3], likert="4", text="Helpful talks")
    answer_all(client, evaluation, members[3:5], likert="1", single="Rarely", multiple=("Tools",))
    as_facilitator(client, evaluation)

    html = cop_results(client, evaluation)

    assert "5 of 7 members" in html  # six members and the facilitator
    assert "(71 %)" in html
    assert "<strong>2.8</strong>" in html  # (3*4 + 2*1) / 5
    charts = charts_by_kind(evaluation, html)
    assert charts["single"] == {"Often (60 %)": ["3"], "Rarely (40 %)": ["2"]}
    assert charts["multiple"]["Tools (40 %)"] == ["2"]
    assert html.count("Helpful talks") == 3


def charts_by_kind(evaluation, html) -> dict:
    """Each question's chart figures ("label (share %)": [count]) by its kind."""
    return {
        q.kind: chart_figures(html, f"q{q.pk}") for q in evaluation.questions_from.questions.all()
    }


def test_each_scale_and_choice_question_has_a_bar_chart_of_its_counts(client):
    _program, (evaluation,), (members,), _leader = program_evaluations([6])
    answer_all(client, evaluation, members[:2], likert="5", multiple=("Talks", "Peers"))
    answer_all(client, evaluation, members[2:5], likert="2", single="Rarely", multiple=("Peers",))
    as_facilitator(client, evaluation)

    html = cop_results(client, evaluation)
    charts = charts_by_kind(evaluation, html)

    assert charts["likert"] == {
        "1 (0 %)": ["0"],
        "2 (60 %)": ["3"],
        "3 (0 %)": ["0"],
        "4 (0 %)": ["0"],
        "5 (40 %)": ["2"],
    }
    assert charts["single"] == {"Often (40 %)": ["2"], "Rarely (60 %)": ["3"]}
    # Several choices: each counts once per answer that picked it.
    assert charts["multiple"] == {
        "Talks (40 %)": ["2"],
        "Tools (0 %)": ["0"],
        "Peers (100 %)": ["5"],
    }
    assert charts["text"] is None  # open answers are listed, not charted
    assert html.count('data-chart="bar"') == 3
    assert "/js/charts." in html and "chartjs/chart.umd" in html
    # The chart's table is the distribution table: no second one prints the same figures.
    assert html.count('<th scope="row">Rarely') == 1


def test_a_question_nobody_answered_draws_no_chart(client):
    community, facilitator, members = cop_with_members(5)
    template = a_template(community)
    skipped = add_question(template=template, kind="likert", text="Optional", required=False)
    evaluation = an_evaluation(community, anonymous=False, template=template)
    frozen = evaluation.questions_from.questions.get(text=skipped.text)
    worth = evaluation.questions_from.questions.get(text="Worth it?")
    answers = answers_for(evaluation)  # by kind: it names the last Likert question
    answers[f"q{worth.pk}"] = answers.pop(f"q{frozen.pk}")
    client.post(link(evaluation, members[0]), answers)
    client.force_login(facilitator)

    html = cop_results(client, evaluation)

    assert html.count('data-chart="bar"') == 3
    assert chart_figures(html, f"q{worth.pk}")["4 (100 %)"] == ["1"]
    assert chart_figures(html, f"q{frozen.pk}") is None
    assert "No answers." in html


def test_no_chart_figures_under_the_anonymity_threshold(client, settings):
    settings.EVALUATION_MIN_ANONYMOUS_RESPONSES = 5
    _program, (evaluation,), (members,), _leader = program_evaluations([6])
    answer_all(client, evaluation, members[:4], likert="3", single="Rarely")
    as_facilitator(client, evaluation)

    html = cop_results(client, evaluation)

    assert "data-chart" not in html and "chart-table-" not in html
    assert "/js/charts." not in html
    assert set(charts_by_kind(evaluation, html).values()) == {None}
    answer_all(client, evaluation, members[4:5], likert="3", single="Rarely")
    assert charts_by_kind(evaluation, cop_results(client, evaluation))["likert"]["3 (100 %)"] == [
        "5"
    ]


def test_a_programs_charts_leave_out_cops_under_the_threshold(client, settings):
    settings.EVALUATION_MIN_ANONYMOUS_RESPONSES = 5
    program, evaluations, people, leader = program_evaluations([5, 2, 6])
    answer_all(client, evaluations[0], people[0], likert="5", single="Often")
    answer_all(client, evaluations[1], people[1], likert="1", single="Rarely")
    answer_all(client, evaluations[2], people[2], likert="3", single="Often")
    client.force_login(leader)
    url = reverse(
        "oversight:program_evaluation_results",
        args=[program.slug, evaluations[0].questions_from_id],
    )

    charts = charts_by_kind(evaluations[0], client.get(url).content.decode())

    # The small CoP's two answers (1, Rarely) are in no figure.
    assert charts["likert"]["1 (0 %)"] == ["0"]
    assert charts["likert"]["3 (55 %)"] == ["6"]
    assert charts["likert"]["5 (45 %)"] == ["5"]
    assert charts["single"] == {"Often (100 %)": ["11"], "Rarely (0 %)": ["0"]}


def test_an_anonymous_evaluation_under_the_threshold_shows_nothing(client, settings):
    settings.EVALUATION_MIN_ANONYMOUS_RESPONSES = 5
    _program, (evaluation,), (members,), _leader = program_evaluations([6])
    answer_all(client, evaluation, members[:4], text="Secret words")
    as_facilitator(client, evaluation)

    html = cop_results(client, evaluation)
    export = cop_results(client, evaluation, "_csv")

    assert "No results yet" in html and "from 5 answers on" in html
    assert "Secret words" not in html and "Secret words" not in export
    assert "Download CSV" not in html
    answer_all(client, evaluation, members[4:5], text="Secret words")
    assert "Secret words" in cop_results(client, evaluation)


def test_a_named_evaluation_under_the_threshold_is_shown(client):
    _program, (evaluation,), (members,), _leader = program_evaluations([3], anonymous=False)
    answer_all(client, evaluation, members[:1], text="Mine")
    as_facilitator(client, evaluation)

    assert "Mine" in cop_results(client, evaluation)


def test_the_program_leaves_out_cops_under_the_threshold(client, settings):
    settings.EVALUATION_MIN_ANONYMOUS_RESPONSES = 5
    program, evaluations, people, leader = program_evaluations([5, 2, 6])
    answer_all(client, evaluations[0], people[0], likert="5")
    answer_all(client, evaluations[1], people[1], likert="1", text="Small group")
    answer_all(client, evaluations[2], people[2], likert="3")
    client.force_login(leader)
    url = reverse(
        "oversight:program_evaluation_results",
        args=[program.slug, evaluations[0].questions_from_id],
    )

    html = client.get(url).content.decode()
    export = client.get(url + "csv/").content.decode()

    assert "1 CoP not shown: fewer than 5 answers." in html
    assert "2 CoPs shown." in html
    assert "11 of 13 members" in html  # the two CoPs shown, with their facilitators
    assert "<strong>3.91</strong>" in html  # (5*5 + 6*3) / 11: the small CoP's 1s left out
    assert "Small group" not in html and "Small group" not in export


def test_no_name_on_any_page_or_export(client):
    program, (evaluation,), (members,), leader = program_evaluations([5])
    for member in members:
        member.name = f"Respondent {member.pk}"
        member.save()
    answer_all(client, evaluation, members)
    staff = UserFactory(is_staff=True, is_superuser=True)
    MembershipFactory(community=evaluation.community, user=staff, roles=[Role.FACILITATOR])

    client.force_login(staff)
    pages = [cop_results(client, evaluation), cop_results(client, evaluation, "_csv")]
    pages.append(
        client.get(
            reverse("oversight:cop_evaluations", args=[evaluation.community.slug])
        ).content.decode()
    )
    for admin_url in ("/admin/oversight/", "/admin/oversight/evaluation/"):
        pages.append(client.get(admin_url).content.decode())
    change = client.get(f"/admin/oversight/evaluation/{evaluation.pk}/change/")
    assert change.status_code == 200
    pages.append(change.content.decode())
    client.force_login(leader)
    program_url = reverse(
        "oversight:program_evaluation_results", args=[program.slug, evaluation.questions_from_id]
    )
    pages += [
        client.get(program_url).content.decode(),
        client.get(program_url + "csv/").content.decode(),
    ]
    assert "5 of 7 members" in pages[-2]  # the answers are there, the names are not

    for page in pages:
        for member in members:
            assert member.name not in page
            assert member.email not in page
            assert f"@{member.handle}" not in page


def test_the_csv_escapes_formulas(client):
    _program, (evaluation,), (members,), _leader = program_evaluations([5], anonymous=False)
    answer_all(client, evaluation, members[:1], text="=HYPERLINK(1)")
    answer_all(client, evaluation, members[1:2], text="@SUM(A1)")
    as_facilitator(client, evaluation)

    rows = list(csv.reader(io.StringIO(cop_results(client, evaluation, "_csv"))))

    texts = {row[2] for row in rows if row[1] == "text"}
    assert texts == {"'=HYPERLINK(1)", "'@SUM(A1)"}
    assert rows[0] == ["Question", "Kind", "Answer", "Count", "Percent", "Mean"]


@pytest.mark.parametrize("page", ["cop", "program"])
def test_results_keep_a_bounded_number_of_queries(client, page):
    counts = []
    for size in (5, 50):
        program, evaluations, people, leader = program_evaluations([size, size])
        for evaluation, members in zip(evaluations, people, strict=True):
            answer_all(client, evaluation, members)
        client.force_login(leader)
        if page == "cop":
            url = reverse(
                "oversight:evaluation_results",
                args=[evaluations[0].community.slug, evaluations[0].pk],
            )
        else:
            url = reverse(
                "oversight:program_evaluation_results",
                args=[program.slug, evaluations[0].questions_from_id],
            )
        with CaptureQueriesContext(connection) as queries:
            html = client.get(url).content.decode()
        answered = size * (1 if page == "cop" else 2)
        assert f"{answered} of" in html
        # Every answer is in the figures: all said 4 and "Often".
        charts = charts_by_kind(evaluations[0], html)
        assert charts["likert"]["4 (100 %)"] == [str(answered)]
        assert charts["single"]["Often (100 %)"] == [str(answered)]
        counts.append(len(queries))

    assert counts[0] == counts[1]
