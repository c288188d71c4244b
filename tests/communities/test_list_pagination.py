"""Lists that grow without bound come a page at a time: the pings of a CoP, the moderation queue,
the CoPs of a program and a ping's answers in members' own words. Page 1 holds a page's worth and
links to page 2, page 2 holds the rest, an empty list says so, and the queries stay the same for 1
row as for 30."""

import datetime as dt
from collections.abc import Callable

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from communities.discussions.ping_views import ANSWERS_PAGE_SIZE, PINGS_PAGE_SIZE
from communities.discussions.views import REPORTS_PAGE_SIZE
from communities.models import Ping, PingAnswer, Report, Role
from communities.selectors import program_communities
from communities.views.programs import PROGRAM_PAGE_SIZE
from tests.factories import (
    CommunityFactory,
    MembershipFactory,
    PostFactory,
    ProgramFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def leader():
    return MembershipFactory(roles=[Role.FACILITATOR])


def _ping(community, i: int, **fields) -> Ping:
    # Newest first on the list: ping 0 is the newest, so it opens page 1.
    return Ping.objects.create(
        community=community,
        question=f"Question number {i:03d}?",
        closes_at=timezone.now() + dt.timedelta(days=3),
        created_at=timezone.now() - dt.timedelta(minutes=i),
        **fields,
    )


def _report(community, i: int) -> Report:
    post = PostFactory(thread__community=community)
    return Report.objects.create(
        post=post,
        reporter=UserFactory(),
        reason=f"Reason number {i:03d}",
        created_at=timezone.now() - dt.timedelta(hours=100) + dt.timedelta(minutes=i),
    )


def _answer(ping: Ping, i: int) -> PingAnswer:
    member = MembershipFactory(community=ping.community).user
    return PingAnswer.objects.create(
        ping=ping,
        user=member,
        text=f"Answer number {i:03d}",
        answered_at=timezone.now() - dt.timedelta(hours=100) + dt.timedelta(minutes=i),
    )


def _pings_url(leader) -> str:
    return reverse("communities:pings", args=[leader.community.slug])


def _queue_url(leader) -> str:
    return reverse("communities:moderation", args=[leader.community.slug])


def _free_text_ping(leader) -> Ping:
    return _ping(leader.community, 999, author=leader.user)


def _html(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def _assert_paged(client, url: str, add_row: Callable[[int], object], size: int, label: str):
    for i in range(size + 3):
        add_row(i)
    first, second = _html(client, url), _html(client, f"{url}?page=2")

    assert [i for i in range(size) if f"{label} {i:03d}" not in first] == []
    assert f"{label} {size:03d}" not in first
    assert "page=2" in first
    assert [i for i in range(size, size + 3) if f"{label} {i:03d}" not in second] == []
    assert f"{label} {size - 1:03d}" not in second
    assert "Page 2 of 2" in second


def test_the_pings_list_shows_a_page_at_a_time_when_there_are_more_than_a_page(client, leader):
    client.force_login(leader.user)

    _assert_paged(
        client,
        _pings_url(leader),
        lambda i: _ping(leader.community, i),
        PINGS_PAGE_SIZE,
        "Question number",
    )


def test_the_moderation_queue_shows_a_page_at_a_time_when_many_reports_wait(client, leader):
    client.force_login(leader.user)

    _assert_paged(
        client,
        _queue_url(leader),
        lambda i: _report(leader.community, i),
        REPORTS_PAGE_SIZE,
        "Reason number",
    )


def test_a_pings_answers_show_a_page_at_a_time_when_many_members_answered(client, leader):
    ping = _free_text_ping(leader)
    client.force_login(leader.user)

    _assert_paged(
        client,
        ping.get_absolute_url(),
        lambda i: _answer(ping, i),
        ANSWERS_PAGE_SIZE,
        "Answer number",
    )


def test_empty_lists_say_so_when_nothing_is_there(client, leader):
    ping = _free_text_ping(leader)
    client.force_login(leader.user)

    assert "No reports are waiting" in _html(client, _queue_url(leader))
    assert "No answers yet" in _html(client, ping.get_absolute_url())
    ping.delete()
    assert "No pings yet" in _html(client, _pings_url(leader))


def test_a_page_number_past_the_end_shows_the_last_page_when_typed_by_hand(client, leader):
    for i in range(3):
        _ping(leader.community, i)
    client.force_login(leader.user)

    html = _html(client, f"{_pings_url(leader)}?page=99")
    junk = _html(client, f"{_pings_url(leader)}?page=abc")

    assert "Question number 002" in html
    assert "Question number 000" in junk


def _queries(client, url: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


@pytest.mark.parametrize("which", ["pings", "queue", "answers"])
def test_the_lists_ask_the_same_queries_for_one_row_as_for_thirty(client, leader, which):
    ping = _free_text_ping(leader)
    url, add_row, label = {
        "pings": (_pings_url(leader), lambda i: _ping(leader.community, i), "Question number"),
        "queue": (_queue_url(leader), lambda i: _report(leader.community, i), "Reason number"),
        "answers": (ping.get_absolute_url(), lambda i: _answer(ping, i), "Answer number"),
    }[which]
    client.force_login(leader.user)
    add_row(0)
    client.get(url)  # the first visit may set things up once (session, per-visit marks)
    one_row, html = _queries(client, url)
    assert f"{label} 000" in html
    for i in range(1, 30):
        add_row(i)

    thirty_rows, html = _queries(client, url)

    assert f"{label} 019" in html
    assert thirty_rows == one_row


def test_the_program_page_counts_members_and_lists_its_cops_a_page_at_a_time(client):
    program = ProgramFactory()
    leader = UserFactory()
    program.leaders.add(leader)
    for i in range(PROGRAM_PAGE_SIZE + 1):
        CommunityFactory(program=program, name=f"Harbour {i:03d}")
    # 3 members on one CoP; the others have none.
    busy = CommunityFactory(program=program, name="Harbour 000b")
    MembershipFactory.create_batch(3, community=busy)
    client.force_login(leader)
    url = reverse("communities:program_detail", args=[program.slug])

    rows = program_communities(program=program, viewer=leader)
    first = client.get(url).content.decode()
    second = client.get(url, {"page": 2}).content.decode()

    assert [(c.name, c.member_count) for c in rows[:3]] == [
        ("Harbour 000", 0),
        ("Harbour 000b", 3),
        ("Harbour 001", 0),
    ]
    assert "Harbour 048" in first
    assert "Harbour 049" not in first  # 52 CoPs, 50 a page, 000b second: 049 and 050 are on page 2
    assert "Harbour 049" in second and "Harbour 050" in second
    assert "Harbour 000" not in second
    assert "Page 2 of 2" in second
