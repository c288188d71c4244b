"""Notification texts and search snippets read as plain text from the rendered Markdown, never as
the Markdown typed (`**bold**`) nor as HTML; search snippets still mark the matched words."""

import pytest
from django.urls import reverse

from communities.discussions.markdown import plain_text, render_markdown
from communities.discussions.services import reply, start_thread
from communities.models import Notification, Role, ThreadFollow
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

HOSTILE = (
    "We **really** use [the form](https://example.org/form) &amp; <script>alert(1)</script>"
    '<img src=x onerror="alert(2)"> a < b <b onclick="x()">telehealth</b>\n\n- one\n- two'
)


def test_plain_text_drops_markup_unescapes_entities_and_keeps_words_apart():
    html = render_markdown("A **bold** _move_ & [a link](https://example.org)\n\n- one\n- two")

    assert plain_text(html) == "A bold move & a link one two"


def test_plain_text_cuts_at_a_word_with_an_ellipsis_when_over_the_limit():
    text = plain_text("<p>alpha beta gamma delta</p>", limit=14)

    assert text == "alpha beta…"
    assert len(text) <= 14


def test_a_reply_notification_reads_as_plain_text_when_the_reply_has_markdown(
    django_capture_on_commit_callbacks,
):
    author = MembershipFactory()
    thread = start_thread(
        actor=author.user, community=author.community, kind="general", title="Forms", body="?"
    )
    follower = MembershipFactory(community=author.community)
    ThreadFollow.objects.create(thread=thread, user=follower.user)

    with django_capture_on_commit_callbacks(execute=True):
        reply(actor=author.user, thread=thread, body=HOSTILE)

    body = Notification.objects.get(recipient=follower.user, kind="reply").body
    assert body.startswith("We really use the form & a < b telehealth one two")
    assert "**" not in body
    assert "](" not in body
    assert "<" not in body.replace("a < b", "")
    assert "alert" not in body


def test_an_announcement_notification_reads_as_plain_text(django_capture_on_commit_callbacks):
    leader = MembershipFactory(roles=[Role.FACILITATOR])
    member = MembershipFactory(community=leader.community)

    with django_capture_on_commit_callbacks(execute=True):
        start_thread(
            actor=leader.user,
            community=leader.community,
            kind="announcement",
            title="Moved",
            body="The meeting is **Thursday** at [the hall](https://example.org).",
        )

    body = Notification.objects.get(recipient=member.user, kind="announcement").body
    assert body == "The meeting is Thursday at the hall."


def test_a_search_snippet_is_plain_text_with_only_the_highlight_marked_when_markdown_is_hostile(
    client,
):
    member = MembershipFactory()
    thread = start_thread(
        actor=member.user, community=member.community, kind="general", title="Intake", body="?"
    )
    reply(actor=member.user, thread=thread, body=HOSTILE)
    client.force_login(member.user)

    html = client.get(reverse("search"), {"q": "telehealth"}).content.decode()
    snippet = html[html.index("<mark>") - 200 : html.index("</mark>") + 100]

    assert "<mark>telehealth</mark>" in snippet
    assert "really use the form &amp; a &lt; b <mark>telehealth</mark> one two" in snippet
    # No tag of the post survives, nor its Markdown: only the highlight mark is markup.
    for leftover in ("<script", "<img", "<b ", "<b>", "<strong", "<a ", "onerror", "**", "]("):
        assert leftover not in snippet
