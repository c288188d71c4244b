"""Oversight's tasks. Names are pinned, so the beat schedule and queued messages keep finding
them if the code moves."""

import logging

from celery import shared_task
from django.utils import timezone

logger = logging.getLogger(__name__)


@shared_task(name="oversight.tasks.send_checkin_mail_task")
def send_checkin_mail_task() -> dict[str, int]:
    """Woken by beat every minute: CoPs new to a program get their check-in plan, then the
    status requests and reminders that are due go out. What is due lives in the database, so
    a late or doubled run sends each once."""
    from oversight.schedule import arm_new_plans, send_due_checkin_mail

    now = timezone.now()
    results = {}
    for name, step in (("armed", arm_new_plans), ("told", send_due_checkin_mail)):
        try:
            results[name] = step(now)
        except Exception:
            # Arming one odd CoP must not keep the due emails from going out.
            logger.exception("Check-in step %s failed", name)
            results[name] = -1
    return results


@shared_task(name="oversight.tasks.arm_checkins_task")
def arm_checkins_task() -> int:
    """Woken by beat hourly: every program CoP's emails follow its current facilitators,
    provider and their time zones."""
    from oversight.schedule import arm_all_plans

    return arm_all_plans(timezone.now())


@shared_task(name="oversight.tasks.open_evaluations_task")
def open_evaluations_task() -> dict[str, int]:
    """Woken by beat every few minutes: evaluations whose opening day has come email each
    member their survey link, and those closing within two days remind the members who have
    not answered. Each is marked in the transaction that records it, so a late or doubled run
    does it once."""
    from oversight.evaluation_reminders import remind_closing_evaluations
    from oversight.evaluations import open_due_evaluations

    today = timezone.localdate()
    results = {}
    steps = (
        ("opened", lambda: open_due_evaluations(timezone.now(), today)),
        ("reminded", lambda: remind_closing_evaluations(today)),
    )
    for name, step in steps:
        try:
            results[name] = step()
        except Exception:
            # A failure opening one survey must not keep the reminders from going out.
            logger.exception("Evaluation step %s failed", name)
            results[name] = -1
    return results


@shared_task(name="oversight.tasks.refresh_health_task")
def refresh_health_task(community_ids: list[int] | None = None) -> int:
    """Woken by beat every ten minutes for every CoP, and on commit of a check-in or a new
    cadence (or a "refresh now") for the CoPs it changed: their figures and health flags."""
    from oversight.figures import refresh_health

    return refresh_health(community_ids=community_ids)
