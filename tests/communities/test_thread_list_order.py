"""The thread list (pinned threads, then live announcements, then the rest) and a thread's
replies (the accepted answer, then the others) are each read in two parts
(communities/discussions/selectors.py `OnTopThenRest`); paged together they must read as one
list: the same order, each row once, every row reachable."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from communities.discussions.selectors import REPLIES_PAGE_SIZE, reply_url
from communities.discussions.views import THREADS_PAGE_SIZE
from tests.factories import MembershipFactory, PostFactory, ThreadFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def member():
    return MembershipFactory()


def _titles(client, community, page: int) -> list[str]:
    url = reverse("communities:threads", args=[community.slug])
    response = client.get(url, {"page": page})
    assert response.status_code == 200
    return re.findall(r'class="fw-semibold" href="[^"]+">([^<]+)</a>', response.content.decode())


def test_pages_list_pinned_then_live_announcements_then_activity_each_thread_once(client, member):
    community, now = member.community, timezone.now()

    def thread(title, minutes_ago, **kwargs):
        at = now - dt.timedelta(minutes=minutes_ago)
        return ThreadFactory(community=community, title=title, last_activity_at=at, **kwargs)

    # More threads on top than a page holds, so a page boundary falls inside them.
    for n in range(THREADS_PAGE_SIZE - 3):
        thread(f"Live {n:02d}", n, kind="announcement", announcement_until=now + dt.timedelta(1))
    thread("Pinned old", 9_000, is_pinned=True)
    thread("Pinned new", 8_000, is_pinned=True)
    thread("Announcement with no end", 7_000, kind="announcement")
    thread("Expired announcement", 30, kind="announcement", announcement_until=now)
    for n in range(THREADS_PAGE_SIZE + 5):
        thread(f"Recent {n:02d}", 100 + n * 10)
    # Same activity: the newer id first, as in one sorted list.
    same = now - dt.timedelta(minutes=50)
    tie_a = ThreadFactory(community=community, title="Tie A", last_activity_at=same)
    tie_b = ThreadFactory(community=community, title="Tie B", last_activity_at=same)
    assert tie_b.pk > tie_a.pk
    client.force_login(member.user)

    pages = [_titles(client, community, page) for page in (1, 2, 3)]

    listed = [title for page in pages for title in page]
    lives = sorted(
        [f"Live {n:02d}" for n in range(THREADS_PAGE_SIZE - 3)] + ["Announcement with no end"],
        key=lambda title: 7_000 if title.startswith("Announcement") else int(title[5:]),
    )
    recent = [f"Recent {n:02d}" for n in range(THREADS_PAGE_SIZE + 5)]
    rest = ["Expired announcement", "Tie B", "Tie A", *recent]
    assert listed == ["Pinned new", "Pinned old", *lives, *rest]
    assert [len(page) for page in pages] == [THREADS_PAGE_SIZE, THREADS_PAGE_SIZE, 8]
    assert (
        "Page 3 of 3"
        in client.get(
            reverse("communities:threads", args=[community.slug]), {"page": 3}
        ).content.decode()
    )


def test_filters_apply_to_the_threads_on_top_too(client, member):
    community = member.community
    ThreadFactory(community=community, title="Pinned question", is_pinned=True)
    ThreadFactory(community=community, title="Pinned case", is_pinned=True, kind="case_study")
    ThreadFactory(community=community, title="Hidden pin", is_pinned=True, is_hidden=True)
    ThreadFactory(community=community, title="A case", kind="case_study")
    client.force_login(member.user)
    url = reverse("communities:threads", args=[community.slug])

    cases = client.get(url, {"kind": "case_study"}).content.decode()
    listing = client.get(url).content.decode()

    assert "Pinned case" in cases and "A case" in cases and "Pinned question" not in cases
    assert "Hidden pin" not in listing and "Pinned question" in listing


def test_thread_pages_show_the_accepted_answer_first_then_replies_in_order_each_once(
    client, member
):
    thread = ThreadFactory(community=member.community)
    start = timezone.now() - dt.timedelta(days=1)
    replies = [
        PostFactory(thread=thread, body_html=f"<p>Reply {n:02d}</p>", created_at=start)
        if n < 2  # same time: the lower id first
        else PostFactory(
            thread=thread,
            body_html=f"<p>Reply {n:02d}</p>",
            created_at=start + dt.timedelta(minutes=n),
        )
        for n in range(REPLIES_PAGE_SIZE + 5)
    ]
    accepted = replies[REPLIES_PAGE_SIZE + 2]  # on page 2 by time, first on page 1 when accepted
    thread.accepted_answer = accepted
    thread.save(update_fields=["accepted_answer"])
    client.force_login(member.user)

    pages = [
        re.findall(
            r"<p>(Reply \d\d)</p>",
            client.get(thread.get_absolute_url(), {"page": n}).content.decode(),
        )
        for n in (1, 2)
    ]

    others = [f"Reply {n:02d}" for n in range(REPLIES_PAGE_SIZE + 5) if n != REPLIES_PAGE_SIZE + 2]
    assert pages[0] + pages[1] == [f"Reply {REPLIES_PAGE_SIZE + 2:02d}", *others]
    assert len(pages[0]) == REPLIES_PAGE_SIZE
    # An email's link opens the page the reply is on.
    assert reply_url(accepted).endswith(f"{thread.get_absolute_url()}#post-{accepted.pk}")
    last_on_first = replies[REPLIES_PAGE_SIZE - 2]
    assert reply_url(last_on_first) == f"{thread.get_absolute_url()}#post-{last_on_first.pk}"
    first_on_second = replies[REPLIES_PAGE_SIZE - 1]
    assert reply_url(first_on_second).endswith(f"?page=2#post-{first_on_second.pk}")
