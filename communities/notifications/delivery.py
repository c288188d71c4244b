"""Delivery of recorded emails, in the worker: claim under a lease, send over one SMTP
connection, record each outcome (sent, retry with back-off, or failed after repeated 5xx).

Recording and enqueueing live in `outbox.py`; the task that runs this lives in `tasks.py`.
"""

import datetime as dt
import email.charset
import email.policy
import logging
import smtplib
from collections import defaultdict
from collections.abc import Callable
from email.header import Header
from email.message import Message
from email.mime.application import MIMEApplication
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.utils import formataddr, formatdate, parseaddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, mailers
from django.core.mail.message import EmailAttachment
from django.db import transaction
from django.db.models import F, Q, prefetch_related_objects
from django.utils import timezone

from communities.access import load_access_of_many
from communities.models import OutboxMessage, OutboxStatus
from communities.notifications.readers import NO_LONGER_READABLE, may_still_read, share_readers

logger = logging.getLogger(__name__)

# Hands message ids back to the queue, to run after `countdown` seconds.
Requeue = Callable[[list[int], float], None]


def _classify(error: Exception) -> tuple[bool, str]:
    """(permanent?, description). Only an SMTP 5xx reply is permanent."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _msg in error.recipients.values()]
        return all(code >= 500 for code in codes), f"recipients refused: {error.recipients}"
    if isinstance(error, smtplib.SMTPResponseException):
        return error.smtp_code >= 500, f"{error.smtp_code} {error.smtp_error!r}"
    return False, f"{type(error).__name__}: {error}"


def _retry_delay(attempts: int) -> dt.timedelta:
    seconds = settings.OUTBOX_RETRY_BASE_SECONDS * 2 ** max(attempts - 1, 0)
    return dt.timedelta(seconds=min(seconds, settings.OUTBOX_RETRY_MAX_SECONDS))


def claim_messages(message_ids: list[int]) -> list[OutboxMessage]:
    """Take the due, unleased messages among these ids for this worker, under a lease."""
    now = timezone.now()
    lease_until = now + dt.timedelta(seconds=settings.OUTBOX_LEASE_SECONDS)
    with transaction.atomic():
        claimable = (
            # The reader and the CoP come along for the last permission check (_withhold);
            # only the messages' own rows are locked.
            OutboxMessage.objects.select_related("recipient", "community")
            .select_for_update(skip_locked=True, of=("self",))
            .filter(pk__in=message_ids, due_at__lte=now)
            .filter(
                Q(status=OutboxStatus.PENDING)
                | Q(status=OutboxStatus.SENDING, lease_expires_at__lt=now)
            )
            .order_by("pk")
        )
        messages = list(claimable)
        # What the messages carry (a meeting's .ics), in one query for the batch.
        prefetch_related_objects(messages, "attachments")
        OutboxMessage.objects.filter(pk__in=[message.pk for message in messages]).update(
            status=OutboxStatus.SENDING, lease_expires_at=lease_until, attempts=F("attempts") + 1
        )
    for message in messages:
        message.status = OutboxStatus.SENDING
        message.lease_expires_at = lease_until
        message.attempts += 1
    return messages


_UTF8_QP = email.charset.Charset("utf-8")
_UTF8_QP.body_encoding = email.charset.QP
_UTF8_QP.header_encoding = email.charset.QP
# RFC 5322 allows lines of 998 characters. Folded at 78, a signed unsubscribe URL (one long
# word) would become RFC 2047 encoded-words that mail clients do not follow.
_POLICY = email.policy.compat32.clone(max_line_length=998, linesep="\r\n")


class OutboxEmail(EmailMultiAlternatives):
    """An email built with the classic `email.mime` classes: the same message as Django's
    builder, in less than half the time (header parsing dominates delivery otherwise)."""

    def message(self, *, policy=None):
        body = MIMEMultipart("alternative", policy=_POLICY)
        body.attach(MIMEText(self.body, "plain", _UTF8_QP, policy=_POLICY))
        for content, mimetype in self.alternatives:
            subtype = mimetype.partition("/")[2]
            body.attach(MIMEText(content, subtype, _UTF8_QP, policy=_POLICY))
        root = body
        if self.attachments:
            # The text and HTML stay one alternative part; files follow it (multipart/mixed).
            root = MIMEMultipart("mixed", policy=_POLICY)
            root.attach(body)
            for filename, content, mimetype in self.attachments:
                root.attach(_attachment_part(filename, content, mimetype))
        root["Subject"] = _header(str(self.subject))
        name, address = parseaddr(self.from_email)
        root["From"] = formataddr((name, address), charset="utf-8")
        root["To"] = ", ".join(self.to)
        root["Date"] = formatdate(localtime=False)
        for header, value in self.extra_headers.items():
            root[header] = value
        return root


def _attachment_part(filename: str, content: bytes | str, mimetype: str) -> Message:
    """One file as a MIME part. A type's parameters are kept: calendar apps read
    `text/calendar; method=REQUEST` to know an invitation from a plain file."""
    maintype, _slash, rest = mimetype.partition("/")
    subtype, *params = (part.strip() for part in rest.split(";"))
    if maintype == "text":
        text = content.decode() if isinstance(content, bytes) else content
        part = MIMEText(text, subtype, "utf-8", policy=_POLICY)
    else:
        part = MIMEApplication(content, subtype, policy=_POLICY)
        if maintype != "application":
            part.set_type(f"{maintype}/{subtype}")
    for param in params:
        name, _equals, value = param.partition("=")
        part.set_param(name.strip(), value.strip().strip('"'))
    part.add_header("Content-Disposition", "attachment", filename=filename)
    return part


def _header(value: str) -> str | Header:
    return value if value.isascii() else Header(value, _UTF8_QP)


def build_email(message: OutboxMessage) -> EmailMultiAlternatives:
    headers = {"Message-ID": message.message_id, "X-CoP-Kind": message.kind}
    if message.unsubscribe_url:
        # RFC 8058 one-click: the mail client POSTs to this URL; no login needed.
        headers["List-Unsubscribe"] = f"<{message.unsubscribe_url}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    outgoing = OutboxEmail(
        subject=message.subject,
        body=message.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[message.to_email],
        headers=headers,
    )
    if message.body_html:
        outgoing.attach_alternative(message.body_html, "text/html")
    for attachment in message.attachments.all():
        # Bytes as stored: a resend carries the same file under the same Message-ID. Kept as
        # Django's (name, content, type) triple, so test outboxes list them as attachments.
        outgoing.attachments.append(
            EmailAttachment(attachment.filename, bytes(attachment.content), attachment.content_type)
        )
    return outgoing


def deliver_messages(message_ids: list[int], *, requeue: Requeue) -> dict[str, int]:
    """Claim, send over one SMTP connection, and record the outcome of each message.

    `requeue(ids, countdown)` hands messages back to the queue (the delivery task passes its
    own), so this module never imports the task that calls it."""
    messages = _withhold_unreadable(claim_messages(message_ids))
    counts = {"sent": 0, "retry": 0, "failed": 0}
    if not messages:
        return counts
    connection = mailers.default
    try:
        connection.open()
    except (OSError, smtplib.SMTPException) as error:
        # The server cannot be reached: everything goes back, none of it counts as a failure.
        _schedule_retry(messages, requeue, f"connect: {type(error).__name__}: {error}")
        counts["retry"] = len(messages)
        return counts
    sent: list[OutboxMessage] = []
    try:
        for index, message in enumerate(messages):
            if message.lease_expires_at <= timezone.now():
                # Our lease ran out (a slow server): another worker may hold these now.
                _release(messages[index:], requeue, "lease expired before sending")
                counts["retry"] += len(messages) - index
                break
            outcome = _send_one(connection, message, requeue)
            if outcome == "connection lost":
                # This message and the rest wait; hammering a failing server helps nobody.
                _schedule_retry(messages[index:], requeue, "connection lost")
                counts["retry"] += len(messages) - index
                break
            if outcome == "sent":
                sent.append(message)
            counts[outcome] += 1
    finally:
        # Marked once per batch, also when something unforeseen stops it halfway: a worker
        # killed before this line leaves the batch's sent messages `sending`, and the sweeper
        # resends them under the same Message-ID (one UPDATE per batch instead of one per
        # message; the duplicate window is a batch, not one message).
        try:
            _mark_sent(sent)
        finally:
            _close_quietly(connection)
    return counts


def _withhold_unreadable(messages: list[OutboxMessage]) -> list[OutboxMessage]:
    """Cancel claimed messages whose reader may no longer read their CoP (they left after it was
    recorded); return the rest. Each reader's memberships are loaded once per batch."""
    share_readers(messages)
    # Everyone's memberships in two queries, not two per reader.
    load_access_of_many([message.recipient for message in messages if message.recipient])
    sendable = []
    for message in messages:
        if may_still_read(
            reader=message.recipient, community=message.community, capability=message.capability
        ):
            sendable.append(message)
            continue
        OutboxMessage.objects.filter(
            pk=message.pk, status=OutboxStatus.SENDING, attempts=message.attempts
        ).update(
            status=OutboxStatus.CANCELLED, last_error=NO_LONGER_READABLE, lease_expires_at=None
        )
        message.status = OutboxStatus.CANCELLED
        logger.info("Outbox message %s cancelled: %s", message.pk, NO_LONGER_READABLE)
    return sendable


def _send_one(connection, message: OutboxMessage, requeue: Requeue) -> str:
    try:
        connection.send_messages([build_email(message)])
    except smtplib.SMTPServerDisconnected:
        return "connection lost"
    # SMTPException is an OSError: the server's replies are told apart before socket errors.
    except smtplib.SMTPException as error:
        permanent, description = _classify(error)
        if permanent:
            return _record_rejection(message, requeue, description)
        _schedule_retry([message], requeue, description)  # a 4xx for this message only
        return "retry"
    except OSError:
        return "connection lost"
    return "sent"


def _close_quietly(connection) -> None:
    try:
        connection.close()
    except (OSError, smtplib.SMTPException):
        logger.warning("Closing the SMTP connection failed", exc_info=True)


def _mark_sent(messages: list[OutboxMessage]) -> None:
    now = timezone.now()
    by_claim: dict[int, list[int]] = defaultdict(list)
    for message in messages:
        by_claim[message.attempts].append(message.pk)
        message.status = OutboxStatus.SENT
    # Only the claim that sent a message may mark it: `attempts` identifies our claim. A batch
    # claimed together shares one count, so this is one UPDATE.
    for attempts, pks in by_claim.items():
        OutboxMessage.objects.filter(
            pk__in=pks, status=OutboxStatus.SENDING, attempts=attempts
        ).update(status=OutboxStatus.SENT, sent_at=now, lease_expires_at=None, last_error="")


def _record_rejection(message: OutboxMessage, requeue: Requeue, description: str) -> str:
    rejections = message.rejections + 1
    if rejections >= settings.OUTBOX_MAX_REJECTIONS:
        OutboxMessage.objects.filter(pk=message.pk, attempts=message.attempts).update(
            status=OutboxStatus.FAILED,
            rejections=rejections,
            last_error=description,
            lease_expires_at=None,
        )
        message.status = OutboxStatus.FAILED
        logger.error("Outbox message %s failed for good: %s", message.pk, description)
        return "failed"
    OutboxMessage.objects.filter(pk=message.pk).update(rejections=F("rejections") + 1)
    _schedule_retry([message], requeue, description)
    return "retry"


def _schedule_retry(messages: list[OutboxMessage], requeue: Requeue, description: str) -> None:
    now = timezone.now()
    for message in messages:
        delay = _retry_delay(message.attempts)
        OutboxMessage.objects.filter(
            pk=message.pk, status=OutboxStatus.SENDING, attempts=message.attempts
        ).update(
            status=OutboxStatus.PENDING,
            due_at=now + delay,
            enqueued_at=now + delay,
            lease_expires_at=None,
            last_error=description[:2000],
        )
        message.status = OutboxStatus.PENDING
        try:
            requeue([message.pk], delay.total_seconds())
        except Exception:
            logger.warning("Could not enqueue a retry of outbox message %s", message.pk)


def _release(messages: list[OutboxMessage], requeue: Requeue, reason: str) -> None:
    """Give claimed, unsent messages back, due now, without counting an attempt against them."""
    for message in messages:
        OutboxMessage.objects.filter(
            pk=message.pk, status=OutboxStatus.SENDING, attempts=message.attempts
        ).update(status=OutboxStatus.PENDING, lease_expires_at=None, last_error=reason)
        message.status = OutboxStatus.PENDING
    requeue([message.pk for message in messages], 0)
