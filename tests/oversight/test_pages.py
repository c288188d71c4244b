"""Check-in pages: the history (paginated, with an empty state, overdue standing out), recording a
check-in with follow-ups, the facilitators' status answer, the cadence, and the bad input each
refuses with a 4xx while changing nothing."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from communities.models import Stage
from meetings.models import ActionItem
from oversight.models import CheckIn, CheckInMail, CheckInPlan, StatusUpdate
from oversight.services import record_checkin
from tests.factories import MembershipFactory, UserFactory
from tests.oversight.factories import program_cop

pytestmark = pytest.mark.django_db


def today() -> dt.date:
    return timezone.localdate()


@pytest.fixture
def cop():
    return program_cop(started_on=today() - dt.timedelta(days=20), provider_zone="UTC")


def url(name, community) -> str:
    return reverse(f"oversight:{name}", args=[community.slug])


def snapshot(community) -> tuple:
    return (
        list(CheckIn.objects.values_list("pk", "status", "held_on")),
        list(CheckInPlan.objects.values_list("next_due_on", "cadence_days")),
        list(StatusUpdate.objects.values_list("pk", "status")),
        ActionItem.objects.count(),
        list(CheckInMail.objects.values_list("pk", "due_on")),
    )


def test_the_history_is_empty_then_lists_checkins_and_flags_overdue(client, cop):
    community, _facilitators, _provider, leader = cop
    client.force_login(leader)

    html = client.get(url("checkins", community)).content.decode()

    assert "No check-ins recorded yet." in html
    assert "Overdue:" in html  # joined 20 days ago, every two weeks, nothing recorded


def test_the_provider_records_a_checkin_with_follow_ups_and_the_next_one_moves(client, cop):
    community, (facilitator,), provider, _leader = cop
    client.force_login(provider)
    held_on = today() - dt.timedelta(days=1)

    response = client.post(
        url("checkin_record", community),
        {
            "held_on": held_on.isoformat(),
            "status": "needs_support",
            "notes": "Hosting is stretched.",
            "follow_ups": "Draft a hosting rota\n\nAsk the program for a co-host",
            "follow_up_owner": facilitator.pk,
            "follow_up_due": (today() + dt.timedelta(days=7)).isoformat(),
        },
    )

    assert response.status_code == 302
    checkin = CheckIn.objects.get(community=community)
    assert (checkin.status, checkin.recorded_by) == ("needs_support", provider)
    titles = sorted(checkin.follow_ups.values_list("title", flat=True))
    assert titles == ["Ask the program for a co-host", "Draft a hosting rota"]
    assert set(ActionItem.objects.values_list("owner", "community")) == {
        (facilitator.pk, community.pk)
    }
    assert CheckInPlan.objects.get(community=community).next_due_on == held_on + dt.timedelta(14)
    html = client.get(url("checkins", community)).content.decode()
    assert "Hosting is stretched." in html and "Draft a hosting rota" in html
    assert "Overdue:" not in html


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("status", "fine"),  # not one of the choices
        ("held_on", "not a date"),
        ("held_on", "2999-01-01"),  # a check-in in the future
        ("follow_ups", "Only a title, nobody to take it"),
    ],
)
def test_recording_refuses_bad_input_and_changes_nothing(client, cop, field, value):
    community, _facilitators, provider, _leader = cop
    client.force_login(provider)
    data = {"held_on": today().isoformat(), "status": "on_track", field: value}
    before = snapshot(community)

    response = client.post(url("checkin_record", community), data)

    assert response.status_code == 422
    assert snapshot(community) == before


def test_recording_for_a_cop_one_does_not_provide_for_is_refused(client, cop):
    community, *_ = cop
    _other, _f, other_provider, _l = program_cop(started_on=today())
    client.force_login(other_provider)
    before = snapshot(community)

    response = client.post(
        url("checkin_record", community), {"held_on": today().isoformat(), "status": "on_track"}
    )

    assert response.status_code == 403
    assert snapshot(community) == before


def test_nobody_records_for_an_archived_cop(client, cop):
    community, _facilitators, provider, _leader = cop
    community.stage = Stage.ARCHIVED
    community.save(update_fields=["stage"])
    client.force_login(provider)
    before = snapshot(community)

    response = client.post(
        url("checkin_record", community), {"held_on": today().isoformat(), "status": "on_track"}
    )

    assert response.status_code == 403
    assert snapshot(community) == before


def test_a_facilitator_answers_the_status_request_and_may_change_it(client, cop):
    community, (facilitator,), _provider, _leader = cop
    client.force_login(facilitator)

    client.post(
        url("status_update", community), {"status": "at_risk", "what_would_help": "A co-host"}
    )
    client.post(url("status_update", community), {"status": "needs_support"})

    update = StatusUpdate.objects.get(community=community)
    plan = CheckInPlan.objects.get(community=community)
    assert (update.status, update.due_on, update.author) == (
        "needs_support",
        plan.next_due_on,
        facilitator,
    )


def test_a_status_not_in_the_choices_is_refused(client, cop):
    community, (facilitator,), _provider, _leader = cop
    client.force_login(facilitator)

    response = client.post(url("status_update", community), {"status": "great"})

    assert response.status_code == 422
    assert "Select a valid choice" in response.content.decode()
    assert not StatusUpdate.objects.exists()


def test_a_tta_leader_sets_the_cadence_and_the_due_date_follows(client, cop):
    community, _facilitators, _provider, leader = cop
    client.force_login(leader)
    plan = CheckInPlan.objects.get(community=community)

    response = client.post(url("checkin_cadence", community), {"cadence_days": "28"})
    refused = client.post(url("checkin_cadence", community), {"cadence_days": "3"})

    assert response.status_code == 302 and refused.status_code == 422
    assert CheckInPlan.objects.get(
        community=community
    ).next_due_on == plan.started_on + dt.timedelta(28)


@pytest.mark.parametrize("rows", [1, 10])
def test_the_history_keeps_its_queries_flat_when_rows_grow(
    rows, client, cop, django_assert_max_num_queries
):
    community, (facilitator,), provider, _leader = cop
    for n in range(rows):
        record_checkin(
            actor=provider,
            community=community,
            held_on=today() - dt.timedelta(days=100 - n),
            status="on_track",
            notes=f"Note {n}",
            follow_ups=[f"Follow-up {n}"],
            follow_up_owner=facilitator,
        )
    client.force_login(provider)

    with django_assert_max_num_queries(11):
        html = client.get(url("checkins", community)).content.decode()

    assert html.count("Follow-up ") == rows
    assert f"Note {rows - 1}" in html


def test_the_history_is_paginated(client, cop):
    community, _facilitators, provider, _leader = cop
    for n in range(25):
        CheckIn.objects.create(
            community=community, held_on=today() - dt.timedelta(days=n), status="on_track",
            notes=f"Entry {n:02}.",
        )  # fmt: skip
    client.force_login(provider)

    first = client.get(url("checkins", community)).content.decode()
    second = client.get(url("checkins", community) + "?page=2").content.decode()

    assert "Entry 00." in first and "Entry 24." not in first and "Page 1 of 2" in first
    assert "Entry 24." in second


@pytest.mark.parametrize("rows", [1, 10])
def test_the_providers_list_keeps_its_queries_flat_when_cops_grow(
    rows, client, django_assert_max_num_queries
):
    provider = UserFactory()
    for n in range(rows):
        community, *_ = program_cop(started_on=today() - dt.timedelta(days=n))
        community.provider = provider
        community.name = f"Supported CoP {n:02}"
        community.save(update_fields=["provider", "name"])
        CheckIn.objects.create(community=community, held_on=today(), status="at_risk")
    client.force_login(provider)

    with django_assert_max_num_queries(7):
        html = client.get(reverse("oversight:my_checkins")).content.decode()

    assert html.count("Supported CoP ") == rows
    assert html.count("At risk") == rows


def test_the_providers_list_shows_only_their_cops_overdue_first(client, cop):
    community, _facilitators, provider, _leader = cop
    later, *_ = program_cop(started_on=today())
    later.provider = provider
    later.save(update_fields=["provider"])
    program_cop(started_on=today())  # someone else's
    client.force_login(provider)

    html = client.get(reverse("oversight:my_checkins")).content.decode()

    assert html.count('/check-ins/"') == 2
    assert html.index(community.name) < html.index(later.name)
    assert html.count("Overdue:") == 1
    empty = client.get(reverse("oversight:my_checkins") + "?due=1")
    assert later.name not in empty.content.decode()  # due in two weeks: not this week


def test_a_member_gets_nothing_of_the_checkins(client, cop):
    community, *_ = cop
    member = MembershipFactory(community=community).user
    client.force_login(member)

    assert client.get(url("checkins", community)).status_code == 403
    assert "TTA check-ins" not in client.get(community.get_absolute_url()).content.decode()


def test_the_providers_list_shows_what_the_facilitators_said_for_the_next_one(client, cop):
    community, (facilitator,), provider, _leader = cop
    plan = CheckInPlan.objects.get(community=community)
    StatusUpdate.objects.create(
        community=community, due_on=plan.next_due_on, status="needs_support", author=facilitator
    )
    client.force_login(provider)

    html = client.get(reverse("oversight:my_checkins")).content.decode()

    assert "Needs support" in html and "Not sent yet" not in html


def test_the_history_keeps_the_notes_line_breaks_without_an_inline_style(client, cop):
    """The CSP blocks inline styles: a `style="white-space: pre-line"` was dropped and the notes
    ran together on one line. The breaks are `<br>`s now, and no element carries a style."""
    community, _facilitators, provider, leader = cop
    record_checkin(
        actor=provider,
        community=community,
        held_on=today(),
        status="on_track",
        notes="Hosting is stretched.\nA co-host would help.",
    )
    client.force_login(leader)

    html = client.get(url("checkins", community)).content.decode()

    assert "Hosting is stretched.<br>A co-host would help." in html
    assert "style=" not in html
