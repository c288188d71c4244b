"""The program dashboard: a TTA leader sees every open CoP of the program with its figures, flag
and reasons in words; a provider only the CoPs assigned to them; members and others are
refused. Sorting, filtering, pagination, charts, empty states and bounded queries."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from communities.models import Stage
from oversight.dashboard_selectors import SORTS
from oversight.models import HealthFlag, WeeklyActivity
from tests.factories import MembershipFactory, UserFactory
from tests.oversight.dashboard_helpers import at_risk_figures, cop, led_program

pytestmark = pytest.mark.django_db


def url(program, **query) -> str:
    base = reverse("oversight:program_dashboard", args=[program.slug])
    return base + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def page(client, viewer, address) -> str:
    client.force_login(viewer)
    response = client.get(address)
    assert response.status_code == 200
    return response.content.decode()


def row_names(html: str) -> list[str]:
    """The CoP names of the table's rows, in order."""
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return re.findall(r'<th scope="row"><a href="/cops/[^"]+/">([^<]+)</a>', body)


@pytest.fixture
def world():
    program, leader = led_program()
    provider, other_provider = UserFactory(name="Pat Provider"), UserFactory(name="Olu Other")
    risky = cop(program, provider=provider, name="Alpha", members=12, **at_risk_figures())
    calm = cop(
        program,
        provider=other_provider,
        name="Bravo",
        members=30,
        active_members=9,
        posts=41,
        meetings_held=5,
        attendance_rate=0.8,
        open_action_items=6,
        overdue_action_items=1,
        evaluation_score=4.24,
    )
    fresh = cop(program, provider=provider, name="Charlie")  # no health row yet
    return {
        "program": program,
        "leader": leader,
        "provider": provider,
        "other_provider": other_provider,
        "risky": risky,
        "calm": calm,
        "fresh": fresh,
    }


def test_a_leader_sees_every_cop_with_its_figures_and_reasons(client, world):
    html = page(client, world["leader"], url(world["program"]))

    assert row_names(html) == ["Alpha", "Bravo", "Charlie"]  # worst flag first
    assert "said the CoP is at risk" in html
    assert "<td>41</td>" in html and "80%" in html and "4.2" in html
    assert "Not computed yet" in html
    assert "Pat Provider" in html and "Olu Other" in html


def test_flag_counts_come_first(client, world):
    html = page(client, world["leader"], url(world["program"]))

    counts = html.split('id="flag-counts"', 1)[1].split("</section>", 1)[0]
    assert re.findall(r"<strong>(\d+)</strong>", counts) == ["1", "0", "1", "1"]
    assert html.index('id="flag-counts"') < html.index("<table")


def test_a_provider_sees_only_the_cops_assigned_to_them(client, world):
    html = page(client, world["provider"], url(world["program"]))

    assert row_names(html) == ["Alpha", "Charlie"]
    assert "Bravo" not in html


def test_archived_cops_are_left_out(client, world):
    world["calm"].stage = Stage.ARCHIVED
    world["calm"].save()

    html = page(client, world["leader"], url(world["program"]))

    assert "Bravo" not in html


@pytest.mark.parametrize("who", ["member", "outsider", "provider_elsewhere", "staff"])
def test_others_are_refused(client, world, who):
    viewer = UserFactory()
    if who == "member":
        MembershipFactory(community=world["risky"], user=viewer, roles=["facilitator"])
    elif who == "provider_elsewhere":
        other_program, _leader = led_program()
        cop(other_program, provider=viewer)
    elif who == "staff":
        viewer.is_staff = viewer.is_superuser = True
        viewer.save()
    client.force_login(viewer)

    response = client.get(url(world["program"]))

    assert response.status_code == 403
    assert b"Alpha" not in response.content


def test_a_provider_of_only_archived_cops_is_refused(client, world):
    world["risky"].stage = world["fresh"].stage = Stage.ARCHIVED
    world["risky"].save()
    world["fresh"].save()
    client.force_login(world["provider"])

    assert client.get(url(world["program"])).status_code == 403


def test_anonymous_is_sent_to_log_in_and_a_missing_program_is_not_found(client, world):
    assert "/accounts/login/" in client.get(url(world["program"]))["Location"]
    client.force_login(world["leader"])
    missing = reverse("oversight:program_dashboard", args=["no-such-program"])
    assert client.get(missing).status_code == 404


@pytest.mark.parametrize("column", sorted(SORTS))
def test_every_column_sorts_both_ways(client, world, column):
    ascending = page(client, world["leader"], url(world["program"], sort=column))
    descending = page(client, world["leader"], url(world["program"], sort=f"-{column}"))

    assert sorted(row_names(ascending)) == ["Alpha", "Bravo", "Charlie"]
    assert 'aria-sort="ascending"' in ascending and 'aria-sort="descending"' in descending
    assert f"sort=-{column}" in ascending  # the header link turns the order around


def test_sorting_by_a_figure_orders_the_rows_and_keeps_uncomputed_cops_last(client, world):
    ascending = page(client, world["leader"], url(world["program"], sort="members"))
    descending = page(client, world["leader"], url(world["program"], sort="-members"))

    assert row_names(ascending) == ["Alpha", "Bravo", "Charlie"]
    assert row_names(descending) == ["Bravo", "Alpha", "Charlie"]


def test_sorting_by_name_and_provider(client, world):
    assert row_names(page(client, world["leader"], url(world["program"], sort="-name"))) == [
        "Charlie",
        "Bravo",
        "Alpha",
    ]
    by_provider = page(client, world["leader"], url(world["program"], sort="provider"))
    assert row_names(by_provider) == ["Bravo", "Alpha", "Charlie"]  # Olu before Pat


@pytest.mark.parametrize("bad", ["drop table", "-", "--members", "health__flag", "__class__"])
def test_an_unknown_sort_is_ignored(client, world, bad):
    html = page(client, world["leader"], url(world["program"], sort=bad))

    assert row_names(html) == ["Alpha", "Bravo", "Charlie"]


@pytest.mark.parametrize(
    ("query", "names"),
    [
        ({"flag": HealthFlag.AT_RISK}, ["Alpha"]),
        ({"flag": HealthFlag.HEALTHY}, ["Bravo"]),
        ({"flag": "none"}, ["Charlie"]),
    ],
)
def test_filter_by_flag(client, world, query, names):
    assert row_names(page(client, world["leader"], url(world["program"], **query))) == names


def test_filter_by_provider(client, world):
    html = page(client, world["leader"], url(world["program"], provider=world["provider"].pk))

    assert row_names(html) == ["Alpha", "Charlie"]
    assert f'<option value="{world["other_provider"].pk}">Olu Other</option>' in html


@pytest.mark.parametrize(
    "query", [{"flag": "purple"}, {"provider": "abc"}, {"provider": "999999"}, {"page": "x"}]
)
def test_a_bad_filter_value_is_left_out_with_a_message(client, world, query):
    html = page(client, world["leader"], url(world["program"], **query))

    assert row_names(html) == ["Alpha", "Bravo", "Charlie"]
    if "page" not in query:
        assert "was not one of the choices" in html


def test_a_provider_cannot_filter_their_way_to_another_providers_cops(client, world):
    html = page(
        client, world["provider"], url(world["program"], provider=world["other_provider"].pk)
    )

    assert "Bravo" not in html


def test_a_filter_that_matches_nothing_says_so(client, world):
    html = page(client, world["leader"], url(world["program"], flag=HealthFlag.WATCH))

    assert "No CoP matches these filters." in html
    assert "table-sm align-middle table-figures" not in html


def test_a_program_without_cops_says_so(client):
    program, leader = led_program()

    html = page(client, leader, url(program))

    assert "This program has no open CoPs yet." in html


def test_fifty_rows_a_page_and_the_filters_ride_along(client):
    program, leader = led_program()
    for n in range(51):
        cop(program, name=f"CoP {n:02d}", flag=HealthFlag.WATCH)

    first = page(client, leader, url(program, flag=HealthFlag.WATCH, sort="name"))
    second = page(client, leader, url(program, flag=HealthFlag.WATCH, sort="name", page=2))

    assert len(row_names(first)) == 50
    assert row_names(second) == ["CoP 50"]
    assert "flag=2_watch&amp;sort=name&amp;page=2" in first


def test_figures_are_as_of_the_oldest_row_shown_in_the_viewers_zone(client, world):
    world["leader"].timezone = "Asia/Kolkata"
    world["leader"].save()
    oldest = timezone.now().replace(microsecond=0) - dt.timedelta(minutes=25)
    world["calm"].health.computed_at = oldest
    world["calm"].health.save()

    html = page(client, world["leader"], url(world["program"]))

    local = oldest.astimezone(dt.timezone(dt.timedelta(hours=5, minutes=30)))
    assert f'Figures as of <time datetime="{local.isoformat()}">' in html
    assert "every 10 minutes" in html


def test_the_charts_sum_the_weeks_of_the_cops_the_viewer_sees(client, world):
    monday = timezone.localdate() - dt.timedelta(days=timezone.localdate().weekday())
    week = monday - dt.timedelta(weeks=2)
    WeeklyActivity.objects.create(community=world["risky"], week=week, posts=3, present=4)
    WeeklyActivity.objects.create(community=world["fresh"], week=week, posts=5, absent=4)
    WeeklyActivity.objects.create(community=world["calm"], week=week, posts=100, present=50)
    elsewhere, _leader = led_program()
    WeeklyActivity.objects.create(community=cop(elsewhere), week=week, posts=1000)

    leader_html = page(client, world["leader"], url(world["program"]))
    provider_html = page(client, world["provider"], url(world["program"]))

    label = f"{week.day} {week:%b} {week.year}"
    assert chart_row(leader_html, "weekly-posts", label) == ["108"]
    assert chart_row(leader_html, "weekly-attendance", label) == ["54", "4", "93"]
    assert chart_row(provider_html, "weekly-posts", label) == ["8"]
    assert chart_row(provider_html, "weekly-attendance", label) == ["4", "4", "50"]
    assert len(chart_rows(leader_html, "weekly-posts")) == 12


def chart_rows(html: str, chart: str) -> list[str]:
    table = html.split(f'id="chart-table-{chart}"', 1)[1].split("</table>", 1)[0]
    return re.findall(r"<tr><th scope=\"row\">.*?</tr>", table)


def chart_row(html: str, chart: str, label: str) -> list[str]:
    (row,) = [row for row in chart_rows(html, chart) if f">{label}<" in row]
    return re.findall(r'data-value="([^"]*)"', row)


def test_the_page_explains_its_figures_and_rules(client, world):
    html = page(client, world["leader"], url(world["program"]))

    assert "answered a ping or a named survey in the last 30 days" in html
    assert "The last check-in said at risk." in html
    assert "More than three action items are overdue." in html
    assert "components/chart" not in html and 'data-chart="bar"' in html
    assert "chartjs/chart.umd.min." in html and "js/charts." in html


def test_the_table_is_accessible_and_fits_a_phone(client, world):
    html = page(client, world["leader"], url(world["program"], sort="-posts"))

    table = html.split('<div class="table-responsive">', 1)[1].split("</table>", 1)[0]
    assert "<caption" in table
    assert table.count('<th scope="col"') == 14
    assert '<th scope="col" aria-sort="descending"><a href="?sort=posts">Posts</a></th>' in table
    assert '<label class="form-label" for="id_flag">Flag</label>' in html


@pytest.mark.parametrize("viewer", ["leader", "provider"])
@pytest.mark.parametrize("cops", [5, 50])
def test_queries_stay_flat_when_cops_grow(client, cops, viewer, django_assert_max_num_queries):
    program, leader = led_program()
    provider = UserFactory()
    for n in range(cops):
        community = cop(program, provider=provider, **at_risk_figures())
        WeeklyActivity.objects.create(community=community, week=timezone.localdate(), posts=n)
    client.force_login({"leader": leader, "provider": provider}[viewer])

    with django_assert_max_num_queries(12):
        response = client.get(url(program))

    assert len(row_names(response.content.decode())) == min(cops, 50)


@pytest.mark.parametrize("cops", [5, 50])
def test_the_csv_queries_stay_flat_when_cops_grow(client, cops, django_assert_max_num_queries):
    program, leader = led_program()
    for _n in range(cops):
        cop(program, provider=UserFactory(), **at_risk_figures())
    client.force_login(leader)

    with django_assert_max_num_queries(8):
        response = client.get(reverse("oversight:program_dashboard_csv", args=[program.slug]))

    assert response.content.decode().count("said the CoP is at risk") == cops
