"""What is new to a member: read state per opened thread, unread markers in a CoP's thread list,
the "New" page across one's CoPs, and the home page's summary of it."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from communities.discussions.services import (
    delete_post,
    mark_thread_read,
    moderate,
    reply,
    start_thread,
)
from communities.discussions.unread import UNREAD_WINDOW, with_unread_state
from communities.models import Membership, Role, Thread, ThreadRead, Visibility
from communities.services.membership import remove_member
from tests.factories import (
    CommunityFactory,
    MembershipFactory,
    ProgramFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

UNREAD = "(unread)"


@pytest.fixture
def cop():
    return CommunityFactory()


@pytest.fixture
def member(cop):
    return MembershipFactory(community=cop).user


@pytest.fixture
def colleague(cop):
    return MembershipFactory(community=cop).user


def post_thread(community, author, title="Who has tried peer mentoring?") -> Thread:
    return start_thread(actor=author, community=community, kind="question", title=title, body="?")


def thread_list(client, community) -> str:
    response = client.get(reverse("communities:threads", args=[community.slug]))
    assert response.status_code == 200
    return response.content.decode()


def new_page(client, page=None) -> str:
    response = client.get(reverse("communities:unread_threads"), {"page": page} if page else {})
    assert response.status_code == 200
    return response.content.decode()


def home(client) -> str:
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return response.content.decode()


def open_thread(client, thread) -> None:
    response = client.get(thread.get_absolute_url())
    assert response.status_code == 200


# --- Markers in a CoP's thread list ------------------------------------------------------------


def test_thread_started_after_joining_is_new_until_opened(client, cop, member, colleague):
    thread = post_thread(cop, colleague)
    client.force_login(member)
    assert f'New<span class="visually-hidden"> {UNREAD}' in thread_list(client, cop)

    open_thread(client, thread)

    assert UNREAD not in thread_list(client, cop)
    assert (
        ThreadRead.objects.get(user=member, thread=thread).last_seen_at == thread.last_activity_at
    )


def test_reply_by_someone_else_brings_the_marker_back_with_a_count(client, cop, member, colleague):
    thread = post_thread(cop, member)
    client.force_login(member)
    assert UNREAD not in thread_list(client, cop)  # one's own thread is not news

    reply(actor=colleague, thread=thread, body="We did.")
    reply(actor=colleague, thread=thread, body="It worked.")

    assert "2 new replies" in thread_list(client, cop)
    open_thread(client, thread)
    assert UNREAD not in thread_list(client, cop)


def test_own_reply_does_not_make_a_thread_unread_for_oneself(client, cop, member, colleague):
    thread = post_thread(cop, colleague)
    client.force_login(member)

    # Replying straight from a link, without the thread page ever being rendered for them.
    response = client.post(
        reverse("communities:thread_reply", args=[cop.slug, thread.pk]), {"body": "Me too."}
    )

    assert response.status_code == 302
    assert UNREAD not in thread_list(client, cop)
    assert "all caught up" in new_page(client)


def test_hidden_and_deleted_replies_are_not_counted_as_new(client, cop, member, colleague):
    thread = post_thread(cop, colleague)
    client.force_login(member)
    open_thread(client, thread)
    hidden = reply(actor=colleague, thread=thread, body="spam")
    moderate(actor=colleague, target=hidden, action="hide")
    deleted = reply(actor=colleague, thread=thread, body="Oops, wrong thread.")
    delete_post(actor=colleague, post=deleted)
    reply(actor=colleague, thread=thread, body="A real answer.")

    assert "1 new reply" in thread_list(client, cop)


def test_a_thread_from_before_joining_is_not_new_but_its_revival_is(client, cop, colleague):
    old = post_thread(cop, colleague, title="An old conversation")
    quiet = post_thread(cop, colleague, title="A quiet one")
    newcomer = MembershipFactory(community=cop).user
    client.force_login(newcomer)
    assert UNREAD not in thread_list(client, cop)

    reply(actor=colleague, thread=old, body="Picking this up again.")

    html = new_page(client)
    assert old.title in html
    assert quiet.title not in html


def test_nothing_older_than_the_window_is_new(client, cop, member, colleague):
    Membership.objects.filter(user=member).update(joined_at=timezone.now() - dt.timedelta(days=400))
    stale = post_thread(cop, colleague, title="Stale")
    recent = post_thread(cop, colleague, title="Recent")
    Thread.objects.filter(pk=stale.pk).update(
        last_activity_at=timezone.now() - UNREAD_WINDOW - dt.timedelta(days=1)
    )
    Thread.objects.filter(pk=recent.pk).update(
        last_activity_at=timezone.now() - UNREAD_WINDOW + dt.timedelta(days=1)
    )
    client.force_login(member)

    html = new_page(client)

    assert recent.title in html
    assert stale.title not in html
    assert thread_list(client, cop).count(UNREAD) == 1  # the recent one only


def test_unread_state_is_for_members_only(cop, colleague):
    thread = post_thread(cop, colleague)
    reader = UserFactory()

    annotated = with_unread_state(Thread.objects.filter(pk=thread.pk), viewer=reader).get()

    assert annotated.is_unread is False


def test_non_members_get_no_markers_and_leave_no_read_state(client, cop, colleague):
    thread = post_thread(cop, colleague)
    reader = UserFactory()  # a public CoP lets anyone signed in read it
    client.force_login(reader)

    assert UNREAD not in thread_list(client, cop)
    open_thread(client, thread)

    assert not ThreadRead.objects.filter(user=reader).exists()


# --- Read state ------------------------------------------------------------------------------


def test_read_state_is_one_row_per_opened_thread_and_none_for_others(
    client, cop, member, colleague
):
    opened = post_thread(cop, colleague, title="Opened")
    post_thread(cop, colleague, title="Never opened")
    client.force_login(member)
    thread_list(client, cop)
    home(client)
    new_page(client)

    open_thread(client, opened)
    reply(actor=colleague, thread=opened, body="More.")
    open_thread(client, opened)

    rows = ThreadRead.objects.filter(user=member)
    assert [(row.thread_id, row.last_seen_at) for row in rows] == [
        (opened.pk, Thread.objects.get(pk=opened.pk).last_activity_at)
    ]


def test_read_state_only_moves_forward(cop, member, colleague):
    thread = post_thread(cop, colleague)
    later = timezone.now() + dt.timedelta(minutes=5)
    mark_thread_read(reader=member, thread=thread, seen_at=later)

    # A page loaded earlier in another tab finishes last.
    mark_thread_read(reader=member, thread=thread, seen_at=later - dt.timedelta(minutes=3))

    assert ThreadRead.objects.get(user=member, thread=thread).last_seen_at == later


def test_rereading_a_thread_with_nothing_new_writes_no_row_version(client, cop, member, colleague):
    thread = post_thread(cop, colleague)
    client.force_login(member)
    open_thread(client, thread)
    first = _row_version(member, thread)

    open_thread(client, thread)
    unchanged = _row_version(member, thread)
    reply(actor=colleague, thread=thread, body="More.")
    open_thread(client, thread)

    # Every GET of a thread page marks it read: with nothing new since, the row is left alone
    # (same ctid: no new row version), and a new reply still moves it forward.
    assert unchanged == first
    assert _row_version(member, thread) != first
    assert ThreadRead.objects.get(user=member, thread=thread).last_seen_at == (
        Thread.objects.get(pk=thread.pk).last_activity_at
    )


def _row_version(user, thread) -> str:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT ctid::text FROM communities_threadread WHERE user_id = %s AND thread_id = %s",
            [user.pk, thread.pk],
        )
        return cursor.fetchone()[0]


# --- The New page and the home page ------------------------------------------------------------


def test_new_page_lists_unread_threads_across_cops_and_says_when_all_is_read(
    client, cop, member, colleague
):
    other = MembershipFactory(user=member).community
    here = post_thread(cop, colleague, title="Here")
    there = post_thread(other, UserFactory(), title="There")
    client.force_login(member)
    html = new_page(client)
    assert here.title in html
    assert there.title in html
    assert other.name in html

    open_thread(client, here)
    open_thread(client, there)

    assert "You're all caught up." in new_page(client)


def test_new_page_is_paginated(client, cop, member, colleague):
    threads = [post_thread(cop, colleague, title=f"Thread number {i:02}") for i in range(25)]
    client.force_login(member)

    first, second = new_page(client), new_page(client, page=2)

    # Newest activity first: the last five started are on page 1, the first five on page 2.
    assert threads[24].title in first
    assert threads[0].title not in first
    assert threads[0].title in second
    assert "Page 2 of 2" in second


def test_home_shows_per_cop_counts_and_the_newest_threads(client, cop, member, colleague):
    post_thread(cop, colleague, title="First news")
    post_thread(cop, colleague, title="Second news")
    client.force_login(member)

    html = home(client)

    assert "2 threads with new activity" in html
    assert "First news" in html
    assert "Second news" in html
    assert reverse("communities:unread_threads") in html


def test_home_has_no_news_section_for_a_person_in_no_cop(client):
    client.force_login(UserFactory())

    assert "New in your communities" not in home(client)


def test_home_says_all_caught_up_when_nothing_is_new(client, cop, member, colleague):
    thread = post_thread(cop, colleague, title="Read already")
    client.force_login(member)
    open_thread(client, thread)

    html = home(client)

    assert "all caught up" in html
    assert "Read already" not in html


def test_a_removed_member_sees_nothing_of_a_private_cop(client, colleague):
    private = CommunityFactory(visibility=Visibility.PRIVATE, name="Quiet Circle")
    facilitator = MembershipFactory(community=private, roles=[Role.FACILITATOR]).user
    membership = MembershipFactory(community=private)
    post_thread(private, facilitator, title="Confidential plans")
    client.force_login(membership.user)
    assert "Confidential plans" in home(client)

    remove_member(actor=facilitator, membership=membership)

    for html in (home(client), new_page(client)):
        assert "Confidential plans" not in html
        assert "Quiet Circle" not in html


@pytest.mark.parametrize(
    "persona", ["outsider", "staff", "provider", "program_leader", "public_member", "member"]
)
def test_private_threads_are_new_only_to_members_of_that_cop(client, persona):
    program = ProgramFactory()
    people = {name: UserFactory() for name in ("outsider", "provider", "program_leader")}
    people["staff"] = UserFactory(is_staff=True, is_superuser=True)
    program.leaders.add(people["program_leader"])
    private = CommunityFactory(
        visibility=Visibility.PRIVATE, program=program, provider=people["provider"]
    )
    public = CommunityFactory(program=program)
    people["public_member"] = MembershipFactory(community=public).user
    people["member"] = MembershipFactory(community=private).user
    post_thread(private, MembershipFactory(community=private).user, title="Inside only")
    client.force_login(people[persona])

    shown = "Inside only" in new_page(client)

    assert shown == (persona == "member")


# --- Queries stay flat as rows grow --------------------------------------------------------------


def _queries(client, url: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


@pytest.mark.parametrize("page", ["threads", "new"])
def test_thread_list_and_new_page_queries_stay_flat(client, cop, member, colleague, page):
    url = (
        reverse("communities:threads", args=[cop.slug])
        if page == "threads"
        else reverse("communities:unread_threads")
    )
    client.force_login(member)
    titles = [post_thread(cop, colleague, title=f"Topic {i:02}").title for i in range(3)]
    client.get(url)
    few, html = _queries(client, url)
    assert all(title in html for title in titles)

    titles += [post_thread(cop, colleague, title=f"Topic {i:02}").title for i in range(3, 30)]
    for thread in Thread.objects.filter(title__in=titles[3:10]):
        reply(actor=colleague, thread=thread, body="More.")
    many, html = _queries(client, url)

    # Both pages show 20 a page: the newest twenty are listed, each with its marker.
    assert html.count(UNREAD) == 20
    assert many == few


def test_home_queries_stay_flat_as_cops_and_threads_grow(client, member, colleague):
    def add_cops(count):
        names = []
        for _ in range(count):
            community = MembershipFactory(user=member).community
            post_thread(community, colleague)
            names.append(community.name)
        return names

    client.force_login(member)
    names = add_cops(3)
    client.get(reverse("home"))
    few, html = _queries(client, reverse("home"))
    assert all(f"{name}</a>: 1 thread with new activity" in html for name in names)

    names += add_cops(27)
    many, html = _queries(client, reverse("home"))

    assert all(f"{name}</a>: 1 thread with new activity" in html for name in names)
    assert many == few
