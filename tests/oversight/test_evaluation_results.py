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
from oversight.evaluations import schedule_evaluation
from tests.factories import MembershipFactory, UserFactory
from tests.oversight.evaluation_helpers import (
    a_template,
    answers_for,
    cop_with_members,
    link,
    today,
)

pytestmark = pytest.mark.django_db


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
    assert '<th scope="row">Often</th><td>3</td><td>60</td>' in html
    assert '<th scope="row">Tools</th><td>2</td><td>40</td>' in html
    assert html.count("Helpful talks") == 3


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
        assert f"{size * (1 if page == 'cop' else 2)} of" in html
        counts.append(len(queries))

    assert counts[0] == counts[1]
