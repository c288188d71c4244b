"""Search reads entries kept by triggers: moderation, edits and bulk writes reach them, and the
result count (taken from the entries, before any row is loaded) agrees with what is shown."""

import pytest
from django.urls import reverse

from communities.discussions.services import moderate, reply, start_thread
from communities.models import Post, Thread
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def results(client, query: str) -> str:
    return client.get(reverse("search"), {"q": query}).content.decode()


def intake_thread(member) -> Thread:
    return start_thread(
        actor=member.user, community=member.community, kind="general", title="Intake",
        body="How do you do intake?",
    )  # fmt: skip


def test_a_hidden_threads_replies_are_not_found_until_the_thread_is_restored(client):
    member = MembershipFactory()
    thread = intake_thread(member)
    reply(actor=member.user, thread=thread, body="We ask about transportation first.")
    client.force_login(member.user)

    moderate(actor=member.user, target=thread, action="hide", reason="Off topic")
    hidden = results(client, "transportation")
    moderate(actor=member.user, target=thread, action="restore")
    restored = results(client, "transportation")

    assert "Nothing matches" in hidden
    assert "1 result" in restored
    assert "transportation</mark>" in restored


def test_a_reply_restored_by_a_moderator_is_found_again(client):
    member = MembershipFactory()
    post = reply(actor=member.user, thread=intake_thread(member), body="Telehealth works.")
    client.force_login(member.user)

    moderate(actor=member.user, target=post, action="hide", reason="Spam")
    hidden = results(client, "telehealth")
    moderate(actor=member.user, target=post, action="restore")

    assert "Nothing matches" in hidden
    assert "1 result" in results(client, "telehealth")


def test_a_reply_written_into_a_hidden_thread_waits_for_the_thread(client):
    member = MembershipFactory()
    thread = intake_thread(member)
    Thread.objects.filter(pk=thread.pk).update(is_hidden=True)
    Post.objects.bulk_create(
        [Post(thread=thread, author=member.user, body="Naloxone kits.", body_html="")]
    )
    client.force_login(member.user)

    assert "Nothing matches" in results(client, "naloxone")
    Thread.objects.filter(pk=thread.pk).update(is_hidden=False)
    assert "1 result" in results(client, "naloxone")
