"""Discussions' tasks. Names stay pinned to where they were first declared
(`communities.tasks.…`), so messages already queued keep working."""

from celery import shared_task

from communities.discussions.fanout import notify_announcement, notify_ping


@shared_task(name="communities.tasks.announce_thread_task", acks_late=True)
def announce_thread_task(thread_id: int) -> int:
    return notify_announcement(thread_id=thread_id)


@shared_task(name="communities.tasks.send_ping_emails_task", acks_late=True)
def send_ping_emails_task(ping_id: int) -> int:
    return notify_ping(ping_id=ping_id)
