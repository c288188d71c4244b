import datetime as dt
from email import message_from_bytes

import pytest
from django.db import transaction
from django.urls import reverse

from communities.models import (
    Notification,
    NotificationPreference,
    OutboxMessage,
    OutboxStatus,
)
from communities.notifications.digests import send_due_digests
from communities.notifications.preferences import notification_mode
from communities.notifications.rendering import message_id_for
from communities.notifications.sender import notify
from communities.notifications.unsubscribe import unsubscribe_token
from communities.services import update_notification_preferences
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def announce(person, key="announcement:1", title="Spring meeting moved", group="Recovery CoP"):
    return notify(
        to=person,
        kind="announcement",
        key=f"{key}:{person.pk}",
        context={"title": title, "message": "Now on Thursday."},
        group=group,
        url="/",
    )


def test_a_notification_is_emailed_once_when_asked_twice(
    mailoutbox, django_capture_on_commit_callbacks
):
    person = UserFactory()

    with django_capture_on_commit_callbacks(execute=True):
        announce(person)
        announce(person)

    assert len(mailoutbox) == 1
    assert OutboxMessage.objects.get().status == OutboxStatus.SENT
    assert Notification.objects.filter(recipient=person).count() == 1


def test_a_rolled_back_write_records_nothing_and_sends_nothing(
    mailoutbox, django_capture_on_commit_callbacks
):
    person = UserFactory()

    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        announce(person)
        raise RuntimeError("the write failed after recording")

    assert mailoutbox == []
    assert not OutboxMessage.objects.exists()
    assert not Notification.objects.exists()


def test_off_sends_no_email_but_keeps_the_in_app_notification(
    mailoutbox, django_capture_on_commit_callbacks
):
    person = UserFactory()
    update_notification_preferences(user=person, modes={"announcement": "off"})

    with django_capture_on_commit_callbacks(execute=True):
        announce(person)

    assert mailoutbox == []
    assert not OutboxMessage.objects.exists()
    assert Notification.objects.get().title == "Spring meeting moved"


def test_email_is_multipart_with_a_stable_message_id_and_one_click_unsubscribe(
    mailoutbox, django_capture_on_commit_callbacks
):
    person = UserFactory()

    with django_capture_on_commit_callbacks(execute=True):
        announce(person)

    parsed = message_from_bytes(mailoutbox[0].message().as_bytes())
    assert parsed.get_content_type() == "multipart/alternative"
    types = [part.get_content_type() for part in parsed.get_payload()]
    assert types == ["text/plain", "text/html"]
    text, html = (part.get_payload(decode=True).decode() for part in parsed.get_payload())
    assert "Spring meeting moved" in text
    assert "Spring meeting moved" in html
    assert parsed["Message-ID"] == message_id_for(f"announcement:1:{person.pk}")
    assert parsed["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe = parsed["List-Unsubscribe"].strip("<>")
    assert "/notifications/unsubscribe/" in unsubscribe
    assert unsubscribe in text


def test_transactional_email_ignores_preferences_and_has_no_unsubscribe(
    mailoutbox, django_capture_on_commit_callbacks
):
    person = UserFactory()

    with django_capture_on_commit_callbacks(execute=True):
        notify(
            to=person,
            kind="invitation",
            key=f"invitation:1:{person.pk}",
            context={"title": "Join the Recovery CoP", "message": "You are invited."},
            url="/",
        )

    assert len(mailoutbox) == 1
    assert "List-Unsubscribe" not in mailoutbox[0].extra_headers
    assert not Notification.objects.exists()


# --- Digests --------------------------------------------------------------------------------


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


def test_daily_digest_waits_for_seven_in_each_members_zone(
    mailoutbox, django_capture_on_commit_callbacks
):
    chicago = UserFactory(timezone="America/Chicago")  # UTC-6 in January
    tokyo = UserFactory(timezone="Asia/Tokyo")  # UTC+9
    for person in (chicago, tokyo):
        update_notification_preferences(user=person, modes={"announcement": "daily"})
        announce(person, key="a1", title="First update", group="Recovery CoP")
        announce(person, key="a2", title="Second update", group="Data CoP")
    # Noon in Chicago, 03:00 in Tokyo: after Chicago's 07:00, before Tokyo's.
    Notification.objects.update(created_at=at("2026-01-14T18:00:00+00:00"))
    assert not OutboxMessage.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        # 06:59 in Chicago, 21:59 in Tokyo (the evening before: its 07:00 has passed).
        send_due_digests(at("2026-01-15T12:59:00+00:00"))
    assert [m.to for m in mailoutbox] == [[tokyo.email]]

    with django_capture_on_commit_callbacks(execute=True):
        send_due_digests(at("2026-01-15T13:00:00+00:00"))  # 07:00 in Chicago
        send_due_digests(at("2026-01-15T13:00:30+00:00"))  # the same minute again
    assert [m.to for m in mailoutbox] == [[tokyo.email], [chicago.email]]

    digest = mailoutbox[1]
    assert digest.subject == "Your daily digest: 2 updates"
    assert digest.body.index("Data CoP") < digest.body.index("Second update")
    assert digest.body.index("Recovery CoP") < digest.body.index("First update")
    assert "/notifications/unsubscribe/" in digest.extra_headers["List-Unsubscribe"]


def test_no_digest_when_nothing_is_pending(mailoutbox, django_capture_on_commit_callbacks):
    person = UserFactory(timezone="Europe/Paris")
    update_notification_preferences(user=person, modes={"announcement": "daily"})

    with django_capture_on_commit_callbacks(execute=True):
        send_due_digests(at("2026-01-15T09:00:00+00:00"))

    assert mailoutbox == []


def test_items_after_todays_digest_wait_for_tomorrows(
    mailoutbox, django_capture_on_commit_callbacks
):
    person = UserFactory(timezone="Europe/Paris")
    update_notification_preferences(user=person, modes={"announcement": "daily"})
    early = announce(person, key="early")
    Notification.objects.filter(pk=early.pk).update(created_at=at("2026-01-14T20:00:00+00:00"))
    with django_capture_on_commit_callbacks(execute=True):
        send_due_digests(at("2026-01-15T06:00:00+00:00"))  # 07:00 in Paris

    late = announce(person, key="late", title="Late news")
    Notification.objects.filter(pk=late.pk).update(created_at=at("2026-01-15T08:00:00+00:00"))
    with django_capture_on_commit_callbacks(execute=True):
        send_due_digests(at("2026-01-15T18:00:00+00:00"))
        assert len(mailoutbox) == 1
        send_due_digests(at("2026-01-16T06:00:00+00:00"))

    assert len(mailoutbox) == 2
    assert "Late news" in mailoutbox[1].body
    assert "Spring meeting moved" not in mailoutbox[1].body


def test_weekly_digest_goes_out_on_monday_at_seven(mailoutbox, django_capture_on_commit_callbacks):
    person = UserFactory(timezone="America/Chicago")
    update_notification_preferences(user=person, modes={"announcement": "weekly"})
    announce(person)
    Notification.objects.update(created_at=at("2026-01-15T18:00:00+00:00"))  # a Thursday

    with django_capture_on_commit_callbacks(execute=True):
        send_due_digests(at("2026-01-19T12:59:00+00:00"))  # Monday 06:59 in Chicago
        assert mailoutbox == []
        send_due_digests(at("2026-01-19T13:00:00+00:00"))  # Monday 07:00 in Chicago

    assert mailoutbox[0].subject == "Your weekly digest: 1 update"


# --- Unsubscribe ----------------------------------------------------------------------------


def test_unsubscribe_link_works_once_without_login(client):
    person = UserFactory()
    url = reverse(
        "communities:unsubscribe", args=[unsubscribe_token(user_id=person.pk, kind="reply")]
    )

    page = client.get(url)
    assert page.status_code == 200
    assert notification_mode(user=person, kind="reply") == "immediately"  # a GET only asks

    first = client.post(url, {"List-Unsubscribe": "One-Click"})
    second = client.post(url, {"List-Unsubscribe": "One-Click"})

    assert "You are unsubscribed" in first.content.decode()
    assert "Already unsubscribed" in second.content.decode()
    assert notification_mode(user=person, kind="reply") == "off"
    assert notification_mode(user=person, kind="mention") == "immediately"


def test_a_tampered_unsubscribe_link_is_refused_and_changes_nothing(client):
    person = UserFactory()
    token = unsubscribe_token(user_id=person.pk, kind="reply")
    tampered = token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb")

    response = client.post(reverse("communities:unsubscribe", args=[tampered]))

    assert response.status_code == 400
    assert "not valid" in response.content.decode()
    assert notification_mode(user=person, kind="reply") == "immediately"


def test_unsubscribing_from_a_digest_turns_off_every_kind_it_gathers(client):
    person = UserFactory()
    update_notification_preferences(
        user=person, modes={"reply": "daily", "mention": "daily", "ping": "weekly"}
    )
    token = unsubscribe_token(user_id=person.pk, kind="digest:daily")

    client.post(reverse("communities:unsubscribe", args=[token]))

    assert [notification_mode(user=person, kind=k) for k in ("reply", "mention", "ping")] == [
        "off",
        "off",
        "weekly",
    ]


def test_a_transactional_kind_cannot_be_unsubscribed(client):
    person = UserFactory()
    token = unsubscribe_token(user_id=person.pk, kind="password_reset")

    assert client.post(reverse("communities:unsubscribe", args=[token])).status_code == 400
    assert not NotificationPreference.objects.filter(user=person).exists()
