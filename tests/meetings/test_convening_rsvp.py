"""Answering a convening (issue 12, step 3): its invitees say yes, no or maybe; its TTA leaders
see the counts and who has not answered; a TTA leader cancels it after a confirmation."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from communities.models import Membership, Role
from communities.services import set_roles
from meetings.convenings import cancel_convening
from meetings.models import Convening, ConveningRsvp, MeetingFormat
from meetings.services import feed_token_of
from tests.factories import CommunityFactory, MembershipFactory, ProgramFactory, UserFactory

pytestmark = pytest.mark.django_db


def make_convening(program, *, days=10, **extra) -> Convening:
    starts = timezone.now() + dt.timedelta(days=days)
    values = {"title": "Facilitators' round"} | extra
    return Convening.objects.create(
        program=program,
        start_date=starts.date(),
        start_time=dt.time(15),
        duration=dt.timedelta(hours=1),
        time_zone="America/New_York",
        format=MeetingFormat.VIRTUAL,
        join_url="https://meet.example.org/round",
        **values,
    )


@pytest.fixture
def world():
    program = ProgramFactory()
    leader = UserFactory(is_tta_leader=True, name="Program lead")
    program.leaders.add(leader)
    community = CommunityFactory(program=program)
    facilitator = MembershipFactory(
        community=community, roles=[Role.FACILITATOR], user__name="First facilitator"
    ).user
    co_facilitator = MembershipFactory(
        community=community, roles=[Role.FACILITATOR], user__name="Second facilitator"
    ).user
    member = MembershipFactory(community=community).user
    elsewhere = MembershipFactory(
        community=CommunityFactory(program=ProgramFactory()), roles=[Role.FACILITATOR]
    ).user
    return {
        "program": program,
        "community": community,
        "leader": leader,
        "facilitator": facilitator,
        "co_facilitator": co_facilitator,
        "member": member,
        "elsewhere": elsewhere,
        "convening": make_convening(program),
    }


def rsvp_url(convening) -> str:
    return reverse("meetings:convening_rsvp", args=[convening.program.slug, convening.pk])


def test_an_invited_facilitator_answers_and_changes_their_answer(client, world):
    convening = world["convening"]
    client.force_login(world["facilitator"])

    first = client.post(rsvp_url(convening), {"response": "yes"})
    second = client.post(rsvp_url(convening), {"response": "maybe"})

    assert first.status_code == second.status_code == 302
    assert first["Location"] == convening.get_absolute_url()
    (answer,) = ConveningRsvp.objects.all()
    assert (answer.member, answer.response) == (world["facilitator"], "maybe")
    page = client.get(convening.get_absolute_url()).content.decode()
    assert 'value="maybe" aria-pressed="true"' in page


@pytest.mark.parametrize("data", [{"response": "sure"}, {}, {"response": ""}])
def test_a_bad_answer_is_refused_and_changes_nothing(client, world, data):
    convening = world["convening"]
    ConveningRsvp.objects.create(convening=convening, member=world["facilitator"], response="no")
    client.force_login(world["facilitator"])

    response = client.post(rsvp_url(convening), data)

    assert response.status_code == 400
    assert "Choose yes, no or maybe." in response.content.decode()
    assert list(ConveningRsvp.objects.values_list("response", flat=True)) == ["no"]


@pytest.mark.parametrize("who", ["member", "elsewhere", "outsider"])
def test_an_answer_from_someone_not_invited_is_not_found(client, world, who):
    person = UserFactory() if who == "outsider" else world[who]
    client.force_login(person)

    response = client.post(rsvp_url(world["convening"]), {"response": "yes"})

    assert response.status_code == 404
    assert not ConveningRsvp.objects.exists()


def test_an_answer_from_someone_who_stepped_down_is_not_found(client, world):
    membership = Membership.objects.get(user=world["co_facilitator"])
    set_roles(actor=world["facilitator"], membership=membership, roles=set())
    client.force_login(world["co_facilitator"])

    response = client.post(rsvp_url(world["convening"]), {"response": "yes"})

    assert response.status_code == 404
    assert not ConveningRsvp.objects.exists()


@pytest.mark.parametrize("state", ["cancelled", "over"])
def test_an_answer_to_a_cancelled_or_past_convening_is_refused(client, world, state):
    if state == "cancelled":
        convening = make_convening(world["program"], cancelled_at=timezone.now())
    else:
        convening = make_convening(world["program"], days=-3)
    client.force_login(world["facilitator"])

    response = client.post(rsvp_url(convening), {"response": "yes"})

    assert response.status_code == 409
    assert not ConveningRsvp.objects.exists()


def test_the_leader_sees_counts_and_who_has_not_answered(client, world):
    convening = world["convening"]
    ConveningRsvp.objects.create(convening=convening, member=world["facilitator"], response="yes")
    client.force_login(world["leader"])

    page = client.get(convening.get_absolute_url()).content.decode()

    assert "Yes 1 · No 0 · Maybe 0" in page
    waiting = page.split('data-testid="convening-waiting"')[1].split("</ul>")[0]
    assert "Second facilitator" in waiting
    assert "Program lead" in waiting
    assert "First facilitator" not in waiting


def test_counts_and_the_waiting_list_leave_out_someone_no_longer_invited(client, world):
    convening = world["convening"]
    ConveningRsvp.objects.create(convening=convening, member=world["co_facilitator"], response="no")
    membership = Membership.objects.get(user=world["co_facilitator"])
    set_roles(actor=world["facilitator"], membership=membership, roles=set())
    client.force_login(world["leader"])

    page = client.get(convening.get_absolute_url()).content.decode()

    assert "Yes 0 · No 0 · Maybe 0" in page
    assert "Second facilitator" not in page


def test_a_facilitator_answers_but_sees_no_counts_nor_who_has_not_answered(client, world):
    client.force_login(world["facilitator"])

    page = client.get(world["convening"].get_absolute_url()).content.decode()

    assert 'name="response" value="yes"' in page
    assert "convening-counts" not in page
    assert "Not answered yet" not in page


def page_queries(client, invitees: int) -> tuple[int, str]:
    program = ProgramFactory()
    leader = UserFactory(is_tta_leader=True)
    program.leaders.add(leader)
    people = [
        MembershipFactory(community__program=program, roles=[Role.FACILITATOR]).user
        for _number in range(invitees)
    ]
    convening = make_convening(program)
    for person in people[::2]:
        ConveningRsvp.objects.create(convening=convening, member=person, response="yes")
    client.force_login(leader)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(convening.get_absolute_url()).content.decode()
    assert people[-1].display_name in page or people[-2].display_name in page
    return len(queries), page


def test_the_convening_page_asks_as_many_queries_for_ten_times_the_invitees(client):
    few, _page = page_queries(client, 3)
    many, page = page_queries(client, 30)

    assert "Yes 15 · No 0 · Maybe 0" in page
    assert many == few


def test_a_leader_confirms_before_cancelling_and_a_facilitator_may_not(client, world):
    convening = world["convening"]
    url = reverse("meetings:convening_cancel", args=[world["program"].slug, convening.pk])
    client.force_login(world["facilitator"])
    assert client.post(url).status_code == 403

    client.force_login(world["leader"])
    confirm = client.get(url)

    convening.refresh_from_db()
    assert confirm.status_code == 200
    assert "Cancel this convening?" in confirm.content.decode()
    assert convening.cancelled_at is None
    assert client.post(url).status_code == 302
    convening.refresh_from_db()
    assert convening.cancelled_at is not None


def test_a_cancelled_convening_is_marked_kept_in_the_feed_and_no_longer_edited(client, world):
    convening = make_convening(world["program"], cancelled_at=timezone.now(), title="Gone round")
    client.force_login(world["leader"])
    edit = reverse("meetings:convening_edit", args=[world["program"].slug, convening.pk])
    token = feed_token_of(user=world["facilitator"]).token

    page = client.get(convening.get_absolute_url()).content.decode()
    refused = client.post(edit, {"title": "Back again"})
    mine = client.get(reverse("meetings:calendar")).content.decode()
    client.force_login(world["facilitator"])
    feed = client.get(reverse("meetings:feed", args=[token])).content.decode()

    assert "Cancelled" in page
    assert refused.status_code == 409
    assert "Gone round" not in mine
    assert "STATUS:CANCELLED" in feed
    convening.refresh_from_db()
    assert convening.title == "Gone round"


def test_staff_list_convenings_answers_and_emails_in_the_admin(client, world):
    convening = world["convening"]
    ConveningRsvp.objects.create(convening=convening, member=world["facilitator"], response="yes")
    cancel_convening(actor=world["leader"], convening=convening)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    for model in ("convening", "conveningrsvp", "conveningmail"):
        listing = client.get(reverse(f"admin:meetings_{model}_changelist"))
        assert listing.status_code == 200
        assert "Facilitators&#x27; round" in listing.content.decode()
