"""A TTA leader's home page is their programs' dashboards: each program's flag counts, the CoPs
at risk across them on top with the first reason in words, and the ways to each dashboard; the
program page links its dashboard for those who may read it."""

import re

import pytest
from django.urls import reverse

from communities.models import Stage
from oversight.models import HealthFlag
from oversight.page_parts import programs_led_section
from tests.factories import MembershipFactory, UserFactory
from tests.oversight.dashboard_helpers import at_risk_figures, cop, led_program

pytestmark = pytest.mark.django_db


def home(client, viewer) -> str:
    client.force_login(viewer)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return response.content.decode()


def section(html: str) -> str:
    return html.split('id="home-programs-led"', 1)[1].split("</section>", 1)[0]


@pytest.fixture
def leader_of_two():
    first, leader = led_program()
    second, _other = led_program()
    second.leaders.add(leader)
    cop(first, name="Quiet Corner", **at_risk_figures())
    cop(first, name="Busy Hub", flag=HealthFlag.HEALTHY)
    cop(first, name="Wobbly", flag=HealthFlag.WATCH)
    cop(second, name="Steady", flag=HealthFlag.HEALTHY)
    return leader, first, second


def test_each_program_shows_its_flag_counts_and_links(client, leader_of_two):
    leader, first, second = leader_of_two

    html = section(home(client, leader))

    for program, counts in ((first, ["1", "1", "1"]), (second, ["0", "0", "1"])):
        part = html.split(f'id="home-program-{program.slug}"', 1)[1].split("</li>\n    \n", 1)[0]
        assert re.findall(r"<strong>(\d+)</strong>", part)[:3] == counts
        assert reverse("oversight:program_dashboard", args=[program.slug]) in part
        assert reverse("oversight:program_evaluations", args=[program.slug]) in part
        assert reverse("oversight:program_survey_templates", args=[program.slug]) in part


def test_the_cops_at_risk_come_first_with_their_reason(client, leader_of_two):
    leader, first, _second = leader_of_two

    html = section(home(client, leader))

    assert html.index("Quiet Corner") < html.index(f'id="home-program-{first.slug}"')
    assert "said the CoP is at risk" in html
    assert "Busy Hub" not in html and "Wobbly" not in html


def test_at_most_five_cops_at_risk_and_the_rest_counted(client):
    program, leader = led_program()
    for n in range(7):
        cop(program, name=f"Risky {n}", **at_risk_figures())
    archived = cop(program, name="Gone quiet", **at_risk_figures())
    archived.stage = Stage.ARCHIVED
    archived.save()

    html = section(home(client, leader))

    assert html.count('<span class="badge text-bg-danger">At risk</span>') == 5 + 1  # + count
    assert "And 2 more CoPs at risk" in html
    assert "Gone quiet" not in html


@pytest.mark.parametrize("who", ["provider", "member"])
def test_others_do_not_get_the_section(client, leader_of_two, who):
    _leader, first, _second = leader_of_two
    community = cop(first, provider=UserFactory(), **at_risk_figures())
    viewer = (
        community.provider
        if who == "provider"
        else MembershipFactory(community=community, roles=["facilitator"]).user
    )

    assert 'id="home-programs-led"' not in home(client, viewer)


@pytest.mark.parametrize("programs", [2, 20])
def test_the_section_costs_the_same_queries_for_many_programs(
    client, programs, django_assert_max_num_queries
):
    leader = UserFactory(is_tta_leader=True)
    for _n in range(programs):
        program, _other = led_program()
        program.leaders.add(leader)
        cop(program, **at_risk_figures())
        cop(program, flag=HealthFlag.HEALTHY)
    client.force_login(leader)

    with django_assert_max_num_queries(25):
        response = client.get(reverse("home"))

    assert section(response.content.decode()).count("Evaluations and results") == min(programs, 10)


def test_the_section_adds_three_queries_however_many_programs(django_assert_num_queries, rf):
    for programs in (2, 20):
        leader = UserFactory(is_tta_leader=True)
        for _n in range(programs):
            program, _other = led_program()
            program.leaders.add(leader)
            cop(program, **at_risk_figures())
        request = rf.get("/")
        request.user = leader
        with django_assert_num_queries(5):  # the viewer's access (2), then the section's 3
            context = programs_led_section(request)
        assert len(context["programs"]) == min(programs, 10)
        assert len(context["at_risk"]) == min(programs, 5)


# --- The program page's link -----------------------------------------------------------------


@pytest.mark.parametrize(("who", "shown"), [("leader", True), ("provider", True)])
def test_the_program_page_links_its_dashboard(client, who, shown):
    program, leader = led_program()
    provider = UserFactory()
    cop(program, provider=provider)
    client.force_login({"leader": leader, "provider": provider}[who])

    html = client.get(program.get_absolute_url()).content.decode()

    assert (reverse("oversight:program_dashboard", args=[program.slug]) in html) is shown


@pytest.mark.parametrize("who", ["member", "outsider", "provider_elsewhere"])
def test_the_program_page_hides_the_link_from_others(client, who):
    program, _leader = led_program()
    community = cop(program)
    viewer = UserFactory()
    if who == "member":
        MembershipFactory(community=community, user=viewer, roles=["facilitator"])
    elif who == "provider_elsewhere":
        other, _other_leader = led_program()
        cop(other, provider=viewer)
    client.force_login(viewer)

    html = client.get(program.get_absolute_url()).content.decode()

    assert reverse("oversight:program_dashboard", args=[program.slug]) not in html
