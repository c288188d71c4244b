"""Meetings' tasks. Names are pinned, so the beat schedule and queued messages keep finding
them if the code moves."""

import logging

from celery import shared_task
from django.utils import timezone

logger = logging.getLogger(__name__)


@shared_task(name="meetings.tasks.send_reminders_task")
def send_reminders_task() -> dict[str, int]:
    """Woken by beat every minute: send the meeting and action-item reminders that are due.
    What is due lives in the database, so a late or doubled run sends each once."""
    from meetings.action_reminders import send_due_action_reminders
    from meetings.reminders import send_due_reminders

    now = timezone.now()
    results = {}
    for name, send in (
        ("meetings", send_due_reminders),
        ("action_items", send_due_action_reminders),
    ):
        try:
            results[name] = send(now)
        except Exception:
            # One failing half must not keep the other from running.
            logger.exception("Reminders (%s) failed", name)
            results[name] = -1
    return results


@shared_task(name="meetings.tasks.extend_reminders_task")
def extend_reminders_task() -> int:
    """Woken by beat once a day: series that meet beyond the reminders' horizon get the rows
    of the occurrences that came within it."""
    from meetings.reminders import extend_reminders

    return extend_reminders(timezone.now())
