"""Health flags in the demo: the demo program's dashboard shows a CoP at risk, one on watch and
one healthy, each for reasons a person finds again on the CoP's own pages; safe to run again."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from communities.models import Program, User
from oversight.health import RULES
from oversight.models import CommunityHealth

pytestmark = pytest.mark.django_db

# Every rule of the table matches in some CoP of the demo.
SHOWN = {rule.code for rule in RULES}


@pytest.fixture
def seeded() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def dashboard_rows(client) -> dict[str, str]:
    """The demo program's dashboard as the TTA leader sees it: each CoP's name → its row."""
    client.force_login(User.objects.get(email="leader@example.org"))
    program = Program.objects.get(slug="2024-cop-series")
    response = client.get(reverse("oversight:program_dashboard", args=[program.slug]))
    assert response.status_code == 200
    body = response.content.decode().split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    rows = re.findall(r"<tr>(.*?)</tr>", body, flags=re.DOTALL)
    return {re.search(r'<th scope="row"><a [^>]+>([^<]+)</a>', row).group(1): row for row in rows}


def test_demo_dashboard_shows_a_cop_at_risk_one_on_watch_and_one_healthy_with_reasons(
    seeded, client
):
    rows = dashboard_rows(client)

    rural = rows["Rural Outreach"]
    assert ">At risk</span>" in rural
    assert re.search(r"Nothing has happened for 4\d days\.", rural)
    assert "is 36 days overdue, more than its cadence." in rural
    family = rows["Family Engagement"]
    assert ">At risk</span>" in family
    assert "said the CoP is at risk." in family and "4 action items are overdue." in family
    data = rows["Data-Informed Practice"]
    assert ">Watch</span>" in data
    assert "Attendance was 33% over the last 90 days." in data
    assert "1 question has had no reply for 14 days." in data
    assert ">Watch</span>" in rows["Recovery Leaders"]
    assert "said the CoP needs support." in rows["Recovery Leaders"]
    healthy = rows["Peer Support Supervisors"]
    assert ">Healthy</span>" in healthy and "No rule matched." in healthy
    assert "75%" in healthy  # its case review was well attended
    assert "Youth Transition Network 2023" not in rows  # archived


def test_demo_matches_every_rule_it_means_to_show_in_some_cop(seeded):
    matched = {code for reasons in CommunityHealth.objects.values_list("reasons", flat=True)
               for code in reasons}  # fmt: skip

    assert matched == SHOWN


def test_seed_demo_lists_each_program_cop_with_its_flag_and_reasons(seeded):
    assert "rural-outreach                 At risk: Nothing has happened for" in seeded
    assert "peer-support-supervisors       Healthy: No rule matched." in seeded
    assert "data-informed-practice         Watch: Attendance was 33%" in seeded


def test_demo_reasons_can_be_checked_on_the_cops_pages(seeded, client):
    client.force_login(User.objects.get(email="facilitator@example.org"))

    actions = client.get(reverse("meetings:actions", args=["family-engagement"])).content
    for title in ("chapter on consent", "three family stories", "review the draft"):
        assert title.encode() in actions
    threads = client.get(reverse("communities:threads", args=["data-informed-practice"]))
    assert b"Which outcome measures does your program already collect?" in threads.content
    quiet = client.get(reverse("communities:threads", args=["rural-outreach"]))
    assert b"Toolkit refresh: what changed in telehealth billing" in quiet.content


def test_seed_demo_changes_no_flag_and_no_reasons_when_run_again(seeded):
    def flags():
        return {
            health.community.slug: (health.flag, health.reasons, health.overdue_action_items)
            for health in CommunityHealth.objects.select_related("community")
        }

    first = flags()
    call_command("seed_demo", stdout=StringIO())

    assert flags() == first
    assert len(first) == 6  # the program's five open CoPs and the stand-alone one
