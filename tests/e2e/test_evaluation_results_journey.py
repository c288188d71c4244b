"""Journey (evaluation results, axe-checked): a facilitator on a phone-sized screen opens the
results of their CoP's evaluation from its list and sees each scale and choice question drawn
as a bar chart, its figures a click away; no drawing goes wrong (no console error)."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from oversight.evaluations import submit_response
from tests.e2e.sign_in import log_in
from tests.oversight.evaluation_helpers import an_evaluation, answers_for, cop_with_members

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_facilitator_reads_the_results_as_charts_with_their_figures(page, steps):
    community, facilitator, members = cop_with_members(6)
    evaluation = an_evaluation(community, opens_in=-3, closes_in=4)
    for n, member in enumerate(members):
        cleaned = answers_for(evaluation, likert="442554"[n], single="Often")
        submit_response(
            evaluation=evaluation,
            person=member,
            cleaned=cleaned,
            today=timezone.localdate(),
        )

    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, facilitator.email)
    page.goto(f"/cops/{community.slug}/evaluations/")
    page.get_by_role("link", name="Spring survey").click()
    expect(page.get_by_role("heading", name="Spring survey: results")).to_be_visible()

    charts = page.locator("canvas[data-chart]")
    expect(charts).to_have_count(3)  # Likert, one choice, several choices; open text listed
    for n in range(3):
        expect(charts.nth(n)).to_have_attribute("data-drawn", "true")
    steps.shot(page, "results-drawn")
    scale = page.get_by_role("region", name="1. Worth it?")
    scale.get_by_text("Figures: Worth it?").click()
    figures = scale.get_by_role("table", name="Worth it?")
    # Scale points 1 to 5 with their share, and how many answered each.
    expect(figures.locator("tbody th")).to_have_text(
        ["1 (0 %)", "2 (17 %)", "3 (0 %)", "4 (50 %)", "5 (33 %)"]
    )
    expect(figures.locator("tbody td")).to_have_text(["0", "1", "0", "3", "2"])
    steps.shot(page, "figures-open")
