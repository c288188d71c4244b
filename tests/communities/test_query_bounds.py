"""Pages ask the same number of queries for one row as for eleven, and show every row.

Each test opens a page with one row, adds ten more, opens it again, and compares the two query
counts: a lost `select_related` or prefetch adds a query per row and breaks the equality, where a
generous upper bound could hide it. The rows must be on the page, so a page that stopped listing
them cannot pass by asking less.
"""

import datetime as dt
from collections.abc import Callable

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from communities.models import JoinRequest, Ping, PingAnswer, Role, Visibility
from tests.factories import CommunityFactory, MembershipFactory, ProgramFactory, UserFactory

pytestmark = pytest.mark.django_db

MORE_ROWS = 10


def _open(client, url: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def assert_flat_and_listed(client, url: str, add_row: Callable[[int], str]) -> None:
    """`add_row(i)` creates row i and returns a text that only row i shows on the page."""
    shown = [add_row(0)]
    client.get(url)  # the first visit may set things up once (session, per-visit marks)
    one_row_queries, html = _open(client, url)
    assert shown[0] in html
    shown += [add_row(i) for i in range(1, MORE_ROWS + 1)]

    many_rows_queries, html = _open(client, url)

    assert [text for text in shown if text not in html] == []
    assert many_rows_queries == one_row_queries


def in_two_weeks():
    return timezone.now() + dt.timedelta(days=14)


def test_the_program_page_asks_the_same_queries_when_it_lists_more_communities(client):
    program = ProgramFactory()
    leader = UserFactory()
    program.leaders.add(leader)

    def add_row(i: int) -> str:
        community = CommunityFactory(
            program=program,
            name=f"Harbour circle {i:02d}",
            # Leaders see the program's private CoPs too; a provider on each row is what
            # a lost select_related would fetch one by one.
            visibility=Visibility.PRIVATE if i % 2 else Visibility.PUBLIC,
            provider=UserFactory(name=f"Provider Person {i:02d}"),
        )
        MembershipFactory.create_batch(2, community=community)
        return f"Provider Person {i:02d}"

    client.force_login(leader)

    assert_flat_and_listed(
        client, reverse("communities:program_detail", args=[program.slug]), add_row
    )


def test_the_programs_list_asks_the_same_queries_when_it_lists_more_programs(client):
    viewer = UserFactory()

    def add_row(i: int) -> str:
        program = ProgramFactory(name=f"Regional program {i:02d}")
        CommunityFactory(program=program)
        MembershipFactory(
            user=viewer, community=CommunityFactory(program=program, visibility=Visibility.PRIVATE)
        )
        if i % 2:
            program.leaders.add(viewer)
        return program.name

    client.force_login(viewer)

    assert_flat_and_listed(client, reverse("communities:program_list"), add_row)


def test_the_pings_list_asks_the_same_queries_when_it_lists_more_pings(client):
    member = MembershipFactory()

    def add_row(i: int) -> str:
        ping = Ping.objects.create(
            community=member.community,
            question=f"Which intake form do you use, variant {i:02d}?",
            closes_at=in_two_weeks(),
        )
        # The row's link names the CoP: a ping whose CoP is not joined costs a query each.
        return f'href="{reverse("communities:ping", args=[member.community.slug, ping.pk])}"'

    client.force_login(member.user)

    assert_flat_and_listed(
        client, reverse("communities:pings", args=[member.community.slug]), add_row
    )


def test_the_join_requests_page_asks_the_same_queries_when_more_people_ask(client):
    facilitator = MembershipFactory(roles=[Role.FACILITATOR])

    def add_row(i: int) -> str:
        person = UserFactory(name=f"Asking Person {i:02d}")
        JoinRequest.objects.create(community=facilitator.community, user=person)
        return person.name

    client.force_login(facilitator.user)

    assert_flat_and_listed(
        client, reverse("communities:join_requests", args=[facilitator.community.slug]), add_row
    )


def test_the_home_page_asks_the_same_queries_when_the_person_belongs_to_more_communities(client):
    person = UserFactory()

    def add_row(i: int) -> str:
        community = CommunityFactory(name=f"Practice circle {i:02d}", program=ProgramFactory())
        MembershipFactory(user=person, community=community, roles=[Role.FACILITATOR])
        MembershipFactory(community=community)
        JoinRequest.objects.create(community=community, user=UserFactory())
        Ping.objects.create(
            community=community, question=f"Open question {i:02d}?", closes_at=in_two_weeks()
        )
        return community.name

    client.force_login(person)

    assert_flat_and_listed(client, reverse("home"), add_row)


def test_a_pings_page_asks_the_same_queries_when_more_members_answer(client):
    facilitator = MembershipFactory(roles=[Role.FACILITATOR])
    ping = Ping.objects.create(
        community=facilitator.community, question="What helps you most?", closes_at=in_two_weeks()
    )

    def add_row(i: int) -> str:
        member = MembershipFactory(
            community=facilitator.community, user=UserFactory(name=f"Answering Person {i:02d}")
        )
        PingAnswer.objects.create(ping=ping, user=member.user, text=f"Peer review {i:02d}")
        return f"Answering Person {i:02d}</strong>: Peer review {i:02d}"

    client.force_login(facilitator.user)

    assert_flat_and_listed(client, ping.get_absolute_url(), add_row)
