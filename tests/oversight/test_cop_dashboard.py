"""One CoP's dashboard: its figures for those who lead or oversee it, its members one by one
only for its facilitators and usage analysts (SPEC §6), the CSV of those rows, and the flag on
the CoP page's panel."""

import csv
import datetime as dt
import io
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import timezone

from communities.models import Ping, PingAnswer, Reaction, Role, Visibility
from meetings.models import Attendance, OccurrenceRecord, Rsvp
from oversight.cop_dashboard_selectors import meetings_held, member_rows
from oversight.models import CommunityHealth, Responded, SurveyResponse, WeeklyActivity
from oversight.page_parts import cop_health_panel
from tests.factories import MembershipFactory, PostFactory, ThreadFactory, UserFactory
from tests.meetings.factories import MeetingFactory
from tests.oversight.evaluation_helpers import an_evaluation
from tests.oversight.factories import program_cop

pytestmark = pytest.mark.django_db

NOW = timezone.now


def days_ago(days: int, hour: int = 12) -> dt.datetime:
    moment = timezone.now() - dt.timedelta(days=days)
    return moment.replace(hour=hour, minute=0, second=0, microsecond=0)


def a_cop(**fields) -> SimpleNamespace:
    """A program CoP with a facilitator, a usage analyst, a provider, a TTA leader and a plain
    member, Listed Member, whose name must never reach the provider or the leader."""
    community, (facilitator,), provider, leader = program_cop(
        started_on=timezone.localdate() - dt.timedelta(days=3), **fields
    )
    analyst = MembershipFactory(community=community, roles=[Role.USAGE_ANALYST]).user
    member = MembershipFactory(community=community, user=UserFactory(name="Listed Member")).user
    return SimpleNamespace(
        community=community,
        facilitator=facilitator,
        analyst=analyst,
        provider=provider,
        leader=leader,
        member=member,
    )


def health_row(community, **fields) -> CommunityHealth:
    values = {
        "computed_at": timezone.now(),
        "members": 4,
        "active_members": 3,
        "posts": 17,
        "meetings_held": 5,
        "present": 6,
        "absent": 10,
        "attendance_rate": 0.375,
        "open_action_items": 7,
        "overdue_action_items": 2,
        "evaluation_score": 4.25,
        "flag": "2_watch",
        "reasons": ["low_attendance"],
    }
    return CommunityHealth.objects.create(community=community, **(values | fields))


def page_of(client, user, community, status=200) -> str:
    client.force_login(user)
    response = client.get(reverse("oversight:cop_dashboard", args=[community.slug]))
    assert response.status_code == status
    return response.content.decode()


def csv_of(client, user, community) -> list[list[str]]:
    client.force_login(user)
    response = client.get(reverse("oversight:cop_dashboard_members_csv", args=[community.slug]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode())))


# --- Who sees what ------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["facilitator", "analyst"])
def test_leaders_and_usage_analysts_see_the_member_rows(client, who):
    cop = a_cop()
    health_row(cop.community)

    html = page_of(client, getattr(cop, who), cop.community)

    assert "Member by member" in html
    assert "Listed Member" in html
    assert "members.csv" in html
    assert "Attendance was 38% over the last 90 days." in html


@pytest.mark.parametrize("who", ["provider", "leader"])
def test_the_provider_and_tta_leaders_see_the_figures_but_no_member_rows(client, who):
    cop = a_cop()
    health_row(cop.community)

    html = page_of(client, getattr(cop, who), cop.community)

    assert "Listed Member" not in html
    assert "Member by member" not in html and "members.csv" not in html
    assert "<td>17</td>" in html  # posts (30 days)
    assert "<td>7</td>" in html  # open action items
    assert "4.2 / 5" in html or "4.3 / 5" in html
    assert "38 %" in html
    assert "Watch" in html
    assert "Attendance was 38% over the last 90 days." in html


def test_a_plain_member_is_refused_the_dashboard(client):
    cop = a_cop()
    health_row(cop.community)

    html = page_of(client, cop.member, cop.community, status=403)

    assert "<td>17</td>" not in html


def test_a_private_cop_is_not_found_for_outsiders(client):
    cop = a_cop(visibility=Visibility.PRIVATE)
    health_row(cop.community)

    page_of(client, UserFactory(), cop.community, status=404)
    response = client.get(reverse("oversight:cop_dashboard_members_csv", args=[cop.community.slug]))
    assert response.status_code == 404


@pytest.mark.parametrize("who", ["provider", "leader", "member"])
def test_the_csv_is_refused_to_all_but_leaders_and_usage_analysts(client, who):
    cop = a_cop()
    client.force_login(getattr(cop, who))

    response = client.get(reverse("oversight:cop_dashboard_members_csv", args=[cop.community.slug]))

    assert response.status_code == 403
    assert "Last active" not in response.content.decode()


# --- The figures, the charts and the definitions -----------------------------------------------


def test_the_figures_say_as_of_when_in_the_viewers_zone(client):
    cop = a_cop()
    computed = dt.datetime(2026, 3, 2, 23, 30, tzinfo=dt.UTC)
    health_row(cop.community, computed_at=computed)
    cop.leader.timezone = "Asia/Tokyo"
    cop.leader.save(update_fields=["timezone"])

    html = page_of(client, cop.leader, cop.community)

    assert "as of" in html
    assert "3 Mar 2026, 08:30" in html  # 23:30 UTC is the next morning in Tokyo


def test_a_cop_without_figures_says_when_they_will_appear(client):
    cop = a_cop()

    html = page_of(client, cop.facilitator, cop.community)

    assert "figures will appear after the next refresh (every 10 minutes)" in html
    assert html.count("Nothing to draw yet.") == 2


def test_the_chart_tables_hold_the_weekly_figures(client):
    cop = a_cop()
    today = timezone.localdate()
    monday = today - dt.timedelta(days=today.weekday())
    WeeklyActivity.objects.create(community=cop.community, week=monday, posts=11, present=8)
    WeeklyActivity.objects.create(
        community=cop.community, week=monday - dt.timedelta(weeks=2), posts=4, present=3, absent=2
    )
    WeeklyActivity.objects.create(  # older than 12 weeks: not drawn
        community=cop.community, week=monday - dt.timedelta(weeks=20), posts=99
    )

    html = page_of(client, cop.provider, cop.community)

    assert 'id="chart-table-weekly-posts"' in html
    assert 'id="chart-table-weekly-attendance"' in html
    assert 'data-value="11"' in html and 'data-value="8"' in html
    assert 'data-value="4"' in html and 'data-value="3"' in html
    assert 'data-value="99"' not in html
    posts_table = html.split('id="chart-table-weekly-posts"')[1].split("</table>")[0]
    assert posts_table.count('<tr><th scope="row">') == 12  # every week, quiet ones as 0
    assert "vendor/chartjs/chart.umd.min" in html  # the scripts that draw them


def test_the_page_shows_the_definitions_and_every_health_rule(client):
    cop = a_cop()

    html = page_of(client, cop.leader, cop.community)

    assert "Meeting occurrences in the last 90 days with attendance or notes recorded." in html
    assert "Attendance is under 50% over the last 90 days." in html
    assert "A check-in is more than a cadence overdue." in html


def test_the_tables_scroll_sideways_on_a_narrow_screen(client):
    """At 390 px a wide table scrolls inside its box rather than widening the page."""
    cop = a_cop()
    health_row(cop.community)

    html = page_of(client, cop.facilitator, cop.community)

    members_table = html.split('id="cop-members"')[1]
    assert '<div class="table-responsive">\n    <table class="table table-sm align-middle">' in (
        members_table
    )
    assert '<th scope="col">RSVP rate (90 days)</th>' in members_table


# --- The member rows ---------------------------------------------------------------------------


def rows_by_member(community, now=None):
    now = now or timezone.now()
    members = [m.user for m in community.memberships.select_related("user")]
    held = meetings_held(community=community, now=now)
    return {row.member: row for row in member_rows(community=community, members=members,
                                                   now=now, held=held)}, held  # fmt: skip


def test_last_active_ignores_an_anonymous_survey_answer_and_counts_a_named_one(client):
    cop = a_cop()
    anonymous = an_evaluation(cop.community, anonymous=True)
    SurveyResponse.objects.create(evaluation=anonymous, submitted_on=timezone.localdate())
    Responded.objects.create(evaluation=anonymous, person=cop.member)

    rows, _held = rows_by_member(cop.community)
    assert rows[cop.member].last_active is None
    html = page_of(client, cop.facilitator, cop.community)
    zelda = html.split("Listed Member")[1].split("</tr>")[0]
    assert "not yet" in zelda

    named = an_evaluation(cop.community, anonymous=False)
    day = timezone.localdate() - dt.timedelta(days=2)
    SurveyResponse.objects.create(evaluation=named, person=cop.member, submitted_on=day)

    rows, _held = rows_by_member(cop.community)
    assert rows[cop.member].last_active == day
    html = page_of(client, cop.facilitator, cop.community)
    zelda = html.split("Listed Member")[1].split("</tr>")[0]
    assert f'datetime="{day:%Y-%m-%d}"' in zelda


def test_last_active_is_the_latest_activity_as_a_day_in_the_viewers_zone(client):
    cop = a_cop()
    thread = ThreadFactory(community=cop.community, created_at=days_ago(40))
    PostFactory(thread=thread, author=cop.member, created_at=days_ago(30))
    ping = Ping.objects.create(community=cop.community, question="How?", closes_at=timezone.now())
    PingAnswer.objects.create(ping=ping, user=cop.member, answered_at=days_ago(20))
    late = days_ago(5, hour=23).replace(minute=30)  # 23:30 UTC: the next day in Tokyo
    Reaction.objects.create(post=PostFactory(thread=thread), user=cop.member, created_at=late)
    cop.facilitator.timezone = "Asia/Tokyo"
    cop.facilitator.save(update_fields=["timezone"])

    html = page_of(client, cop.facilitator, cop.community)

    zelda = html.split("Listed Member")[1].split("</tr>")[0]
    tokyo_day = (late + dt.timedelta(hours=9)).date()
    assert f'datetime="{tokyo_day:%Y-%m-%d}"' in zelda


def test_posts_count_threads_and_replies_of_the_last_90_days():
    cop = a_cop()
    thread = ThreadFactory(community=cop.community, author=cop.member, created_at=days_ago(10))
    PostFactory(thread=thread, author=cop.member, created_at=days_ago(3))
    PostFactory(thread=thread, author=cop.member, created_at=days_ago(100))
    PostFactory(thread=thread, author=cop.member, deleted_at=timezone.now())
    ThreadFactory(author=cop.member)  # another CoP's thread

    rows, _held = rows_by_member(cop.community)

    assert rows[cop.member].posts == 2
    assert rows[cop.member].last_active == timezone.localdate(days_ago(3))


def test_rsvp_rate_and_meetings_attended_count_held_occurrences_of_the_last_90_days(client):
    cop = a_cop()
    meeting = MeetingFactory(community=cop.community)
    marked, noted, unrecorded, old = days_ago(7), days_ago(14), days_ago(21), days_ago(120)
    Attendance.objects.create(
        meeting=meeting, occurrence_start=marked, member=cop.member, status="present"
    )
    Attendance.objects.create(
        meeting=meeting, occurrence_start=marked, member=cop.analyst, status="absent"
    )
    OccurrenceRecord.objects.create(meeting=meeting, occurrence_start=noted, notes="We met.")
    OccurrenceRecord.objects.create(meeting=meeting, occurrence_start=unrecorded)  # no notes
    Attendance.objects.create(
        meeting=meeting, occurrence_start=old, member=cop.member, status="present"
    )
    for start in (marked, unrecorded, old):
        Rsvp.objects.create(
            meeting=meeting, occurrence_start=start, member=cop.member, response="yes"
        )

    rows, held = rows_by_member(cop.community)

    assert held == 2  # the marked and the noted occurrence
    zelda = rows[cop.member]
    assert (zelda.attended, zelda.rsvps, zelda.rsvp_rate) == (1, 1, 0.5)
    assert (rows[cop.analyst].attended, rows[cop.analyst].rsvp_rate) == (0, 0)
    html = page_of(client, cop.facilitator, cop.community)
    zelda_html = html.split("Listed Member")[1].split("</tr>")[0]
    assert "<td>1</td>" in zelda_html and "50 %" in zelda_html and "(1/2)" in zelda_html


def test_rsvp_rate_is_a_dash_when_no_meeting_was_held(client):
    cop = a_cop()

    rows, held = rows_by_member(cop.community)

    assert held == 0 and rows[cop.member].rsvp_rate is None
    zelda = page_of(client, cop.facilitator, cop.community).split("Listed Member")[1]
    assert "<td>—</td>" in zelda.split("</tr>")[0]


def test_the_member_rows_are_paginated_by_name(client):
    cop = a_cop()
    for n in range(51):
        MembershipFactory(community=cop.community, user=UserFactory(name=f"Aaron {n:02}"))

    html = page_of(client, cop.facilitator, cop.community)

    assert "Aaron 00" in html and "Aaron 49" in html
    assert "Aaron 50" not in html and "Listed Member" not in html
    assert "Page 1 of 2" in html
    client.force_login(cop.facilitator)
    second = client.get(reverse("oversight:cop_dashboard", args=[cop.community.slug]) + "?page=2")
    assert "Listed Member" in second.content.decode()


def busy_members(community, count):
    """Members with a thread, a reply, a reaction, an RSVP and an attendance mark each."""
    meeting = MeetingFactory(community=community)
    start = days_ago(7)
    thread = ThreadFactory(community=community)
    for n in range(count):
        user = MembershipFactory(community=community, user=UserFactory(name=f"Busy {n:02}")).user
        ThreadFactory(community=community, author=user)
        Reaction.objects.create(post=PostFactory(thread=thread, author=user), user=user)
        Rsvp.objects.create(meeting=meeting, occurrence_start=start, member=user, response="yes")
        Attendance.objects.create(
            meeting=meeting, occurrence_start=start, member=user, status="present"
        )


@pytest.mark.parametrize("count", [5, 50])
def test_the_page_queries_stay_flat_as_members_grow(client, count, django_assert_max_num_queries):
    cop = a_cop()
    health_row(cop.community)
    busy_members(cop.community, count)
    client.force_login(cop.facilitator)

    # The same bound for 5 members as for 50: one grouped query a kind of activity.
    with django_assert_max_num_queries(19):
        html = client.get(reverse("oversight:cop_dashboard", args=[cop.community.slug]))

    html = html.content.decode()
    assert f"Busy {count - 1:02}" in html
    busy = html.split(f"Busy {count - 1:02}")[1].split("</tr>")[0]
    assert "<td>2</td>" in busy and "<td>1</td>" in busy and "100 %" in busy


@pytest.mark.parametrize("count", [5, 50])
def test_the_csv_queries_stay_flat_as_members_grow(client, count, django_assert_max_num_queries):
    cop = a_cop()
    busy_members(cop.community, count)
    client.force_login(cop.facilitator)

    with django_assert_max_num_queries(15):
        response = client.get(
            reverse("oversight:cop_dashboard_members_csv", args=[cop.community.slug])
        )

    assert f"Busy {count - 1:02}" in response.content.decode()


# --- The CSV --------------------------------------------------------------------------------


def test_the_csv_has_every_members_row_with_formula_cells_escaped(client):
    cop = a_cop()
    MembershipFactory(community=cop.community, user=UserFactory(name="=HYPERLINK(evil)"))
    thread = ThreadFactory(community=cop.community, author=cop.member, created_at=days_ago(2))
    PostFactory(thread=thread, author=cop.member, created_at=days_ago(1))

    rows = csv_of(client, cop.analyst, cop.community)

    assert rows[0] == [
        "Member",
        "Last active",
        "Posts (90 days)",
        "Meetings attended (90 days)",
        "RSVP rate (%)",
    ]
    by_name = {row[0]: row for row in rows[1:]}
    assert len(by_name) == 4  # the facilitator, the analyst, the listed member and the formula name
    assert "'=HYPERLINK(evil)" in by_name
    assert "=HYPERLINK(evil)" not in by_name
    last = timezone.localdate(days_ago(1)).isoformat()
    assert by_name["Listed Member"] == ["Listed Member", last, "2", "0", ""]


# --- The CoP page's panel ----------------------------------------------------------------------


@pytest.mark.parametrize("who", ["facilitator", "analyst", "provider", "leader"])
def test_the_cop_page_panel_shows_the_flag_and_its_reasons(client, who):
    cop = a_cop()
    health_row(cop.community, flag="1_at_risk", reasons=["overdue_actions"], overdue_action_items=5)
    client.force_login(getattr(cop, who))

    html = client.get(cop.community.get_absolute_url()).content.decode()

    assert "CoP health" in html
    assert "At risk" in html
    assert "5 action items are overdue." in html
    assert reverse("oversight:cop_dashboard", args=[cop.community.slug]) in html


@pytest.mark.parametrize("who", ["member", "outsider"])
def test_the_cop_page_panel_shows_nothing_to_members(client, who):
    cop = a_cop()
    health_row(cop.community, flag="1_at_risk", reasons=["overdue_actions"], overdue_action_items=5)
    client.force_login(cop.member if who == "member" else UserFactory())

    html = client.get(cop.community.get_absolute_url()).content.decode()

    assert "CoP health" not in html
    assert "action items are overdue" not in html
    assert reverse("oversight:cop_dashboard", args=[cop.community.slug]) not in html


def test_the_panel_says_when_figures_will_appear(client):
    cop = a_cop()
    client.force_login(cop.leader)

    html = client.get(cop.community.get_absolute_url()).content.decode()

    assert "CoP health" in html
    assert "The figures will appear after the next refresh (every 10 minutes)." in html


def test_the_panel_reads_the_flag_in_one_query(rf, django_assert_num_queries):
    cop = a_cop()
    health_row(cop.community, flag="1_at_risk", reasons=["overdue_actions"], overdue_action_items=5)
    request = rf.get("/")
    request.user = cop.leader
    cop_health_panel(request, cop.community)  # loads the viewer's roles, once a request

    with django_assert_num_queries(1):
        context = cop_health_panel(request, cop.community)

    assert context["reasons"] == ["5 action items are overdue."]


def test_the_program_dashboard_is_linked_for_those_who_follow_it_when_in_a_program(client):
    cop = a_cop()
    address = reverse("oversight:cop_dashboard", args=[cop.community.slug])
    back = reverse("oversight:program_dashboard", args=[cop.community.program.slug])
    for viewer, linked in ((cop.leader, True), (cop.provider, True), (cop.facilitator, False)):
        client.force_login(viewer)
        html = client.get(address).content.decode()
        assert (f'href="{back}"' in html) is linked, viewer
