import re

import pytest
from django.urls import reverse

from communities.models import Notification, OutboxMessage, OutboxStatus
from communities.notifications.admin import mask_tokens
from communities.notifications.sender import notify
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def make_notifications(person, count, url="/"):
    for number in range(count):
        notify(
            to=person,
            kind="reply",
            key=f"reply:{number}:{person.pk}",
            context={"title": f"Reply number {number}", "message": "Thanks for asking."},
            group="Recovery CoP",
            url=url,
        )


def test_the_bell_counts_unread_notifications(client):
    person = UserFactory()
    make_notifications(person, 3)
    client.force_login(person)

    html = client.get(reverse("home")).content.decode()

    assert re.search(r'data-testid="unread-count">3<', html)


def test_opening_a_notification_marks_it_read_and_follows_its_link(client):
    person = UserFactory()
    make_notifications(person, 1, url=reverse("communities:profile", args=[person.handle]))
    notification = Notification.objects.get()
    client.force_login(person)

    response = client.get(reverse("communities:notification_open", args=[notification.pk]))

    assert response["Location"] == reverse("communities:profile", args=[person.handle])
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_someone_elses_notification_is_not_found(client):
    owner = UserFactory()
    make_notifications(owner, 1)
    client.force_login(UserFactory())

    url = reverse("communities:notification_open", args=[Notification.objects.get().pk])

    assert client.get(url).status_code == 404
    assert Notification.objects.get().read_at is None


def test_mark_all_read_needs_a_post_and_touches_only_ones_own(client):
    person, other = UserFactory(), UserFactory()
    make_notifications(person, 2)
    make_notifications(other, 2)
    client.force_login(person)

    assert client.get(reverse("communities:notifications_mark_read")).status_code == 405
    client.post(reverse("communities:notifications_mark_read"))

    assert not Notification.objects.filter(recipient=person, read_at__isnull=True).exists()
    assert Notification.objects.filter(recipient=other, read_at__isnull=True).count() == 2


def test_the_list_has_an_empty_state(client):
    client.force_login(UserFactory())

    assert "Nothing yet." in client.get(reverse("communities:notifications")).content.decode()


@pytest.mark.parametrize("rows", [3, 30, 300])
def test_the_list_paginates_with_flat_queries(rows, client, django_assert_max_num_queries):
    person = UserFactory()
    make_notifications(person, rows)
    client.force_login(person)

    with django_assert_max_num_queries(6):
        response = client.get(reverse("communities:notifications"))

    html = response.content.decode()
    assert html.count('class="list-group-item') == min(rows, 25)
    assert ("Page 1 of" in html) == (rows > 25)


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(reverse("communities:notifications"))

    assert response["Location"].startswith(reverse("account_login"))


def test_tokens_are_masked_for_staff():
    text = (
        "Confirm: https://cop.example.org/accounts/confirm-email/MQ:1vLZqk:abcdEFGHijklMNOP/\n"
        "Reset: https://cop.example.org/accounts/password/reset/key/4-cz8r2v-0f1e2d3c4b5a69788/"
    )

    masked = mask_tokens(text)

    assert "abcdEFGH" not in masked
    assert "0f1e2d3c4b5a" not in masked
    assert masked.count("•••masked•••") == 2
    assert "https://cop.example.org/accounts/confirm-email/" in masked


def test_staff_read_masked_bodies_and_retry_failed_messages(
    client, django_capture_on_commit_callbacks, mailoutbox
):
    staff = UserFactory(is_staff=True, is_superuser=True)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_reset_password"), {"email": staff.email})
    message = OutboxMessage.objects.get(kind="password_reset")
    OutboxMessage.objects.filter(pk=message.pk).update(status=OutboxStatus.FAILED)
    client.force_login(staff)

    listing = client.get(
        reverse("admin:communities_outboxmessage_changelist"), {"status__exact": "failed"}
    )
    detail = client.get(reverse("admin:communities_outboxmessage_change", args=[message.pk]))
    reset_path = re.search(r"/accounts/password/reset/key/\S+/", mailoutbox[0].body).group(0)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("admin:communities_outboxmessage_changelist"),
            {"action": "retry", "_selected_action": [message.pk]},
        )

    assert staff.email in listing.content.decode()
    assert "•••masked•••" in detail.content.decode()
    assert reset_path not in detail.content.decode()
    message.refresh_from_db()
    assert message.status == OutboxStatus.SENT
    assert len(mailoutbox) == 2
