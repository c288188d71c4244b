"""Open-text answers on the results pages: the first 20 of each question with their count and a
link to every answer, 50 a page, for a CoP and across a program; the anonymity threshold, no
names, and no time order for anonymous answers on both pages; the CSV keeps them all; bounded
queries whatever the number of answers."""

import csv
import io
import uuid

import pytest
from django.urls import reverse

from tests.oversight.evaluation_helpers import (
    an_evaluation,
    answers_for,
    link,
    program_evaluations,
    store_open_answers,
    text_question,
)

pytestmark = pytest.mark.django_db


def results_url(page, program, evaluation) -> str:
    if page == "cop":
        return reverse(
            "oversight:evaluation_results", args=[evaluation.community.slug, evaluation.pk]
        )
    return reverse(
        "oversight:program_evaluation_results", args=[program.slug, evaluation.questions_from_id]
    )


def answers_url(page, program, evaluation, question_pk=None) -> str:
    question_pk = question_pk or text_question(evaluation).pk
    if page == "cop":
        args = [evaluation.community.slug, evaluation.pk, question_pk]
        return reverse("oversight:evaluation_results_question", args=args)
    args = [program.slug, evaluation.questions_from_id, question_pk]
    return reverse("oversight:program_evaluation_results_question", args=args)


def viewer(client, page, evaluation, leader):
    """The CoP's facilitator for a CoP's page, the program's TTA leader for the program's."""
    if page == "cop":
        client.force_login(evaluation.community.memberships.get(roles__role="facilitator").user)
    else:
        client.force_login(leader)


def shown(html, n) -> list[int]:
    """Which of "Answer 000"… "Answer {n-1}" the page shows, in the page's order."""
    found = [(html.index(f"Answer {i:03}"), i) for i in range(n) if f"Answer {i:03}" in html]
    return [i for _at, i in sorted(found)]


@pytest.mark.parametrize("page", ["cop", "program"])
def test_results_show_the_20_newest_answers_their_count_and_a_link_to_all(client, page):
    program, (evaluation,), _people, leader = program_evaluations([3], anonymous=False)
    store_open_answers(evaluation, 25)
    viewer(client, page, evaluation, leader)

    html = client.get(results_url(page, program, evaluation)).content.decode()

    assert "The 20 newest of 25 answers:" in html
    assert shown(html, 25) == list(range(24, 4, -1))  # newest first: the 5 oldest left out
    assert f'href="{answers_url(page, program, evaluation)}"' in html
    assert "All 25 answers to this question" in html


def test_a_question_with_few_answers_lists_them_all_without_a_link(client):
    program, (evaluation,), _people, leader = program_evaluations([3], anonymous=False)
    store_open_answers(evaluation, 3)
    viewer(client, "cop", evaluation, leader)

    html = client.get(results_url("cop", program, evaluation)).content.decode()

    assert shown(html, 3) == [2, 1, 0]
    assert "3 answers" in html
    assert answers_url("cop", program, evaluation) not in html and " of 3 answers" not in html


@pytest.mark.parametrize("page", ["cop", "program"])
def test_the_question_page_lists_every_answer_50_a_page_newest_first(client, page):
    program, (evaluation,), _people, leader = program_evaluations([3], anonymous=False)
    store_open_answers(evaluation, 60)
    viewer(client, page, evaluation, leader)
    url = answers_url(page, program, evaluation)

    first = client.get(url).content.decode()
    second = client.get(url + "?page=2").content.decode()

    assert shown(first, 60) == list(range(59, 9, -1))
    assert shown(second, 60) == list(range(9, -1, -1))
    assert "Page 1 of 2" in first and "newest first" in first
    assert "60 answers, 1 to 50 shown" in first
    assert client.get(url + "?page=nine").status_code == 200  # a bad page number: the first


@pytest.mark.parametrize("page", ["cop", "program"])
def test_anonymous_answers_come_in_their_random_order_never_by_day(client, page):
    """The days are shuffled against the ids: sorting by day (either way) would not give the
    ids' order, which is what both pages show."""
    program, (evaluation,), _people, leader = program_evaluations([3])
    ids = [uuid.UUID(int=i + 1) for i in range(30)]  # answer i has the i-th smallest id
    store_open_answers(evaluation, 30, ids=ids, days_ago=[(i * 7) % 30 for i in range(30)])
    viewer(client, page, evaluation, leader)

    results = client.get(results_url(page, program, evaluation)).content.decode()
    answers = client.get(answers_url(page, program, evaluation)).content.decode()

    assert shown(results, 30) == list(range(20))
    assert "20 of 30 answers, in random order" in results and "newest" not in results
    assert shown(answers, 30) == list(range(30))
    assert "in random order" in answers and "newest" not in answers


def test_under_the_threshold_the_question_page_shows_nothing(client, settings):
    settings.EVALUATION_MIN_ANONYMOUS_RESPONSES = 5
    program, (evaluation,), _people, leader = program_evaluations([6])
    store_open_answers(evaluation, 4)
    viewer(client, "cop", evaluation, leader)
    url = answers_url("cop", program, evaluation)

    response = client.get(url)

    assert response.status_code == 200
    html = response.content.decode()
    assert "No results yet" in html and "from 5 answers on" in html
    assert shown(html, 5) == [] and "answers," not in html
    store_open_answers(evaluation, 1, first=4)
    assert sorted(shown(client.get(url).content.decode(), 5)) == [0, 1, 2, 3, 4]


def test_a_programs_question_page_leaves_out_cops_under_the_threshold(client, settings):
    settings.EVALUATION_MIN_ANONYMOUS_RESPONSES = 5
    program, evaluations, _people, leader = program_evaluations([5, 2, 6])
    store_open_answers(evaluations[0], 5)  # Answer 000 to 004
    store_open_answers(evaluations[1], 2, first=5)  # 005 and 006: too few to show
    store_open_answers(evaluations[2], 6, first=7)  # 007 to 012
    client.force_login(leader)

    html = client.get(answers_url("program", program, evaluations[0])).content.decode()

    assert sorted(shown(html, 13)) == [0, 1, 2, 3, 4, *range(7, 13)]
    assert "11 answers" in html
    assert "1 CoP not shown: fewer than 5 answers." in html and "2 CoPs shown." in html


def test_a_question_not_open_text_or_of_another_evaluation_is_not_found(client):
    program, (evaluation,), _people, leader = program_evaluations([3])
    likert = evaluation.questions_from.questions.get(kind="likert")
    other = an_evaluation(evaluation.community)  # the same CoP, its own copy of the questions
    program_other, (elsewhere,), _p, _leader = program_evaluations([3])
    program_other.leaders.add(leader)
    facilitator = evaluation.community.memberships.get(roles__role="facilitator").user
    client.force_login(facilitator)

    cop = [likert.pk, text_question(other).pk, text_question(elsewhere).pk, 999999]
    for question_pk in cop:
        url = answers_url("cop", program, evaluation, question_pk)
        assert client.get(url).status_code == 404, question_pk
    assert client.get(answers_url("cop", program, evaluation)).status_code == 200
    client.force_login(leader)
    for question_pk in (likert.pk, text_question(elsewhere).pk):
        url = answers_url("program", program, evaluation, question_pk)
        assert client.get(url).status_code == 404, question_pk
    assert client.get(answers_url("program", program, evaluation)).status_code == 200


@pytest.mark.parametrize("anonymous", [True, False])
def test_no_name_on_the_question_pages(client, anonymous):
    program, (evaluation,), (members,), leader = program_evaluations([5], anonymous=anonymous)
    for member in members:
        member.name = f"Respondent {member.pk}"
        member.save()
        client.post(link(evaluation, member), answers_for(evaluation, text=f"Said {member.pk}"))
    pages = []
    for page in ("cop", "program"):
        viewer(client, page, evaluation, leader)
        pages.append(client.get(answers_url(page, program, evaluation)).content.decode())

    for html in pages:
        assert "5 answers" in html
        for member in members:
            assert f"Said {member.pk}" in html
            assert member.name not in html and member.email not in html
            assert f"@{member.handle}" not in html


def test_the_csv_keeps_every_open_answer(client):
    program, (evaluation,), _people, leader = program_evaluations([3], anonymous=False)
    store_open_answers(evaluation, 25)
    viewer(client, "cop", evaluation, leader)
    url = results_url("cop", program, evaluation)

    rows = list(csv.reader(io.StringIO(client.get(url + "csv/").content.decode())))

    assert sorted(row[2] for row in rows if row[1] == "text") == [
        f"Answer {i:03}" for i in range(25)
    ]
    assert len(shown(client.get(url).content.decode(), 25)) == 20


# The same ceiling for 10 answers as for 100 (and for a page of 50 as for two pages).
PAGES = {"cop results": 14, "program results": 14, "cop answers": 11, "program answers": 11}


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("answers", [10, 100])
def test_open_answers_keep_a_bounded_number_of_queries(
    client, django_assert_max_num_queries, page, answers
):
    scope, kind = page.split()
    program, evaluations, _people, leader = program_evaluations([3, 3], anonymous=False)
    store_open_answers(evaluations[0], answers // 2)
    store_open_answers(evaluations[1], answers // 2, first=answers // 2)
    viewer(client, scope, evaluations[0], leader)
    if kind == "results":
        url = results_url(scope, program, evaluations[0])
    else:
        url = answers_url(scope, program, evaluations[0])

    with django_assert_max_num_queries(PAGES[page]):
        html = client.get(url).content.decode()

    total = answers if scope == "program" else answers // 2
    assert f"{total} answers" in html
    assert shown(html, answers)  # the newest answers are on the page
