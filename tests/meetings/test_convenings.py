"""A program's convenings: its TTA leaders schedule them; they and the facilitators of the
program's CoPs see them, in pages and in their personal feed; nobody else learns of them."""

import datetime as dt

import pytest
from django.urls import reverse

from meetings.models import Convening
from meetings.services import feed_token_of
from tests.factories import CommunityFactory, MembershipFactory, ProgramFactory, UserFactory

pytestmark = pytest.mark.django_db

FORM = {
    "title": "Facilitators' round",
    "agenda": "What worked\nWhat is next",
    "start_date": "2030-03-04",
    "start_time": "15:00",
    "end_time": "16:00",
    "time_zone": "America/New_York",
    "format": "virtual",
    "join_url": "https://meet.example.org/round",
}


@pytest.fixture
def program():
    program = ProgramFactory()
    leader = UserFactory(is_tta_leader=True)
    program.leaders.add(leader)
    community = CommunityFactory(program=program)
    facilitator = MembershipFactory(community=community, roles=["facilitator"]).user
    member = MembershipFactory(community=community).user
    return {"program": program, "leader": leader, "facilitator": facilitator, "member": member}


def _schedule(client, world) -> Convening:
    client.force_login(world["leader"])
    response = client.post(reverse("meetings:convening_create", args=[world["program"].slug]), FORM)
    convening = Convening.objects.get()
    assert response.status_code == 302
    assert response["Location"] == convening.get_absolute_url()
    return convening


def test_a_tta_leader_schedules_a_convening_when_the_form_is_complete(client, program):
    convening = _schedule(client, program)

    assert convening.program == program["program"]
    assert convening.created_by == program["leader"]
    assert convening.starts_at == dt.datetime(2030, 3, 4, 20, tzinfo=dt.UTC)
    assert convening.duration == dt.timedelta(hours=1)


def test_a_facilitator_of_the_programs_cop_sees_the_convening_and_has_it_in_their_feed(
    client, program
):
    convening = _schedule(client, program)
    client.force_login(program["facilitator"])

    listing = client.get(reverse("meetings:convenings", args=[program["program"].slug]))
    page = client.get(convening.get_absolute_url())
    token = feed_token_of(user=program["facilitator"]).token
    feed = client.get(reverse("meetings:feed", args=[token])).content.decode()

    assert listing.status_code == page.status_code == 200
    assert "Facilitators&#x27; round" in listing.content.decode()
    assert "https://meet.example.org/round" in page.content.decode()
    assert "SUMMARY:Facilitators' round" in feed
    assert "DTSTART;TZID=America/New_York:20300304T150000" in feed


@pytest.mark.parametrize("who", ["member", "outsider"])
def test_a_convening_is_not_found_when_the_viewer_is_not_invited(client, program, who):
    convening = _schedule(client, program)
    viewer = program["member"] if who == "member" else UserFactory()
    client.force_login(viewer)
    token = feed_token_of(user=viewer).token

    assert client.get(convening.get_absolute_url()).status_code == 404
    listing = reverse("meetings:convenings", args=[program["program"].slug])
    assert client.get(listing).status_code == 404
    create = reverse("meetings:convening_create", args=[program["program"].slug])
    assert client.post(create, FORM).status_code == 404
    assert "Facilitators" not in client.get(reverse("meetings:feed", args=[token])).content.decode()


def test_a_facilitator_may_not_schedule_a_convening_when_not_a_leader_of_the_program(
    client, program
):
    client.force_login(program["facilitator"])

    response = client.post(
        reverse("meetings:convening_create", args=[program["program"].slug]), FORM
    )

    assert response.status_code == 403
    assert not Convening.objects.exists()


def test_my_meetings_lists_the_convening_when_the_viewer_is_invited(client, program):
    _schedule(client, program)
    client.force_login(program["facilitator"])

    page = client.get(reverse("meetings:calendar")).content.decode()

    assert "Program convenings" in page
    assert "Facilitators&#x27; round" in page
    assert reverse("meetings:convenings", args=[program["program"].slug]) in page


def test_a_tta_leader_moves_a_convening_and_its_sequence_grows(client, program):
    convening = _schedule(client, program)
    url = reverse("meetings:convening_edit", args=[program["program"].slug, convening.pk])

    response = client.post(url, FORM | {"start_time": "17:00", "end_time": "18:30"})

    convening.refresh_from_db()
    assert response.status_code == 302
    assert convening.start_time == dt.time(17)
    assert convening.duration == dt.timedelta(minutes=90)
    assert convening.sequence == 1


def test_a_facilitator_may_not_edit_a_convening_when_not_a_leader_of_the_program(client, program):
    convening = _schedule(client, program)
    client.force_login(program["facilitator"])
    url = reverse("meetings:convening_edit", args=[program["program"].slug, convening.pk])

    response = client.post(url, FORM | {"title": "Mine now"})

    convening.refresh_from_db()
    assert response.status_code == 403
    assert convening.title == "Facilitators' round"
