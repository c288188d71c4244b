"""Journey: a TTA leader signs in and finds their program on their home page with a CoP at risk
on top; they open the program's dashboard, read the flag and its reason, sort by posts, filter
to the CoPs at risk, and see both charts drawn from their figures; at 390 px the page does not
scroll sideways (the table scrolls in its own box). Every page is axe-checked."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from oversight.models import HealthFlag, WeeklyActivity
from tests.e2e.sign_in import log_in
from tests.factories import UserFactory
from tests.oversight.dashboard_helpers import at_risk_figures, cop, led_program

pytestmark = pytest.mark.django_db(transaction=True)

NARROW = {"width": 390, "height": 844}


@pytest.fixture
def program_with_cops():
    program, leader = led_program()
    provider = UserFactory(name="Pat Provider")
    risky = cop(program, provider=provider, name="Quiet Corner", **at_risk_figures())
    busy = cop(program, provider=provider, name="Busy Hub", posts=40, members=25)
    monday = timezone.localdate() - dt.timedelta(days=timezone.localdate().weekday())
    for community, posts in ((risky, 1), (busy, 9)):
        WeeklyActivity.objects.create(
            community=community, week=monday - dt.timedelta(weeks=1), posts=posts, present=3
        )
    return program, leader


def test_a_leader_reads_their_program_dashboard(page, program_with_cops):
    program, leader = program_with_cops
    log_in(page, leader.email)

    page.goto("/")
    programs = page.get_by_role("region", name="Your programs")
    expect(programs.get_by_role("link", name="Quiet Corner")).to_be_visible()
    expect(programs).to_contain_text("said the CoP is at risk")
    programs.get_by_role("link", name=f"{program.name}: dashboard").click()

    table = page.get_by_role("table", name="The program's CoPs with their figures and health flags")
    expect(table.get_by_role("row").nth(1)).to_contain_text("Quiet Corner")
    expect(table).to_contain_text("said the CoP is at risk")
    table.get_by_role("link", name="Posts").click()
    expect(page.get_by_role("columnheader", name="Posts")).to_have_attribute(
        "aria-sort", "ascending"
    )
    table.get_by_role("link", name="Posts").click()
    expect(table.get_by_role("row").nth(1)).to_contain_text("Busy Hub")

    page.get_by_label("Flag", exact=True).select_option(HealthFlag.AT_RISK)
    page.get_by_role("button", name="Filter").click()
    expect(table.get_by_role("row")).to_have_count(2)
    for chart in ("weekly-posts", "weekly-attendance"):
        expect(page.locator(f"#chart-{chart}")).to_have_attribute("data-drawn", "true")
    # On paper the figures beside each chart print open, and fold again after.
    figures = page.locator(".chart-figure details")
    expect(figures.first).not_to_have_attribute("open", "")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert figures.evaluate_all("all => all.every(d => d.open)")
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert figures.evaluate_all("all => all.every(d => !d.open)")

    page.set_viewport_size(NARROW)
    page.reload()
    assert page.evaluate("document.documentElement.scrollWidth") <= NARROW["width"]
