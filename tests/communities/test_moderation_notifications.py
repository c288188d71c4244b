"""Moderators hear of reports; hidden or deleted content leaves everyone's notifications."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from communities.discussions.fanout import fan_out_reply
from communities.discussions.moderation import withdraw_if_gone
from communities.discussions.services import (
    delete_post,
    moderate,
    reply,
    report_post,
    start_thread,
)
from communities.models import (
    Notification,
    NotificationPreference,
    OutboxMessage,
    OutboxStatus,
    Role,
    ThreadFollow,
)
from communities.notifications.digests import send_due_digests
from communities.services import set_roles
from tests.factories import MembershipFactory, PostFactory, ThreadFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cop():
    """A CoP with a facilitator, a moderator, a plain member and a reported reply's author."""
    facilitator = MembershipFactory(roles=[Role.FACILITATOR])
    community = facilitator.community
    return {
        "community": community,
        "facilitator": facilitator,
        "moderator": MembershipFactory(community=community, roles=[Role.DISCUSSION_MODERATOR]),
        "member": MembershipFactory(community=community),
        "thread": ThreadFactory(community=community, title="Intake forms"),
    }


def _report_url(community, post):
    return reverse("communities:post_report", args=[community.slug, post.pk])


def test_each_moderator_hears_of_a_report_in_the_app_and_by_email(
    cop, client, mailoutbox, django_capture_on_commit_callbacks
):
    post = PostFactory(thread=cop["thread"])
    client.force_login(cop["member"].user)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(_report_url(cop["community"], post), {"reason": "Selling pills"})

    queue = reverse("communities:moderation", args=[cop["community"].slug])
    told = Notification.objects.filter(kind="report")
    assert {item.recipient for item in told} == {
        cop["moderator"].user,
        cop["facilitator"].user,
    }
    assert all(item.url == queue and item.body == "Selling pills" for item in told)
    assert sorted(message.to[0] for message in mailoutbox) == sorted(
        [cop["moderator"].user.email, cop["facilitator"].user.email]
    )
    email = mailoutbox[0]
    html = email.alternatives[0][0]
    for text in (email.body, html):
        assert cop["community"].name in text
        assert "Intake forms" in text
        assert "Selling pills" in text
        assert queue in text
    assert cop["community"].name in email.subject


def test_a_double_submitted_report_tells_each_moderator_once(
    cop, client, mailoutbox, django_capture_on_commit_callbacks
):
    post = PostFactory(thread=cop["thread"])
    client.force_login(cop["member"].user)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(_report_url(cop["community"], post), {"reason": "spam"})
        client.post(_report_url(cop["community"], post), {"reason": "spam"})

    assert Notification.objects.filter(kind="report").count() == 2
    assert len(mailoutbox) == 2


def test_a_moderator_who_reports_does_not_hear_of_their_own_report(cop):
    post = PostFactory(thread=cop["thread"])

    report_post(actor=cop["moderator"].user, post=post, reason="off topic")

    told = set(Notification.objects.filter(kind="report").values_list("recipient", flat=True))
    assert told == {cop["facilitator"].user.pk}


def test_a_moderator_who_chose_no_emails_for_reports_is_told_in_the_app_only(
    cop, mailoutbox, django_capture_on_commit_callbacks
):
    NotificationPreference.objects.create(user=cop["moderator"].user, kind="report", mode="off")
    post = PostFactory(thread=cop["thread"])

    with django_capture_on_commit_callbacks(execute=True):
        report_post(actor=cop["member"].user, post=post, reason="spam")

    assert Notification.objects.filter(recipient=cop["moderator"].user, kind="report").exists()
    assert [message.to[0] for message in mailoutbox] == [cop["facilitator"].user.email]


def test_a_moderator_who_loses_the_role_before_the_email_leaves_is_not_told(cop):
    post = PostFactory(thread=cop["thread"])
    report_post(actor=cop["member"].user, post=post, reason="spam")  # emails still pending
    moderator = cop["moderator"].user

    set_roles(actor=cop["facilitator"].user, membership=cop["moderator"], roles=set())

    assert not Notification.objects.filter(recipient=moderator, kind="report").exists()
    email = OutboxMessage.objects.get(recipient=moderator, kind="report")
    assert email.status == OutboxStatus.CANCELLED
    kept = OutboxMessage.objects.get(recipient=cop["facilitator"].user, kind="report")
    assert kept.status == OutboxStatus.PENDING


# --- Hidden or deleted content leaves everyone's notifications --------------------------------


def _reply_told_to_follower(cop, mode="immediately", body="Call me at 555-0100"):
    follower = cop["member"].user
    NotificationPreference.objects.create(user=follower, kind="reply", mode=mode)
    ThreadFollow.objects.create(thread=cop["thread"], user=follower)
    post = reply(actor=cop["moderator"].user, thread=cop["thread"], body=body)
    fan_out_reply(post.pk)  # the worker's fan-out, its email left pending
    assert Notification.objects.filter(recipient=follower, post=post).exists()
    return follower, post


def test_hiding_a_reply_removes_its_notification_and_cancels_its_waiting_email(cop):
    follower, post = _reply_told_to_follower(cop)
    other = PostFactory(thread=cop["thread"])

    moderate(actor=cop["moderator"].user, target=post, action="hide")

    assert not Notification.objects.filter(recipient=follower).exists()
    email = OutboxMessage.objects.get(recipient=follower)
    assert email.status == OutboxStatus.CANCELLED
    other.refresh_from_db()
    assert not other.is_hidden


def test_a_deleted_reply_never_reaches_a_digest(cop):
    follower, post = _reply_told_to_follower(cop, mode="daily")

    delete_post(actor=cop["moderator"].user, post=post)
    send_due_digests(timezone.now() + dt.timedelta(days=2))

    assert not Notification.objects.filter(recipient=follower).exists()
    assert not OutboxMessage.objects.filter(kind="digest").exists()


def test_a_digest_recorded_but_not_sent_is_written_again_without_hidden_content(cop):
    _follower, hidden = _reply_told_to_follower(cop, mode="daily", body="Secret number 555")
    kept = reply(actor=cop["facilitator"].user, thread=cop["thread"], body="See you Thursday")
    fan_out_reply(kept.pk)
    send_due_digests(timezone.now() + dt.timedelta(days=2))
    digest = OutboxMessage.objects.get(kind="digest")
    assert digest.status == OutboxStatus.PENDING
    assert digest.body_text.count(cop["thread"].get_absolute_url()) == 2

    moderate(actor=cop["moderator"].user, target=hidden, action="hide")

    digest.refresh_from_db()
    assert digest.status == OutboxStatus.PENDING
    assert f"#post-{hidden.pk}" not in digest.body_text + digest.body_html
    assert f"#post-{kept.pk}" in digest.body_text
    assert f"#post-{kept.pk}" in digest.body_html


def test_a_digest_left_with_nothing_after_a_hide_is_cancelled(cop):
    _follower, post = _reply_told_to_follower(cop, mode="daily")
    send_due_digests(timezone.now() + dt.timedelta(days=2))

    moderate(actor=cop["moderator"].user, target=post, action="hide")

    assert OutboxMessage.objects.get(kind="digest").status == OutboxStatus.CANCELLED


def test_hiding_a_thread_removes_the_notifications_of_it_and_of_its_replies(
    cop, django_capture_on_commit_callbacks
):
    member = cop["member"].user
    with django_capture_on_commit_callbacks(execute=True):
        thread = start_thread(
            actor=cop["facilitator"].user,
            community=cop["community"],
            kind="announcement",
            title="Meeting moved",
            body="Thursday now.",
        )
    ThreadFollow.objects.create(thread=thread, user=member)
    with django_capture_on_commit_callbacks(execute=True):
        reply(actor=cop["moderator"].user, thread=thread, body="Noted")
    elsewhere = PostFactory(thread=cop["thread"])
    Notification.objects.create(
        key="other", recipient=member, kind="reply", title="Other", post=elsewhere,
        thread=cop["thread"], email_mode="off",
    )  # fmt: skip
    assert {item.kind for item in member.notifications.all()} == {"announcement", "reply"}

    moderate(actor=cop["moderator"].user, target=thread, action="hide")

    assert list(member.notifications.values_list("key", flat=True)) == ["other"]


def test_a_reply_hidden_before_its_fan_out_runs_tells_nobody(cop):
    follower = cop["member"].user
    ThreadFollow.objects.create(thread=cop["thread"], user=follower)
    post = reply(actor=cop["moderator"].user, thread=cop["thread"], body="Hello")
    moderate(actor=cop["facilitator"].user, target=post, action="hide")

    fan_out_reply(post.pk)

    assert not Notification.objects.filter(recipient=follower).exists()
    assert not OutboxMessage.objects.exists()


def test_a_removed_notification_is_gone_from_the_bell_page(cop, client):
    follower, post = _reply_told_to_follower(cop, body="Mind the gap")
    client.force_login(follower)
    assert "replied in" in client.get(reverse("communities:notifications")).content.decode()

    moderate(actor=cop["facilitator"].user, target=post, action="hide")

    page = client.get(reverse("communities:notifications")).content.decode()
    assert "replied in" not in page
    assert "Mind the gap" not in page


def test_a_fan_out_takes_back_what_it_told_when_the_reply_was_hidden_meanwhile(cop):
    follower, post = _reply_told_to_follower(cop)
    # A hide that committed between the fan-out's read and its insert withdrew nothing yet.
    type(post).objects.filter(pk=post.pk).update(is_hidden=True)

    withdraw_if_gone(thread_id=post.thread_id, post_id=post.pk)

    assert not Notification.objects.filter(recipient=follower).exists()
    assert OutboxMessage.objects.get(recipient=follower).status == OutboxStatus.CANCELLED
