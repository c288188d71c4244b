"""Journey 3's dashboard steps (test_tta_leader_journey.py): the provider records a check-in,
the TTA leader reads their home, the program's dashboard (refreshed, sorted, filtered, its charts
and CSV) and one CoP's dashboard; the CoP's facilitator and provider read it too. Each step takes
the journey's `Cast`; every page is axe-checked by the fixtures, each step leaves a screenshot."""

from __future__ import annotations

import csv
import io
import re
from typing import TYPE_CHECKING

from django.utils import timezone
from playwright.sync_api import Page, expect

from communities.models import Community, User
from oversight.models import HealthFlag

if TYPE_CHECKING:
    from tests.e2e.test_tta_leader_journey import Cast, Cop

TABLE = "The program's CoPs with their figures and health flags"
AT_RISK_REASON = re.compile(r"The last check-in \(.+\) said the CoP is at risk\.")
WATCH_REASON = "1 question has had no reply for 14 days."
HEALTHY_REASON = "No rule matched."
PHONE = {"width": 390, "height": 844}


def provider_records_an_at_risk_checkin(provider: Page, steps, cast: Cast) -> None:
    """The provider finds the CoP they support through its program, and records the check-in
    they held with its leaders; the CoP's figures are recomputed as the check-in is saved."""
    nav = provider.get_by_role("navigation", name="Main")
    nav.get_by_role("link", name="Programs").click()
    provider.get_by_role("link", name=cast.program).click()
    communities = provider.get_by_role("table", name="Communities of the program")
    communities.get_by_role("link", name=cast.supported.name).click()
    steps.shot(provider, "provider-opens-the-cop")
    provider.get_by_role("region", name="TTA check-ins").get_by_role(
        "link", name="Check-in history"
    ).click()
    expect(provider.get_by_text("No check-ins recorded yet.")).to_be_visible()
    provider.get_by_role("link", name="Record a check-in").click()
    expect(provider.get_by_label("Date")).to_have_value(timezone.localdate().isoformat())
    provider.get_by_label("At risk").check()
    provider.get_by_label("Notes").fill(
        "Two of the four peer supporters left after the merger; nobody runs the meetings."
    )
    steps.shot(provider, "provider-fills-the-checkin")
    provider.get_by_role("button", name="Record check-in").click()
    expect(provider.get_by_role("alert").filter(has_text="Check-in recorded.")).to_be_visible()
    steps.shot(provider, "checkin-recorded")
    health = Community.objects.get(slug=cast.supported.slug).health
    assert health.flag == HealthFlag.AT_RISK
    assert health.reasons == ["checkin_at_risk"]


def leader_hands_the_supported_cop_back(page: Page, steps, cast: Cast) -> None:
    """Now that a provider supports it, the leader leaves the CoP's facilitation to its own
    facilitator: they stay its program's TTA leader, who sees its figures but not its
    members one by one (SPEC §6)."""
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Home").click()
    page.get_by_role("region", name="Your communities").get_by_role(
        "link", name=cast.supported.name
    ).click()
    page.get_by_role("link", name="Leave this community").click()
    steps.shot(page, "leader-asked-to-stay-or-leave")
    page.get_by_role("button", name=f"Leave {cast.supported.name}").click()
    expect(
        page.get_by_role("alert").filter(has_text=f"You left {cast.supported.name}.")
    ).to_be_visible()
    steps.shot(page, "leader-left-the-supported-cop")
    supported = Community.objects.get(slug=cast.supported.slug)
    assert not supported.memberships.filter(user__email=cast.leader).exists()
    assert supported.program.leaders.filter(email=cast.leader).exists()


def leader_reads_their_home(page: Page, steps, cast: Cast) -> None:
    """Their home page is their program's dashboard in brief: the flags counted, the CoP at
    risk on top with its reason. Only the CoP with a check-in has figures yet."""
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Home").click()
    programs = page.get_by_role("region", name="Your programs")
    at_risk = programs.get_by_role("list", name="CoPs at risk").get_by_role("listitem")
    expect(at_risk).to_have_count(1)
    expect(at_risk.get_by_role("link", name=cast.supported.name)).to_be_visible()
    expect(at_risk).to_contain_text(AT_RISK_REASON)
    counts = programs.get_by_role("list", name=cast.dashboard).get_by_role("listitem")
    expect(counts).to_have_text(["At risk 1", "Watch 0", "Healthy 0", "Not computed yet 2"])
    steps.shot(page, "leader-home-with-the-cop-at-risk")
    programs.get_by_role("link", name=cast.dashboard).click()
    expect(page.get_by_role("heading", name=cast.dashboard, level=1)).to_be_visible()


def leader_refreshes_the_program_dashboard(page: Page, steps, cast: Cast) -> None:
    """Two CoPs wait for the worker's next round; the leader asks for their figures now (the
    refresh runs as the request commits, as tasks do in tests)."""
    table = page.get_by_role("table", name=TABLE)
    for cop in (cast.watched, cast.healthy):
        expect(row_of(table, cop)).to_contain_text("Not computed yet")
        expect(cell(table, row_of(table, cop), "Why")).to_have_text(
            "Its figures come with the next refresh."
        )
    steps.shot(page, "dashboard-before-refresh")
    page.get_by_role("button", name="Refresh figures now").click()
    expect(page.get_by_role("alert").filter(has_text="Figures are being refreshed")).to_be_visible()
    page.reload()
    expect(table).not_to_contain_text("Not computed yet")
    counts = page.get_by_role("list", name="Health flags").get_by_role("listitem")
    expect(counts).to_have_text(["At risk 1", "Watch 1", "Healthy 1", "Not computed yet 0"])


def leader_reads_each_flag_with_its_reason(page: Page, steps, cast: Cast) -> None:
    """Worst first: the CoP at risk, then the one to watch, then the healthy one, each with
    the reason in words and the figures behind it."""
    table = page.get_by_role("table", name=TABLE)
    rows = table.get_by_role("row")
    expect(rows).to_have_count(4)  # the heading and three CoPs
    for number, (cop, flag, reason) in enumerate(
        (
            (cast.supported, "At risk", AT_RISK_REASON),
            (cast.watched, "Watch", WATCH_REASON),
            (cast.healthy, "Healthy", HEALTHY_REASON),
        ),
        start=1,
    ):
        row = rows.nth(number)
        expect(row.get_by_role("rowheader")).to_contain_text(cop.name)
        expect(cell(table, row, "Flag")).to_have_text(flag)
        expect(cell(table, row, "Why")).to_have_text(reason)
    supported = row_of(table, cast.supported)
    expect(cell(table, supported, "TTA provider")).to_have_text("Assigned Provider")
    expect(cell(table, supported, "Last check-in")).to_contain_text("At risk")
    # The leader left it: the facilitator and two members remain.
    expect(cell(table, supported, "Members")).to_have_text("3")
    expect(cell(table, supported, "Posts")).to_have_text("2")
    expect(cell(table, row_of(table, cast.watched), "Posts")).to_have_text("1")
    expect(cell(table, row_of(table, cast.healthy), "Posts")).to_have_text("3")
    steps.shot(page, "dashboard-flags-with-reasons")


def leader_sorts_and_filters(page: Page, steps, cast: Cast) -> None:
    table = page.get_by_role("table", name=TABLE)
    table.get_by_role("link", name="Posts", exact=True).click()
    expect(table.get_by_role("columnheader", name="Posts", exact=True)).to_have_attribute(
        "aria-sort", "ascending"
    )
    expect(table.get_by_role("rowheader")).to_have_text(
        [cast.watched.name, cast.supported.name, cast.healthy.name]
    )
    steps.shot(page, "dashboard-sorted-by-posts")
    page.get_by_label("Flag", exact=True).select_option(label="Watch")
    page.get_by_role("button", name="Filter").click()
    expect(table.get_by_role("rowheader")).to_have_text([cast.watched.name])
    # The sort is kept through the filter.
    expect(table.get_by_role("columnheader", name="Posts", exact=True)).to_have_attribute(
        "aria-sort", "ascending"
    )
    steps.shot(page, "dashboard-filtered-to-watch")
    page.get_by_role("link", name="Clear filters").click()
    expect(table.get_by_role("rowheader")).to_have_count(3)


# Each dataset's numbers as Chart.js holds them, and the figures table's numbers beside it.
CHART_AND_TABLE_JS = """(canvas) => {
    const chart = Chart.getChart(canvas);
    const table = document.getElementById(canvas.dataset.chartTable);
    const columns = table.tHead.rows[0].cells.length - 1;
    const cells = [...table.tBodies[0].rows].map((row) => [...row.cells].slice(1));
    return {
        drawn: chart.data.datasets.map((set) => ({ label: set.label, data: set.data })),
        table: [...Array(columns).keys()].map((column) => ({
            label: table.tHead.rows[0].cells[column + 1].textContent.trim(),
            data: cells.map((row) => {
                const value = row[column].dataset.value;
                return value === "" ? null : Number(value);
            }),
        })),
    };
}"""


def the_charts_have_drawn_the_figures_beside_them(page: Page, steps, *, posts: int) -> None:
    """Both weekly charts are drawn, each from the same numbers as its figures table, and the
    posts chart counts every post of the CoPs' twelve weeks."""
    for chart in ("weekly-posts", "weekly-attendance"):
        canvas = page.locator(f"canvas#chart-{chart}[data-chart]")
        expect(canvas).to_have_attribute("data-drawn", "true")
        shown = canvas.evaluate(CHART_AND_TABLE_JS)
        assert shown["drawn"], chart
        assert all(dataset["data"] for dataset in shown["drawn"]), chart
        assert shown["drawn"] == shown["table"], chart
    canvas = page.locator("canvas#chart-weekly-posts")
    drawn = canvas.evaluate(CHART_AND_TABLE_JS)["drawn"]
    assert sum(drawn[0]["data"]) == posts
    page.get_by_text("Figures: Posts a week").click()  # opens the table beside the chart
    steps.shot(page, "dashboard-charts-drawn")


def leader_downloads_the_csv(page: Page, steps, cast: Cast) -> None:
    """A row per CoP with its flag and reasons. (Cells starting with = + - @ are escaped:
    tests/oversight/test_program_dashboard_csv.py proves it with such a CoP name, which this
    journey's believable names do not give.)"""
    with page.expect_download() as arrival:
        page.get_by_role("link", name="Download as CSV").click()
    download = arrival.value
    assert download.suggested_filename.endswith("-dashboard.csv")
    rows = list(csv.DictReader(io.StringIO(download.path().read_text(encoding="utf-8"))))
    by_cop = {row["CoP"]: row for row in rows}
    assert set(by_cop) == {cop.name for cop in cast.cops}
    supported = by_cop[cast.supported.name]
    assert supported["Flag"] == "At risk"
    assert AT_RISK_REASON.fullmatch(supported["Reasons"])
    assert supported["TTA provider"] == "Assigned Provider"
    assert supported["Last check-in status"] == "At risk"
    assert by_cop[cast.watched.name]["Flag"] == "Watch"
    assert by_cop[cast.watched.name]["Reasons"] == WATCH_REASON
    assert by_cop[cast.healthy.name]["Flag"] == "Healthy"
    assert by_cop[cast.healthy.name]["Reasons"] == ""
    assert [by_cop[cop.name]["Posts"] for cop in cast.cops] == ["1", "2", "3"]
    steps.shot(page, "dashboard-csv-downloaded")


def leader_opens_a_cop_dashboard_without_member_rows(page: Page, steps, cast: Cast) -> None:
    table = page.get_by_role("table", name=TABLE)
    # The CoP's name leads to its dashboard.
    row_of(table, cast.supported).get_by_role("link", name=cast.supported.name).click()
    heading = f"{cast.supported.name}: dashboard"
    expect(page.get_by_role("heading", name=heading, level=1)).to_be_visible()
    expect(page.get_by_text(AT_RISK_REASON)).to_be_visible()
    figures = page.get_by_role("table", name="The CoP's figures")
    expect(figures.get_by_role("row", name="Posts (30 days)")).to_contain_text("2")
    expect(page.locator("canvas#chart-weekly-posts")).to_have_attribute("data-drawn", "true")
    # Its program's TTA leader, no longer its facilitator: the CoP's figures, nobody's row.
    expect(page.get_by_role("region", name="Member by member")).to_have_count(0)
    for address in cast.supported.members:
        name = User.objects.get(email=address).display_name
        expect(page.get_by_text(name)).to_have_count(0)
    steps.shot(page, "leader-reads-a-cop-dashboard")


def leader_goes_back_to_the_program_and_home(page: Page, steps, cast: Cast) -> None:
    """From the CoP's dashboard back to the program's, then home: every CoP has its flag now."""
    page.get_by_role("link", name="The program's dashboard").click()
    expect(page.get_by_role("heading", name=cast.dashboard, level=1)).to_be_visible()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Home").click()
    programs = page.get_by_role("region", name="Your programs")
    counts = programs.get_by_role("list", name=cast.dashboard).get_by_role("listitem")
    expect(counts).to_have_text(["At risk 1", "Watch 1", "Healthy 1"])
    at_risk = programs.get_by_role("list", name="CoPs at risk").get_by_role("listitem")
    expect(at_risk).to_have_count(1)
    expect(at_risk).to_contain_text(cast.supported.name)
    steps.shot(page, "leader-home-with-every-flag")
    # On a phone, the home page and the program's dashboard do not scroll sideways (the
    # dashboard's table scrolls in its own box).
    page.set_viewport_size(PHONE)
    for name in ("home", "dashboard"):
        if name == "dashboard":
            programs.get_by_role("link", name=cast.dashboard).click()
            expect(page.get_by_role("heading", name=cast.dashboard, level=1)).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], name
        steps.shot(page, f"leader-{name}-on-a-phone")
    # The name, the flag and the reasons fit the phone's width before the figures scroll.
    table = page.get_by_role("table", name=TABLE)
    why = cell(table, row_of(table, cast.supported), "Why").bounding_box()
    assert why["x"] + why["width"] <= PHONE["width"]


def facilitator_sees_the_member_rows(facilitator: Page, steps, cast: Cast) -> None:
    facilitator.goto(f"/cops/{cast.supported.slug}/")
    facilitator.get_by_role("region", name="CoP health").get_by_role(
        "link", name="Dashboard"
    ).click()
    members = facilitator.get_by_role("region", name="Member by member")
    for address in cast.supported.members:
        name = User.objects.get(email=address).display_name
        expect(members.get_by_role("link", name=name)).to_be_visible()
    steps.shot(facilitator, "facilitator-sees-member-rows")


def provider_sees_no_member_rows(provider: Page, steps, cast: Cast) -> None:
    provider.goto(f"/cops/{cast.supported.slug}/dashboard/")
    expect(provider.get_by_text(AT_RISK_REASON)).to_be_visible()
    expect(provider.get_by_role("region", name="Member by member")).to_have_count(0)
    steps.shot(provider, "provider-reads-the-cop-dashboard")


def row_of(table, cop: Cop):
    # `has` is looked for inside each row, so it is a locator from the page, not the table.
    return table.get_by_role("row").filter(has=table.page.get_by_role("rowheader", name=cop.name))


def cell(table, row, column: str):
    """The row's cell under the column so headed (found by the heading's position)."""
    headings = [text.strip() for text in table.get_by_role("columnheader").all_inner_texts()]
    return row.locator("th, td").nth(headings.index(column))
