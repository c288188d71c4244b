"""Meetings' tasks. Names are pinned, so the beat schedule and queued messages keep finding
them if the code moves."""

from celery import shared_task
from django.utils import timezone


@shared_task(name="meetings.tasks.send_reminders_task")
def send_reminders_task() -> dict[str, int]:
    """Woken by beat every minute: send the meeting reminders that are due. What is due lives
    in the database, so a late or doubled run sends each once."""
    from meetings.reminders import send_due_reminders

    return {"meetings": send_due_reminders(timezone.now())}
