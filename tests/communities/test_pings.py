import datetime as dt
import re
from urllib.parse import quote

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from communities.discussions.ping_links import AnswerLink, read_answer_link
from communities.models import Ping, PingAnswer, Role
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def leader():
    return MembershipFactory(roles=[Role.FACILITATOR])


def future(days=2) -> str:
    return (timezone.localtime() + dt.timedelta(days=days)).strftime("%Y-%m-%dT%H:%M")


def send(client, leader, **overrides):
    data = {
        "question": "Which day suits the next meeting?",
        "choices": "Tuesday\nThursday",
        "closes_at": future(),
        "answers_visible_to": "all",
    }
    data.update(overrides)
    client.force_login(leader.user)
    return client.post(reverse("communities:ping_create", args=[leader.community.slug]), data)


def link_path(mail) -> str:
    """The email's link to the ping page (its one-click answer links live under /pings/answer/)."""
    return re.search(r"https?://[^/\s]+(/pings/(?!answer/)[^/\s]+/)", mail.body).group(1)


def test_every_member_gets_a_signed_link_that_opens_the_answer_page(
    client, leader, mailoutbox, django_capture_on_commit_callbacks
):
    member = MembershipFactory(community=leader.community)
    with django_capture_on_commit_callbacks(execute=True):
        send(client, leader)
    ping = Ping.objects.get()
    mail = next(m for m in mailoutbox if m.to == [member.user.email])
    path = link_path(mail)
    client.logout()

    logged_out = client.get(path)
    client.force_login(member.user)
    logged_in = client.get(path)

    assert logged_out["Location"] == f"{reverse('account_login')}?next={quote(path)}"
    assert logged_in["Location"] == ping.get_absolute_url()
    assert "Which day suits" in mail.subject


def test_a_tampered_ping_link_is_refused(client, leader):
    response = client.get(reverse("communities:ping_link", args=["made-up:token"]))

    assert response.status_code == 400
    assert "not valid" in response.content.decode()


def test_members_answer_and_change_their_answer_and_see_the_counts(client, leader):
    send(client, leader)
    ping = Ping.objects.get()
    member = MembershipFactory(community=leader.community)
    client.force_login(member.user)

    client.post(ping.get_absolute_url(), {"choice": "Tuesday"})
    response = client.post(ping.get_absolute_url(), {"choice": "Thursday"}, follow=True)

    assert PingAnswer.objects.get().choice == "Thursday"
    html = response.content.decode()
    assert "1 answer" in html
    assert 'data-testid="count-2">1<' in html


def test_a_closed_ping_takes_no_answers(client, leader):
    send(client, leader)
    ping = Ping.objects.get()
    member = MembershipFactory(community=leader.community)
    client.force_login(member.user)
    client.post(ping.get_absolute_url(), {"choice": "Tuesday"})
    Ping.objects.update(closes_at=timezone.now() - dt.timedelta(minutes=1))

    response = client.post(ping.get_absolute_url(), {"choice": "Thursday"})

    assert response.status_code == 409
    assert PingAnswer.objects.get().choice == "Tuesday"


def test_answers_for_leaders_only_stay_hidden_from_members(client, leader):
    send(client, leader, choices="", answers_visible_to="leaders")
    ping = Ping.objects.get()
    member = MembershipFactory(community=leader.community)
    client.force_login(member.user)
    client.post(ping.get_absolute_url(), {"text": "Mornings are best"})

    as_member = client.get(ping.get_absolute_url()).content.decode()
    client.force_login(leader.user)
    as_leader = client.get(ping.get_absolute_url()).content.decode()

    assert "Only the facilitators see the answers" in as_member
    assert "Mornings are best" in as_leader


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"choices": "Only one"}, "at least two choices"),
        ({"closes_at": "2020-01-01T10:00"}, "in the future"),
        ({"question": ""}, "This field is required"),
    ],
)
def test_a_bad_ping_is_explained_and_not_sent(client, leader, overrides, message):
    response = send(client, leader, **overrides)

    assert response.status_code == 422
    assert message in response.content.decode()
    assert not Ping.objects.exists()


def test_members_cannot_send_pings(client, leader):
    member = MembershipFactory(community=leader.community)

    response = send(client, member)

    assert response.status_code == 403
    assert not Ping.objects.exists()


def test_open_pings_show_on_the_members_home_page(client, leader):
    send(client, leader)
    member = MembershipFactory(community=leader.community)
    client.force_login(member.user)

    html = client.get(reverse("home")).content.decode()

    assert "Open pings" in html
    assert "Which day suits the next meeting?" in html


def html_part(mail) -> str:
    return next(body for body, mime in mail.alternatives if mime == "text/html")


def test_the_ping_email_names_the_closing_time_in_each_readers_zone(
    client, leader, mailoutbox, django_capture_on_commit_callbacks
):
    chicago = MembershipFactory(community=leader.community, user__timezone="America/Chicago")
    tokyo = MembershipFactory(community=leader.community, user__timezone="Asia/Tokyo")
    with django_capture_on_commit_callbacks(execute=True):
        send(client, leader, closes_at="2099-12-01T23:00")  # the leader's zone: UTC
    to_chicago = next(m for m in mailoutbox if m.to == [chicago.user.email])
    to_tokyo = next(m for m in mailoutbox if m.to == [tokyo.user.email])

    # 23:00 UTC on Tuesday 1 December 2099 is 17:00 in Chicago and 08:00 the next day in Tokyo.
    for mail, closes in [
        (to_chicago, "Closes Tuesday 1 December, 17:00 (America/Chicago)."),
        (to_tokyo, "Closes Wednesday 2 December, 08:00 (Asia/Tokyo)."),
    ]:
        assert closes in mail.body
        assert closes in html_part(mail)
        assert f"{closes}." not in mail.body  # one full stop, not two
    assert "Asia/Tokyo" not in to_chicago.body


def answer_links_in(text: str) -> list[AnswerLink]:
    """The one-click answer links an email holds, read back. Compared by what they sign, not
    by their text: a token carries the second it was signed, so one made here may differ."""
    prefix = re.escape(f"{settings.SITE_URL}/pings/answer/")
    tokens = dict.fromkeys(re.findall(prefix + r"([^/\s\"]+)/", text))
    return [read_answer_link(token) for token in tokens]


def test_the_ping_email_shows_the_question_and_a_link_per_choice(
    client, leader, mailoutbox, django_capture_on_commit_callbacks
):
    member = MembershipFactory(community=leader.community)
    with django_capture_on_commit_callbacks(execute=True):
        send(client, leader)
    mail = next(m for m in mailoutbox if m.to == [member.user.email])
    ping = Ping.objects.get()

    for part in (mail.body, html_part(mail)):
        assert "Which day suits the next meeting?" in part
        links = answer_links_in(part)
        assert {(link.ping_id, link.member_id, link.choice) for link in links} == {
            (ping.pk, member.user.pk, "Tuesday"),
            (ping.pk, member.user.pk, "Thursday"),
        }
    assert "- Tuesday: http" in mail.body
    assert ">Thursday</a>" in html_part(mail)


def test_a_free_text_ping_email_links_to_its_answer_field(
    client, leader, mailoutbox, django_capture_on_commit_callbacks
):
    member = MembershipFactory(community=leader.community)
    with django_capture_on_commit_callbacks(execute=True):
        send(client, leader, choices="")
    mail = next(m for m in mailoutbox if m.to == [member.user.email])
    ping = Ping.objects.get()

    assert f"Write your answer: {settings.SITE_URL}/pings/answer/" in mail.body
    for part in (mail.body, html_part(mail)):
        [link] = answer_links_in(part)
        assert (link.ping_id, link.member_id, link.choice) == (ping.pk, member.user.pk, None)
