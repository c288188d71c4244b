"""A mention email carries the words the person was mentioned in, as plain text, and a link to
the reply's own anchor on the thread page it is on, in both its text and its HTML part."""

import pytest
from django.conf import settings
from django.urls import reverse

from communities.discussions.selectors import reply_url
from communities.models import Post, Thread
from tests.factories import MembershipFactory, PostFactory, ThreadFactory, UserFactory

pytestmark = pytest.mark.django_db


def html_part(mail) -> str:
    return next(body for body, mime in mail.alternatives if mime == "text/html")


@pytest.fixture
def riley(member):
    return MembershipFactory(community=member.community, user=UserFactory(handle="riley")).user


@pytest.fixture
def member():
    return MembershipFactory()


def reply(client, member, thread, body, capture):
    client.force_login(member.user)
    with capture(execute=True):
        client.post(
            reverse("communities:thread_reply", args=[member.community.slug, thread.pk]),
            {"body": body},
        )
    return Post.objects.latest("pk")


def test_a_mention_in_a_reply_carries_its_words_and_the_replys_anchor(
    client, member, riley, mailoutbox, django_capture_on_commit_callbacks
):
    thread = ThreadFactory(community=member.community)
    # 25 replies fill the first page: the new one is on the second.
    PostFactory.create_batch(25, thread=thread)

    post = reply(
        client,
        member,
        thread,
        "Ask @riley: the **intake form** saves an hour a week.",
        django_capture_on_commit_callbacks,
    )

    mail = next(m for m in mailoutbox if m.to == [riley.email])
    link = f"{settings.SITE_URL}{thread.get_absolute_url()}?page=2#post-{post.pk}"
    words = "Ask @riley: the intake form saves an hour a week."
    assert words in mail.body
    assert link in mail.body
    assert words in html_part(mail)
    assert f'href="{link}"' in html_part(mail)
    assert "**" not in mail.body


def test_the_anchor_opens_the_page_where_the_reply_is(client, member, riley):
    thread = ThreadFactory(community=member.community)
    PostFactory.create_batch(25, thread=thread)
    post = PostFactory(thread=thread, body="Late")
    client.force_login(riley)

    page = client.get(reply_url(post)).content.decode()

    assert f'id="post-{post.pk}"' in page


def test_a_long_mention_is_cut_to_an_excerpt(
    client, member, riley, mailoutbox, django_capture_on_commit_callbacks
):
    thread = ThreadFactory(community=member.community)
    body = "@riley " + "word " * 200 + "THE-END"

    reply(client, member, thread, body, django_capture_on_commit_callbacks)

    mail = next(m for m in mailoutbox if m.to == [riley.email])
    assert "@riley word word" in mail.body
    assert "word…" in mail.body
    assert "THE-END" not in mail.body
    assert "THE-END" not in html_part(mail)


def test_a_mention_in_a_new_thread_carries_its_words_and_the_threads_link(
    client, member, riley, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(member.user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("communities:thread_create", args=[member.community.slug]),
            {"kind": "general", "title": "Intake", "body": "What do you use, @riley?", "post": "1"},
        )

    thread = Thread.objects.get()
    mail = next(m for m in mailoutbox if m.to == [riley.email])
    link = f"{settings.SITE_URL}{thread.get_absolute_url()}"
    assert "What do you use, @riley?" in mail.body
    assert f"{link}\n" in mail.body
    assert "What do you use, @riley?" in html_part(mail)
    assert f'href="{link}"' in html_part(mail)


def test_a_followers_reply_email_links_to_the_page_the_reply_is_on(
    client, member, mailoutbox, django_capture_on_commit_callbacks
):
    thread = ThreadFactory(community=member.community)
    follower = MembershipFactory(community=member.community).user
    thread.follows.create(user=follower)
    PostFactory.create_batch(25, thread=thread)

    post = reply(
        client,
        member,
        thread,
        "The checklist is on the shared drive.",
        django_capture_on_commit_callbacks,
    )

    mail = next(m for m in mailoutbox if m.to == [follower.email])
    link = f"{settings.SITE_URL}{thread.get_absolute_url()}?page=2#post-{post.pk}"
    assert link in mail.body
    assert f'href="{link}"' in html_part(mail)
    assert follower.notifications.get(kind="reply").url.endswith(f"?page=2#post-{post.pk}")
