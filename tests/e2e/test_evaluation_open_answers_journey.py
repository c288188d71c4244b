"""Journey (open answers, axe-checked): a TTA leader on a phone-sized screen reads a program
evaluation's results, sees the 20 newest answers to its open question with their count, follows
the link to all of them and pages through them, 50 a page."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.e2e.sign_in import log_in
from tests.oversight.evaluation_helpers import program_evaluations, store_open_answers

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_tta_leader_pages_through_every_answer_to_an_open_question(page, steps):
    program, (evaluation,), _people, leader = program_evaluations([3], anonymous=False)
    store_open_answers(evaluation, 60)

    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, leader.email)
    page.goto(
        reverse(
            "oversight:program_evaluation_results",
            args=[program.slug, evaluation.questions_from_id],
        )
    )
    question = page.get_by_role("region", name="4. Tell us more")
    expect(question.get_by_text("The 20 newest of 60 answers:")).to_be_visible()
    expect(question.get_by_role("listitem")).to_have_count(20)
    expect(question.get_by_role("listitem").first).to_have_text("Answer 059")
    steps.shot(page, "results-newest-answers")

    question.get_by_role("link", name="All 60 answers to this question").click()
    expect(page.get_by_role("heading", name="Tell us more", level=1)).to_be_visible()
    answers = page.get_by_role("main").get_by_role("list").filter(has_text="Answer 059")
    expect(answers.get_by_role("listitem")).to_have_count(50)
    steps.shot(page, "answers-first-page")

    page.get_by_role("link", name="Next").click()
    expect(page.get_by_text("Page 2 of 2")).to_be_visible()
    last = page.get_by_role("main").get_by_role("list").filter(has_text="Answer 000")
    expect(last.get_by_role("listitem")).to_have_count(10)
    expect(last.get_by_role("listitem").last).to_have_text("Answer 000")
    steps.shot(page, "answers-last-page")
