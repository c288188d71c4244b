"""The moderation queue names each reply's thread and CoP, row after row alike; moderators see
a count of open reports in the navigation."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from communities.discussions.services import report_post, resolve_report
from communities.models import Report, Role, Stage
from tests.factories import CommunityFactory, MembershipFactory, PostFactory, ThreadFactory

pytestmark = pytest.mark.django_db


def _queue(community) -> str:
    return reverse("communities:moderation", args=[community.slug])


def _rows(html: str) -> list[str]:
    return html.split('data-testid="report-row"')[1:]


def _report(thread, reason="spam", **post_fields):
    post = PostFactory(thread=thread, **post_fields)
    return Report.objects.create(post=post, reporter=MembershipFactory().user, reason=reason)


def test_each_row_names_the_thread_and_cop_the_same_way_when_the_reply_is_live_hidden_or_deleted(
    client,
):
    moderator = MembershipFactory(roles=[Role.DISCUSSION_MODERATOR])
    community = moderator.community
    thread = ThreadFactory(community=community, title="Intake forms")
    live = _report(thread, "live one", body_html="<p>Buy pills</p>")
    hidden = _report(thread, "hidden one", is_hidden=True, body_html="<p>Rude words</p>")
    deleted = _report(thread, "deleted one", deleted_at=timezone.now(), body="", body_html="")
    client.force_login(moderator.user)

    rows = _rows(client.get(_queue(community)).content.decode())

    assert len(rows) == 3
    for row, report, status in (
        (rows[0], live, "Visible"),
        (rows[1], hidden, "Hidden"),
        (rows[2], deleted, "Deleted by its author"),
    ):
        anchor = f'href="{thread.get_absolute_url()}#post-{report.post.pk}">Intake forms</a>'
        assert anchor in row
        assert community.name in row
        assert report.reason in row
        assert f">{status}</span>" in row
        assert "Reported by" in row
        assert row.count("<blockquote") == 1
        assert 'value="hide"' in row
        assert 'value="dismiss"' in row
    assert "Buy pills" in rows[0]
    assert "words were deleted." in rows[2]


@pytest.mark.parametrize("rows", [3, 30])
def test_the_queue_shows_its_rows_in_flat_queries_when_reports_grow(
    rows, client, django_assert_max_num_queries
):
    moderator = MembershipFactory(roles=[Role.DISCUSSION_MODERATOR])
    threads = [
        ThreadFactory(community=moderator.community, title=f"Topic {i}") for i in range(rows)
    ]
    for i, thread in enumerate(threads):
        _report(thread, f"Reason number {i}")
    client.force_login(moderator.user)

    # Session, user, access (2), the CoP, the page's reports and their count, the nav's count.
    with django_assert_max_num_queries(9):
        html = client.get(_queue(moderator.community)).content.decode()

    shown = _rows(html)
    assert len(shown) == min(rows, 20)  # a page's worth: the rest is on page 2
    for i, row in enumerate(shown):
        assert f">Topic {i}</a>" in row
        assert f"Reason number {i}" in row
    assert ("Page 1 of 2" in html) == (rows > 20)


# --- The nav's count of open reports ----------------------------------------------------------


def _badge(html: str) -> str | None:
    match = re.search(r'data-testid="nav-badge-reports">(.*?)</span></span>', html)
    return match.group(1) if match else None


def test_a_moderator_sees_the_open_reports_of_their_own_cops_counted_in_the_nav(client):
    moderator = MembershipFactory(roles=[Role.DISCUSSION_MODERATOR])
    facilitated = MembershipFactory(user=moderator.user, roles=[Role.FACILITATOR]).community
    _report(ThreadFactory(community=moderator.community))
    _report(ThreadFactory(community=moderator.community))
    _report(ThreadFactory(community=facilitated))
    elsewhere = MembershipFactory(user=moderator.user).community  # a plain member there
    _report(ThreadFactory(community=elsewhere))
    _report(ThreadFactory(community=CommunityFactory()))
    client.force_login(moderator.user)

    html = client.get(reverse("home")).content.decode()

    badge = _badge(html)
    assert badge is not None
    assert '<span aria-hidden="true">3</span>' in badge
    assert '<span class="visually-hidden">3 open reports' in badge
    assert f'href="{reverse("communities:report_overview")}">Reports' in html


def test_the_nav_count_disappears_when_the_reports_are_resolved(client):
    moderator = MembershipFactory(roles=[Role.DISCUSSION_MODERATOR])
    thread = ThreadFactory(community=moderator.community)
    report = report_post(actor=MembershipFactory(community=moderator.community).user,
                         post=PostFactory(thread=thread), reason="spam")  # fmt: skip
    client.force_login(moderator.user)
    assert "1 open report<" in client.get(reverse("home")).content.decode()

    resolve_report(actor=moderator.user, report=report, hide=False)

    html = client.get(reverse("home")).content.decode()
    assert _badge(html) is None
    assert reverse("communities:report_overview") not in html


def test_members_and_moderators_of_an_archived_cop_see_no_count(client):
    member = MembershipFactory()
    _report(ThreadFactory(community=member.community))
    archived = MembershipFactory(roles=[Role.DISCUSSION_MODERATOR])
    archived.community.stage = Stage.ARCHIVED
    archived.community.save(update_fields=["stage"])
    _report(ThreadFactory(community=archived.community))

    for person in (member.user, archived.user):
        client.force_login(person)
        html = client.get(reverse("home")).content.decode()
        assert _badge(html) is None
        assert reverse("communities:report_overview") not in html


def test_the_nav_count_costs_one_query(client):
    moderator = MembershipFactory(roles=[Role.DISCUSSION_MODERATOR])
    _report(ThreadFactory(community=moderator.community))
    client.force_login(moderator.user)
    url = reverse("communities:directory")
    client.get(url)
    with CaptureQueriesContext(connection) as with_report:
        html = client.get(url).content.decode()
    Report.objects.update(status="dismissed")
    with CaptureQueriesContext(connection) as without:
        client.get(url)

    assert _badge(html) is not None
    sql = [query["sql"] for query in with_report.captured_queries]
    assert len([text for text in sql if "communities_report" in text]) == 1
    assert len(with_report.captured_queries) == len(without.captured_queries)


def test_the_overview_lists_only_the_cops_the_viewer_moderates(client):
    moderator = MembershipFactory(roles=[Role.DISCUSSION_MODERATOR])
    _report(ThreadFactory(community=moderator.community))
    _report(ThreadFactory(community=moderator.community))
    other = MembershipFactory(user=moderator.user).community
    client.force_login(moderator.user)

    html = client.get(reverse("communities:report_overview")).content.decode()

    assert f'href="{_queue(moderator.community)}">{moderator.community.name}</a>' in html
    assert "2 open reports" in html
    assert other.name not in html
    client.force_login(MembershipFactory().user)
    empty = client.get(reverse("communities:report_overview")).content.decode()
    assert "You moderate no CoP" in empty
    assert moderator.community.name not in empty
