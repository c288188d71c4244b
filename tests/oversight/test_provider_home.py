"""A TTA provider's home page lists the CoPs assigned to them with their health flags, the worst
first, each with its first reason and the ways to its dashboard and its program's."""

import pytest
from django.urls import reverse

from communities.models import Stage
from oversight.models import HealthFlag
from tests.factories import CommunityFactory, UserFactory
from tests.oversight.dashboard_helpers import at_risk_figures, cop, led_program

pytestmark = pytest.mark.django_db


def section(client, viewer) -> str:
    client.force_login(viewer)
    html = client.get(reverse("home")).content.decode()
    if 'id="home-cops-provided"' not in html:
        return ""
    return html.split('id="home-cops-provided"', 1)[1].split("</section>", 1)[0]


def test_a_provider_sees_their_cops_worst_first_with_reason_and_links(client):
    program, _leader = led_program()
    provider = UserFactory()
    cop(program, provider=provider, name="Calm Harbour", flag=HealthFlag.HEALTHY)
    at_risk = cop(program, provider=provider, name="Stormy Point", **at_risk_figures())
    cop(program, provider=provider, name="New Arrival")  # not computed yet
    cop(program, provider=UserFactory(), name="Someone Else's")
    CommunityFactory(program=program, provider=provider, name="Closed Down", stage=Stage.ARCHIVED)

    html = section(client, provider)

    assert html.index("Stormy Point") < html.index("Calm Harbour") < html.index("New Arrival")
    assert "said the CoP is at risk" in html
    assert "Not computed yet" in html
    assert reverse("oversight:cop_dashboard", args=[at_risk.slug]) in html
    assert reverse("oversight:program_dashboard", args=[program.slug]) in html
    assert "Someone Else" not in html and "Closed Down" not in html


def test_no_section_for_someone_who_supports_no_program_cop(client):
    program, leader = led_program()
    cop(program, name="Led Only", flag=HealthFlag.HEALTHY)
    standalone_provider = UserFactory()
    CommunityFactory(provider=standalone_provider)

    assert section(client, leader) == ""
    assert section(client, standalone_provider) == ""


@pytest.mark.parametrize("count", [2, 20])
def test_the_section_costs_the_same_queries_however_many_cops(
    count, client, django_assert_max_num_queries
):
    program, _leader = led_program()
    provider = UserFactory()
    for number in range(count):
        cop(program, provider=provider, name=f"Supported {number:02}", **at_risk_figures())
    client.force_login(provider)
    client.get(reverse("home"))  # warm the session and the nav

    with django_assert_max_num_queries(30) as captured:
        html = client.get(reverse("home")).content.decode()

    assert "Supported 00" in html
    assert ("More CoPs are on your programs" in html) == (count > 10)
    queries = [
        q["sql"] for q in captured.captured_queries if "oversight_communityhealth" in q["sql"]
    ]
    assert len(queries) == 1
