"""Details members and managers ran into (issue 10, item 18): a CSV's header row, a long list of
unusable lines, "0 minutes ago", page titles without a separator."""

import datetime as dt
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from communities.models import Invitation, JoinRequest, Report, Role
from tests.factories import MembershipFactory, PostFactory, ProgramFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager():
    return MembershipFactory(roles=[Role.FACILITATOR, Role.MEMBERSHIP_MANAGER])


def _import(client, manager, django_capture_on_commit_callbacks, **data) -> str:
    client.force_login(manager.user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("communities:invite", args=[manager.community.slug]),
            {"mode": "invite", **data},
            follow=True,
        )
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    "header", ["email", "name,email", "Name;E-mail address", '"Full name","Email Address"']
)
def test_a_csv_header_row_is_not_reported_as_an_unusable_line_when_it_names_the_columns(
    client, manager, django_capture_on_commit_callbacks, header
):
    rows = [header, "Avery,avery@example.org", "Blake,blake@example.org"]
    upload = SimpleUploadedFile("people.csv", "\n".join(rows).encode())

    page = _import(client, manager, django_capture_on_commit_callbacks, csv_file=upload)

    assert "Done: 0 added, 2 invited, 0 skipped." in page
    assert "Lines to check" not in page
    assert Invitation.objects.count() == 2


def test_a_csv_first_line_that_is_a_mistyped_address_is_still_reported(
    client, manager, django_capture_on_commit_callbacks
):
    upload = SimpleUploadedFile("people.csv", b"avery.example.org\nblake@example.org\n")

    page = _import(client, manager, django_capture_on_commit_callbacks, csv_file=upload)

    assert "Done: 0 added, 1 invited, 1 skipped." in page
    assert "<code>avery.example.org</code>" in page


def test_the_result_page_shows_the_first_fifty_unusable_lines_and_counts_the_rest(
    client, manager, django_capture_on_commit_callbacks
):
    junk = [f"junk-line-{n:03d}" for n in range(120)]
    text = "\n".join([*junk, "avery@example.org"])

    page = _import(client, manager, django_capture_on_commit_callbacks, emails=text)

    assert "Done: 0 added, 1 invited, 120 skipped." in page
    assert re.search(r"not a usable address</dt>\s*<dd[^>]*>120<", page)
    assert [line for line in junk[:50] if f"<code>{line}</code>" not in page] == []
    assert "junk-line-050" not in page
    assert "and 70 more lines like these, not shown." in page


def test_the_moderation_queue_says_just_now_when_a_report_is_under_a_minute_old(client):
    moderator = MembershipFactory(roles=[Role.DISCUSSION_MODERATOR])
    for reason, age in (
        ("Fresh spam", dt.timedelta(seconds=5)),
        ("Old spam", dt.timedelta(hours=3)),
    ):
        Report.objects.create(
            post=PostFactory(thread__community=moderator.community),
            reporter=UserFactory(),
            reason=reason,
            created_at=timezone.now() - age,
        )
    client.force_login(moderator.user)

    page = client.get(reverse("communities:moderation", args=[moderator.community.slug]))

    html = page.content.decode()
    assert "0 minutes" not in html
    assert re.search(r"Reported by [^<]+, just now", html)
    assert re.search(r"Reported by [^<]+, 3\xa0hours ago", html)


def test_join_requests_say_just_now_when_asked_under_a_minute_ago(client, manager):
    JoinRequest.objects.create(community=manager.community, user=UserFactory())
    client.force_login(manager.user)

    page = client.get(reverse("communities:join_requests", args=[manager.community.slug]))

    html = page.content.decode()
    assert "asked just now" in html
    assert "0\xa0minutes" not in html


def _title(html: str) -> str:
    return re.search(r"<title>(.*?)</title>", html, re.S).group(1).strip()


def test_page_titles_separate_the_page_from_the_site_name_on_every_page(client, manager):
    manager.community.program = ProgramFactory()
    manager.community.save()
    client.force_login(manager.user)
    pages = {
        reverse("home"): "Communities of practice — CoP Platform",
        reverse("communities:pings", args=[manager.community.slug]): (
            f"Pings · {manager.community.name} — CoP Platform"
        ),
        reverse("account_email"): "— CoP Platform",
    }

    titles = {url: _title(client.get(url).content.decode()) for url in pages}

    assert [url for url, title in titles.items() if not title.endswith(pages[url])] == []
    assert [url for url, title in titles.items() if title.startswith("—")] == []
