"""No word of a private CoP reaches a person after they left it or were removed (issue 10, 1):
not under the bell, not in a digest, not by email."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from communities.discussions.pings import send_ping
from communities.discussions.services import reply, set_following, start_thread
from communities.discussions.tasks import fan_out_task
from communities.models import (
    AnswerVisibility,
    Membership,
    Notification,
    OutboxMessage,
    OutboxStatus,
    Visibility,
)
from communities.notifications.digests import send_due_digests
from communities.notifications.tasks import send_outbox_messages_task
from communities.services import update_notification_preferences
from tests.factories import CommunityFactory, MembershipFactory, ThreadFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cop():
    """A private CoP with its facilitator and a thread the facilitator started."""
    community = CommunityFactory(visibility=Visibility.PRIVATE)
    facilitator = MembershipFactory(community=community, roles=["facilitator"]).user
    thread = ThreadFactory(community=community, author=facilitator, title="Our intake secrets")
    return community, facilitator, thread


def following_member(community, thread, **user_fields):
    member = MembershipFactory(community=community, user__timezone="Europe/Paris", **user_fields)
    set_following(actor=member.user, thread=thread, follow=True)
    return member.user


def emails_to(mailoutbox, person):
    return [message for message in mailoutbox if person.email in message.to]


def test_followers_hear_nothing_of_a_reply_when_they_were_removed_or_left(
    cop, client, mailoutbox, django_capture_on_commit_callbacks
):
    community, facilitator, thread = cop
    removed = following_member(community, thread)
    departed = following_member(community, thread)
    staying = following_member(community, thread)
    client.force_login(facilitator)
    client.post(
        reverse(
            "communities:member_remove",
            args=[community.slug, Membership.objects.get(user=removed).pk],
        )
    )
    client.force_login(departed)
    client.post(reverse("communities:leave", args=[community.slug]))

    with django_capture_on_commit_callbacks(execute=True):
        reply(actor=facilitator, thread=thread, body="The new intake form is in the toolkit.")

    for former in (removed, departed):
        assert not Notification.objects.filter(recipient=former).exists()
        assert not OutboxMessage.objects.filter(recipient=former).exists()
        assert emails_to(mailoutbox, former) == []
    # The check is about who may read, not a switch that silences everyone.
    assert Notification.objects.filter(recipient=staying).count() == 1
    assert len(emails_to(mailoutbox, staying)) == 1


def test_the_notifications_page_of_a_former_member_shows_nothing_of_the_cop(
    cop, client, django_capture_on_commit_callbacks
):
    community, facilitator, thread = cop
    member = following_member(community, thread)
    with django_capture_on_commit_callbacks(execute=True):
        reply(actor=facilitator, thread=thread, body="Budget figures for the spring round.")
    client.force_login(member)
    assert "Our intake secrets" in client.get(reverse("communities:notifications")).content.decode()

    client.post(reverse("communities:leave", args=[community.slug]))
    html = client.get(reverse("communities:notifications")).content.decode()

    assert "Our intake secrets" not in html
    assert "Budget figures" not in html
    assert 'data-testid="unread-count"' not in html


def test_a_mention_of_someone_outside_a_private_cop_records_nothing(
    cop, django_capture_on_commit_callbacks, mailoutbox
):
    community, facilitator, thread = cop
    outsider = MembershipFactory(user__handle="outsider").user  # a member elsewhere
    former = MembershipFactory(community=community, user__handle="former")
    former.delete()

    with django_capture_on_commit_callbacks(execute=True):
        reply(actor=facilitator, thread=thread, body="Asking @outsider and @former about this.")
        start_thread(
            actor=facilitator,
            community=community,
            kind="announcement",
            title="Private plans",
            body="@outsider and @former, see here.",
        )

    assert not Notification.objects.filter(recipient__in=[outsider, former.user]).exists()
    assert mailoutbox == []


def paris_seven(day: int) -> dt.datetime:
    return dt.datetime(2026, 1, day, 6, 0, tzinfo=dt.UTC)  # 07:00 in Paris in January


def next_morning() -> dt.datetime:
    """A day from now: the next 07:00 in Paris has come since this test's items arrived."""
    return timezone.now() + dt.timedelta(days=1)


def test_a_digest_leaves_out_what_arrived_while_the_person_was_a_member(
    cop, mailoutbox, django_capture_on_commit_callbacks
):
    community, facilitator, thread = cop
    member = following_member(community, thread)
    update_notification_preferences(user=member, modes={"reply": "daily"})
    elsewhere = MembershipFactory(user=member, roles=["facilitator"]).community
    other_thread = ThreadFactory(community=elsewhere, author=member, title="Open questions")
    set_following(actor=member, thread=other_thread, follow=True)
    colleague = MembershipFactory(community=elsewhere).user
    with django_capture_on_commit_callbacks(execute=True):
        reply(actor=facilitator, thread=thread, body="Budget figures for the spring round.")
        reply(actor=colleague, thread=other_thread, body="A public answer.")
    # The membership ends without the leave service: as when a fan-out had asked can() an
    # instant before the leave committed, the item is already recorded for the digest.
    Membership.objects.filter(user=member, community=community).delete()

    with django_capture_on_commit_callbacks(execute=True):
        send_due_digests(next_morning())

    [digest] = emails_to(mailoutbox, member)
    assert "Open questions" in digest.body
    assert "Our intake secrets" not in digest.body
    assert "Budget figures" not in digest.body
    assert digest.subject == "Your daily digest: 1 update"


def test_the_worker_cancels_a_pending_email_when_its_reader_left_the_cop(
    cop, client, mailoutbox, django_capture_on_commit_callbacks
):
    community, facilitator, thread = cop
    member = following_member(community, thread)
    # Recorded by the fan-out while a member; the broker lost the delivery task (the fan-out's
    # own on-commit callbacks never ran).
    post = reply(actor=facilitator, thread=thread, body="Budget figures for the spring round.")
    fan_out_task.apply(args=("reply", post.pk))
    pending = OutboxMessage.objects.get(recipient=member)
    Membership.objects.filter(user=member, community=community).delete()

    # What the worker runs when the sweeper hands the message over again.
    send_outbox_messages_task.apply(args=([pending.pk],))

    pending.refresh_from_db()
    assert pending.status == OutboxStatus.CANCELLED
    assert "may no longer read" in pending.last_error
    assert mailoutbox == []


def test_leaving_cancels_pending_email_and_ends_follows(
    cop, client, mailoutbox, django_capture_on_commit_callbacks
):
    community, facilitator, thread = cop
    member = following_member(community, thread)
    post = reply(actor=facilitator, thread=thread, body="Budget figures for the spring round.")
    fan_out_task.apply(args=("reply", post.pk))
    pending = OutboxMessage.objects.get(recipient=member)
    client.force_login(member)

    client.post(reverse("communities:leave", args=[community.slug]))
    send_outbox_messages_task.apply(args=([pending.pk],))

    pending.refresh_from_db()
    assert pending.status == OutboxStatus.CANCELLED
    assert mailoutbox == []
    assert not thread.follows.filter(user=member).exists()


def test_a_follow_left_behind_by_a_race_still_hears_nothing_of_a_private_cop(
    cop, mailoutbox, django_capture_on_commit_callbacks
):
    community, facilitator, thread = cop
    member = following_member(community, thread)
    # "Follow" clicked while the leave was committing: the follow outlives the membership.
    Membership.objects.filter(user=member, community=community).delete()

    with django_capture_on_commit_callbacks(execute=True):
        reply(actor=facilitator, thread=thread, body="Budget figures for the spring round.")

    assert not Notification.objects.filter(recipient=member).exists()
    assert emails_to(mailoutbox, member) == []


def digest_queries(items: int) -> int:
    """Queries of the digest run for one person with `items` replies, each in another CoP."""
    member = MembershipFactory(user__timezone="Europe/Paris").user
    update_notification_preferences(user=member, modes={"reply": "daily"})
    for _number in range(items):
        community = MembershipFactory(user=member).community
        thread = ThreadFactory(community=community, author=member)
        set_following(actor=member, thread=thread, follow=True)
        post = reply(actor=MembershipFactory(community=community).user, thread=thread, body="News.")
        fan_out_task.apply(args=("reply", post.pk))
    with CaptureQueriesContext(connection) as queries:
        assert send_due_digests(next_morning()) == 1
    return len(queries)


def test_a_digest_asks_no_query_per_item_when_checking_what_its_reader_may_read():
    assert digest_queries(1) == digest_queries(4)


def test_leaving_a_public_cop_withdraws_its_pings_but_not_what_anyone_may_read(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    community = CommunityFactory(visibility=Visibility.PUBLIC)
    facilitator = MembershipFactory(community=community, roles=["facilitator"]).user
    thread = ThreadFactory(community=community, author=facilitator, title="Open to all")
    member = following_member(community, thread)
    update_notification_preferences(user=member, modes={"reply": "daily", "ping": "daily"})
    with django_capture_on_commit_callbacks(execute=True):
        reply(actor=facilitator, thread=thread, body="Anyone signed in may read this.")
        send_ping(
            actor=facilitator,
            community=community,
            question="Members only: which day suits you?",
            choices=["Monday", "Friday"],
            closes_at=paris_seven(20),
            answers_visible_to=AnswerVisibility.ALL,
        )
    client.force_login(member)

    client.post(reverse("communities:leave", args=[community.slug]))
    with django_capture_on_commit_callbacks(execute=True):
        send_due_digests(next_morning())

    [digest] = emails_to(mailoutbox, member)
    assert "Open to all" in digest.body
    assert "which day suits you" not in digest.body
