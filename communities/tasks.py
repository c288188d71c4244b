from celery import shared_task


@shared_task(acks_late=True)
def send_outbox_messages_task(message_ids: list[int]) -> dict[str, int]:
    from communities.notifications.outbox import deliver_messages

    return deliver_messages(message_ids)


@shared_task
def dispatch_due_task() -> dict[str, int]:
    from django.utils import timezone

    from communities.notifications.schedule import dispatch_due

    return dispatch_due(timezone.now())


@shared_task
def purge_outbox_bodies_task() -> int:
    from django.utils import timezone

    from communities.notifications.outbox import purge_sent_bodies

    return purge_sent_bodies(timezone.now())


@shared_task(acks_late=True)
def run_member_import_task(import_id: int) -> int:
    from communities.services.invitations import run_member_import

    return run_member_import(import_id).processed


@shared_task(acks_late=True)
def announce_thread_task(thread_id: int) -> int:
    from communities.discussions.services import notify_announcement

    return notify_announcement(thread_id=thread_id)


@shared_task(acks_late=True)
def send_ping_emails_task(ping_id: int) -> int:
    from communities.discussions.pings import notify_ping

    return notify_ping(ping_id=ping_id)
