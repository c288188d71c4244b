"""One-click answers from a ping email: each choice is a link signed for one member, one ping and
one choice. Its page needs no login, asks before it answers (mail scanners open links), answers
for the member it names whoever is logged in, and says why when it can no longer answer."""

import datetime as dt

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from communities.discussions.ping_links import ANSWER_SALT, answer_link, ping_link
from communities.models import Membership, Ping, PingAnswer, Role
from tests.factories import CommunityFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

COP_NAME = "Harbour Recovery Circle"


@pytest.fixture
def community():
    return CommunityFactory(name=COP_NAME)


@pytest.fixture
def member(community):
    return MembershipFactory(
        community=community, user__name="Ada Lovelace", user__timezone="America/Chicago"
    ).user


def make_ping(community, *, choices=("Tuesday", "Thursday"), closes_in=dt.timedelta(days=2)):
    author = MembershipFactory(community=community, roles=[Role.FACILITATOR]).user
    return Ping.objects.create(
        community=community,
        author=author,
        question="Which day suits the next meeting?",
        choices=list(choices),
        closes_at=timezone.now() + closes_in,
    )


def answers(ping) -> list[tuple[int, str, str]]:
    return list(PingAnswer.objects.filter(ping=ping).values_list("user_id", "choice", "text"))


def test_opening_the_link_asks_and_answers_nothing(client, community, member):
    ping = make_ping(community)
    path = answer_link(ping=ping, member=member, choice="Thursday")

    first, second = client.get(path), client.get(path)  # a mail scanner, then the member

    page = second.content.decode()
    assert first.status_code == second.status_code == 200
    assert "Answering as Ada Lovelace" in page
    assert "Which day suits the next meeting?" in page
    assert 'data-testid="chosen-answer">Thursday<' in page
    assert 'value="Send"' in page
    assert answers(ping) == []


def test_send_answers_for_the_member_without_a_login(client, community, member):
    ping = make_ping(community)

    response = client.post(answer_link(ping=ping, member=member, choice="Thursday"))

    assert response.status_code == 200
    assert "your answer is sent" in response.content.decode()
    assert f'href="{ping.get_absolute_url()}"' in response.content.decode()
    assert answers(ping) == [(member.pk, "Thursday", "")]


def test_the_link_answers_for_its_member_whoever_is_logged_in(client, community, member):
    ping = make_ping(community)
    someone_else = MembershipFactory(community=community).user
    client.force_login(someone_else)
    path = answer_link(ping=ping, member=member, choice="Tuesday")

    page = client.get(path).content.decode()
    client.post(path)

    assert "Answering as Ada Lovelace" in page
    assert "not the account you are logged in with" in page
    assert answers(ping) == [(member.pk, "Tuesday", "")]


def test_a_posted_choice_cannot_change_what_the_link_answers(client, community, member):
    ping = make_ping(community)

    client.post(answer_link(ping=ping, member=member, choice="Tuesday"), {"choice": "Thursday"})

    assert answers(ping) == [(member.pk, "Tuesday", "")]


def test_another_choices_link_changes_the_members_one_answer(client, community, member):
    ping = make_ping(community)
    client.post(answer_link(ping=ping, member=member, choice="Tuesday"))

    page = client.get(answer_link(ping=ping, member=member, choice="Thursday")).content.decode()
    client.post(answer_link(ping=ping, member=member, choice="Thursday"))

    assert "You answered “Tuesday” before: sending replaces it." in page
    assert answers(ping) == [(member.pk, "Thursday", "")]


def test_a_free_text_link_opens_one_field_and_sends_it(client, community, member):
    ping = make_ping(community, choices=())
    path = answer_link(ping=ping, member=member)

    page = client.get(path).content.decode()
    client.post(path, {"text": "Mornings are best"})

    assert 'name="text"' in page
    assert answers(ping) == [(member.pk, "", "Mornings are best")]


def test_an_empty_free_text_answer_is_explained_and_saves_nothing(client, community, member):
    ping = make_ping(community, choices=())

    response = client.post(answer_link(ping=ping, member=member), {"text": ""})

    assert response.status_code == 422
    assert "This field is required." in response.content.decode()
    assert answers(ping) == []


def forged_tokens(ping, member) -> dict[str, str]:
    return {
        "made up": "made-up:token",
        "tampered": answer_link(ping=ping, member=member, choice="Tuesday").split("/")[-2] + "x",
        # The login link of the same member and ping: signed, but with another salt.
        "login link": ping_link(ping=ping, member=member).split("/")[-2],
        "choice not offered": signing.dumps(
            {"p": ping.pk, "u": member.pk, "c": "Saturday"}, salt=ANSWER_SALT
        ),
        "no choice on a choice ping": signing.dumps(
            {"p": ping.pk, "u": member.pk}, salt=ANSWER_SALT
        ),
    }


@pytest.mark.parametrize(
    "kind",
    ["made up", "tampered", "login link", "choice not offered", "no choice on a choice ping"],
)
def test_a_forged_link_is_not_found_and_answers_nothing(client, community, member, kind):
    ping = make_ping(community)
    token = forged_tokens(ping, member)[kind]
    path = reverse("communities:ping_answer", args=[token])

    assert client.get(path).status_code == 404
    assert client.post(path, {"text": "x"}).status_code == 404
    assert answers(ping) == []


def test_a_closed_pings_link_says_when_it_closed_and_answers_nothing(client, community, member):
    ping = make_ping(community)
    path = answer_link(ping=ping, member=member, choice="Tuesday")
    # The token is still young: it is the ping's state that ends it, not the token's age.
    Ping.objects.filter(pk=ping.pk).update(closes_at=dt.datetime(2026, 11, 3, 23, 0, tzinfo=dt.UTC))

    got, posted = client.get(path), client.post(path)

    assert got.status_code == posted.status_code == 410
    # Told in the member's zone, named: 23:00 UTC is 17:00 in Chicago.
    closed = "This ping closed on Tuesday 3 November 2026, 17:00 (America/Chicago)"
    assert closed in posted.content.decode()
    assert answers(ping) == []


def test_a_link_of_someone_who_left_says_so_and_answers_nothing(client, community, member):
    ping = make_ping(community)
    path = answer_link(ping=ping, member=member, choice="Tuesday")
    Membership.objects.filter(community=community, user=member).delete()

    got, posted = client.get(path), client.post(path)

    assert got.status_code == posted.status_code == 403
    assert f"You are no longer a member of {COP_NAME}" in posted.content.decode()
    assert "Answering as" not in got.content.decode()
    assert answers(ping) == []


def test_the_logged_out_send_carries_a_csrf_token(community, member):
    ping = make_ping(community)
    path = answer_link(ping=ping, member=member, choice="Tuesday")
    browser = Client(enforce_csrf_checks=True)

    page = browser.get(path)
    without = browser.post(path)
    token = browser.cookies["csrftoken"].value
    sent = browser.post(path, {"csrfmiddlewaretoken": token})

    assert 'name="csrfmiddlewaretoken"' in page.content.decode()
    assert without.status_code == 403
    assert sent.status_code == 200
    assert answers(ping) == [(member.pk, "Tuesday", "")]


def test_a_link_of_a_deleted_account_is_not_found(client, community):
    ping = make_ping(community)
    gone = UserFactory()
    path = answer_link(ping=ping, member=gone, choice="Tuesday")
    gone.delete()

    assert client.get(path).status_code == 404
