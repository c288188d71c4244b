"""The program dashboard as a CSV: the same rows as the page (filters and sort), every page of
them, flags and reasons in words, cells a spreadsheet would run escaped, and nothing for those
who may not see the dashboard."""

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from oversight.models import HealthFlag
from tests.factories import MembershipFactory, UserFactory
from tests.oversight.dashboard_helpers import at_risk_figures, cop, led_program

pytestmark = pytest.mark.django_db


def csv_url(program, query: str = "") -> str:
    return reverse("oversight:program_dashboard_csv", args=[program.slug]) + query


def rows_of(response) -> list[list[str]]:
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(response.content.decode())))


@pytest.fixture
def world():
    program, leader = led_program()
    provider = UserFactory(name="Pat Provider")
    risky = cop(program, provider=provider, name="=cmd()", members=7, **at_risk_figures())
    calm = cop(program, name="Bravo", members=30, posts=41, attendance_rate=0.8)
    fresh = cop(program, provider=provider, name="Charlie")
    return {
        "program": program,
        "leader": leader,
        "provider": provider,
        "cops": (risky, calm, fresh),
    }


def test_the_csv_holds_every_row_with_flag_and_reasons_in_words(client, world):
    world["leader"].timezone = "Asia/Tokyo"
    world["leader"].save()
    client.force_login(world["leader"])

    response = client.get(csv_url(world["program"]))
    header, *rows = rows_of(response)

    assert response["Content-Disposition"] == (
        f'attachment; filename="{world["program"].slug}-dashboard.csv"'
    )
    assert header[:4] == ["CoP", "TTA provider", "Stage", "Members"]
    assert "Reasons" in header
    assert [row[0] for row in rows] == ["'=cmd()", "Bravo", "Charlie"]
    risky, calm, fresh = rows
    assert risky[header.index("Flag")] == "At risk"
    assert "said the CoP is at risk" in risky[header.index("Reasons")]
    assert risky[header.index("Last check-in status")] == "At risk"
    assert calm[header.index("Attendance rate (%)")] == "80"
    assert calm[header.index("Posts")] == "41"
    assert fresh[header.index("Flag")] == "Not computed yet"
    as_of = dt.datetime.fromisoformat(risky[header.index("Figures as of")])
    assert as_of.utcoffset() == dt.timedelta(hours=9)  # the leader's zone
    assert abs(as_of - timezone.now()) < dt.timedelta(minutes=5)


def test_the_csv_follows_the_filters_and_sort_over_every_page(client, world):
    for n in range(60):
        cop(world["program"], name=f"Watch {n:02d}", flag=HealthFlag.WATCH)
    client.force_login(world["leader"])

    _header, *rows = rows_of(client.get(csv_url(world["program"], "?flag=2_watch&sort=-name")))

    assert len(rows) == 60
    assert rows[0][0] == "Watch 59" and rows[-1][0] == "Watch 00"


def test_a_provider_gets_only_their_cops(client, world):
    client.force_login(world["provider"])

    _header, *rows = rows_of(client.get(csv_url(world["program"])))

    assert [row[0] for row in rows] == ["'=cmd()", "Charlie"]


@pytest.mark.parametrize("who", ["member", "outsider", "other_leader"])
def test_a_csv_of_a_program_one_does_not_lead_is_refused(client, world, who):
    viewer = UserFactory(is_tta_leader=who == "other_leader")
    if who == "member":
        MembershipFactory(community=world["cops"][0], user=viewer, roles=["facilitator"])
    elif who == "other_leader":
        other, _leader = led_program()
        other.leaders.add(viewer)
    client.force_login(viewer)

    response = client.get(csv_url(world["program"]))

    assert response.status_code == 403
    assert b"cmd" not in response.content and b"Bravo" not in response.content
    assert "attachment" not in response.get("Content-Disposition", "")


def test_bad_csv_filters_are_left_out_not_a_500(client, world):
    client.force_login(world["leader"])

    _header, *rows = rows_of(client.get(csv_url(world["program"], "?flag=x&provider=y&sort=z")))

    assert len(rows) == 3
