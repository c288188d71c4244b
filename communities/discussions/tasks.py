"""Discussions' tasks. Names stay pinned to where they were first declared
(`communities.tasks.…`), so messages already queued keep working."""

from celery import shared_task

from communities.discussions.fanout import run_fan_out
from communities.discussions.models import FanOutEvent


@shared_task(name="communities.discussions.tasks.fan_out_task", acks_late=True)
def fan_out_task(event: str, object_id: int) -> int:
    return run_fan_out(event=event, object_id=object_id)


# The two names below were published before `fan_out_task`; they stay for messages still queued.
@shared_task(name="communities.tasks.announce_thread_task", acks_late=True)
def announce_thread_task(thread_id: int) -> int:
    return run_fan_out(event=FanOutEvent.THREAD, object_id=thread_id)


@shared_task(name="communities.tasks.send_ping_emails_task", acks_late=True)
def send_ping_emails_task(ping_id: int) -> int:
    return run_fan_out(event=FanOutEvent.PING, object_id=ping_id)
