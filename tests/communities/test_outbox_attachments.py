"""Files an outbox message carries (a meeting's .ics): stored with the message, sent beside its
plain-text and HTML parts, sent again under the same Message-ID, purged with the body."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from communities.models import OutboxAttachment, OutboxMessage, OutboxStatus
from communities.notifications.delivery import deliver_messages
from communities.notifications.outbox import (
    Attachment,
    OutgoingEmail,
    record_email,
    record_emails,
)
from communities.notifications.rendering import RenderedEmail, message_id_for
from communities.notifications.retention import purge_sent_bodies
from communities.notifications.schedule import dispatch_due
from communities.notifications.tasks import requeue_delivery
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

EMAIL = RenderedEmail(subject="Check-in moved", text="Now at 10:00.", html="<p>Now at 10:00.</p>")
ICS = (
    b"BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\n"
    b"UID:meeting-1@example.org\r\nSUMMARY:Caf\xc3\xa9 check-in\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)
INVITE = Attachment("invite.ics", "text/calendar; method=REQUEST", ICS)


@pytest.fixture
def smtp(settings, smtp_server):
    settings.MAILERS = smtp_server.mailers_setting()
    return smtp_server


def record(key="k1", to="member@example.org", attachments=(INVITE,)) -> OutboxMessage:
    message, _created = record_email(
        key=key, kind="announcement", to_email=to, email=EMAIL, attachments=attachments
    )
    return message


def parts_of(received) -> dict[str, object]:
    return {part.get_content_type(): part for part in received.walk()}


def assert_carries_the_invitation(received) -> None:
    assert received.get_content_type() == "multipart/mixed"
    parts = parts_of(received)
    assert {"multipart/alternative", "text/plain", "text/html", "text/calendar"} <= set(parts)
    assert received.get_body(("plain",)).get_content().strip() == "Now at 10:00."
    calendar = parts["text/calendar"]
    assert calendar.get_param("method") == "REQUEST"
    assert calendar.get_filename() == "invite.ics"
    assert calendar.get_content_disposition() == "attachment"
    assert calendar.get_payload(decode=True) == ICS


def test_an_attachment_reaches_the_smtp_server_beside_the_text_and_html(smtp):
    message = record()

    assert deliver_messages([message.pk], requeue=requeue_delivery)["sent"] == 1

    (received,) = smtp.handler.messages()
    assert received["Message-ID"] == message_id_for("k1")
    assert_carries_the_invitation(received)


def test_a_message_without_attachments_stays_multipart_alternative(smtp):
    message = record(attachments=())

    deliver_messages([message.pk], requeue=requeue_delivery)

    (received,) = smtp.handler.messages()
    assert received.get_content_type() == "multipart/alternative"


def test_a_retry_after_a_4xx_sends_the_attachment_under_the_same_message_id(smtp):
    smtp.handler.replies["busy@example.org"] = "451 4.7.1 Try again later"
    message = record(to="busy@example.org")
    assert deliver_messages([message.pk], requeue=requeue_delivery)["retry"] == 1

    del smtp.handler.replies["busy@example.org"]
    OutboxMessage.objects.filter(pk=message.pk).update(due_at=timezone.now())
    assert deliver_messages([message.pk], requeue=requeue_delivery)["sent"] == 1

    (received,) = smtp.handler.messages()
    assert received["Message-ID"] == message_id_for("k1")
    assert_carries_the_invitation(received)


def test_a_resend_after_a_dead_worker_carries_the_same_file_and_message_id(
    smtp, django_capture_on_commit_callbacks
):
    message = record()
    deliver_messages([message.pk], requeue=requeue_delivery)
    # The server accepted it, then the worker died before marking it sent.
    OutboxMessage.objects.filter(pk=message.pk).update(
        status=OutboxStatus.SENDING, lease_expires_at=timezone.now() - dt.timedelta(minutes=5)
    )

    with django_capture_on_commit_callbacks(execute=True):
        assert dispatch_due(timezone.now())["outbox-sweeper"] == 1

    first, second = smtp.handler.messages()
    assert first["Message-ID"] == second["Message-ID"] == message_id_for("k1")
    assert_carries_the_invitation(second)
    assert OutboxAttachment.objects.count() == 1


def test_recording_in_bulk_stores_each_messages_own_files_once(
    mailoutbox, django_capture_on_commit_callbacks
):
    other = Attachment("other.ics", "text/calendar; method=CANCEL", b"BEGIN:VCALENDAR\r\n")
    outgoing = [
        OutgoingEmail(key="a", kind="announcement", to_email="a@example.org", email=EMAIL),
        OutgoingEmail(
            key="b",
            kind="announcement",
            to_email="b@example.org",
            email=EMAIL,
            attachments=(other,),
        ),
    ]
    with django_capture_on_commit_callbacks(execute=True):
        record_emails(outgoing)
    with django_capture_on_commit_callbacks(execute=True):
        # Asked again (a retried fan-out): nothing recorded, nothing stored twice.
        assert not list(record_emails(outgoing))

    assert list(OutboxAttachment.objects.values_list("message__key", "filename")) == [
        ("b", "other.ics")
    ]
    sent = {mail.to[0]: mail for mail in mailoutbox}
    assert sent["a@example.org"].attachments == []
    assert [a.filename for a in sent["b@example.org"].attachments] == ["other.ics"]


def test_purging_an_old_body_purges_its_files_and_keeps_the_record():
    old = record(key="old")
    recent = record(key="recent")
    now = timezone.now()
    OutboxMessage.objects.filter(pk=old.pk).update(
        status=OutboxStatus.SENT, sent_at=now - dt.timedelta(days=31)
    )
    OutboxMessage.objects.filter(pk=recent.pk).update(
        status=OutboxStatus.SENT, sent_at=now - dt.timedelta(days=29)
    )

    assert purge_sent_bodies(now) == 1

    assert list(OutboxAttachment.objects.values_list("message__key", flat=True)) == ["recent"]
    old.refresh_from_db()
    assert (old.body_text, old.subject) == ("", "Check-in moved")


def test_staff_see_an_attachments_name_type_and_size_not_its_content(client):
    message = record()
    staff = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(staff)

    page = client.get(reverse("admin:communities_outboxmessage_change", args=[message.pk]))

    text = page.content.decode()
    assert f"invite.ics (text/calendar; method=REQUEST, {len(ICS)} bytes)" in text
    assert "UID:meeting-1" not in text
