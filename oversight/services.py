"""Every write about check-ins: the cadence, a facilitator's status answer, a recorded check-in.

Each one that moves the next due date re-arms the emails inside its own transaction
(`sync_checkin_schedule`), so a rolled-back write leaves the schedule as it was."""

import datetime as dt
from functools import partial

from django.db import transaction
from django.utils import timezone

from communities.models import Community, User
from meetings.follow_up_services import create_action_item
from oversight.models import CheckIn, CheckInPlan, StatusUpdate
from oversight.schedule import ensure_plan, last_held_on, next_due_on, sync_checkin_schedule
from oversight.tasks import refresh_health_task


class NotInProgramError(Exception):
    """Check-ins belong to a program; this CoP is in none."""


def _today() -> dt.date:
    return timezone.now().astimezone(dt.UTC).date()


def queue_figures_refresh(*, community_ids: list[int]) -> None:
    """Recompute these CoPs' figures and flags once the current write is committed (a check-in
    changes the flag; a "refresh now" asks for it) rather than at the next beat. Robust: a
    broker down at commit must not turn a committed write into an error, and the beat catches
    up within ten minutes."""
    if community_ids:
        transaction.on_commit(partial(refresh_health_task.delay, community_ids), robust=True)


@transaction.atomic
def set_checkin_cadence(*, actor: User, community: Community, cadence_days: int) -> CheckInPlan:
    if community.program_id is None:
        raise NotInProgramError
    plan = ensure_plan(community, _today())
    plan.cadence_days = cadence_days
    plan.next_due_on = next_due_on(plan, last_held_on(community))
    plan.save(update_fields=["cadence_days", "next_due_on", "updated_at"])
    queue_figures_refresh(community_ids=[community.pk])
    return sync_checkin_schedule(community=community, today=_today())


@transaction.atomic
def answer_status_request(
    *, actor: User, community: Community, status: str, what_would_help: str
) -> StatusUpdate:
    """The facilitators' one answer for the next check-in; a second answer replaces the first
    (co-facilitators speak for the CoP, and the provider reads the latest word)."""
    if community.program_id is None:
        raise NotInProgramError
    plan = ensure_plan(community, _today())
    update, _created = StatusUpdate.objects.update_or_create(
        community=community,
        due_on=plan.next_due_on,
        defaults={"status": status, "what_would_help": what_would_help, "author": actor},
    )
    return update


@transaction.atomic
def record_checkin(
    *,
    actor: User,
    community: Community,
    held_on: dt.date,
    status: str,
    notes: str = "",
    follow_ups: list[str] = (),
    follow_up_owner: User | None = None,
    follow_up_due: dt.date | None = None,
) -> CheckIn:
    """Record the check-in, its follow-ups as the CoP's action items, and re-arm the next one."""
    if community.program_id is None:
        raise NotInProgramError
    checkin = CheckIn.objects.create(
        community=community, held_on=held_on, status=status, notes=notes, recorded_by=actor
    )
    items = [
        create_action_item(
            actor=actor,
            community=community,
            title=title,
            owner=follow_up_owner or actor,
            due_date=follow_up_due,
        )
        for title in follow_ups
    ]
    checkin.follow_ups.add(*items)
    plan = ensure_plan(community, _today())
    plan.next_due_on = next_due_on(plan, last_held_on(community))
    plan.save(update_fields=["next_due_on", "updated_at"])
    sync_checkin_schedule(community=community, today=_today())
    queue_figures_refresh(community_ids=[community.pk])
    return checkin
