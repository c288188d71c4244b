"""Every write to the charter and its goals. Each step of the guided form saves the draft, so
nothing typed is lost between steps; the last step publishes."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from communities.models import Community, User
from meetings.models import CHARTER_STEPS, Charter, CharterRole, Goal, GoalNote


def _locked_charter(community: Community) -> Charter:
    # One charter per CoP, also when two facilitators save their first step at once.
    charter, _created = Charter.objects.get_or_create(community=community)
    return Charter.objects.select_for_update().get(pk=charter.pk)


def _save_goals(*, actor: User, community: Community, goals: list) -> None:
    """Goals 1 to 3 as the step gave them; an emptied slot drops its goal and notes."""
    current = {g.position: g for g in Goal.objects.filter(community=community, position__lte=3)}
    for position, answer in enumerate(goals, start=1):
        goal = current.get(position)
        if answer is None:
            if goal is not None:
                goal.delete()
            continue
        title, measure = answer
        if goal is None:
            Goal.objects.create(
                community=community,
                position=position,
                title=title,
                success_measure=measure,
                created_by=actor,
            )
        elif (goal.title, goal.success_measure) != (title, measure):
            goal.title, goal.success_measure = title, measure
            goal.save(update_fields=["title", "success_measure", "updated_at"])


def _save_roles(charter: Charter, roles: list) -> None:
    charter.roles.all().delete()
    CharterRole.objects.bulk_create(
        CharterRole(charter=charter, position=n, name=name, holder=holder)
        for n, (name, holder) in enumerate(roles, start=1)
    )


@transaction.atomic
def save_charter_step(
    *,
    actor: User,
    community: Community,
    reached: int,
    fields: dict | None = None,
    goals: list | None = None,
    roles: list | None = None,
    publish: bool = False,
) -> Charter:
    """Save one step's answers to the draft and remember the furthest step reached; the last
    step publishes in the same transaction, so a failed publish leaves nothing half-saved."""
    charter = _locked_charter(community)
    changed = ["updated_by", "updated_at", "step_reached"]
    for name, value in (fields or {}).items():
        setattr(charter, name, value)
        changed.append(name)
    if goals is not None:
        _save_goals(actor=actor, community=community, goals=goals)
    if roles is not None:
        _save_roles(charter, roles)
    charter.step_reached = max(charter.step_reached, min(reached, CHARTER_STEPS))
    charter.updated_by = actor
    if publish:
        charter.published_at = timezone.now()
        changed.append("published_at")
    charter.save(update_fields=changed)
    return charter


@transaction.atomic
def change_goal_status(*, actor: User, goal: Goal, status: str) -> Goal:
    goal.status = status
    goal.save(update_fields=["status", "updated_at"])
    return goal


@transaction.atomic
def add_goal_note(*, actor: User, goal: Goal, dated: dt.date, body: str) -> GoalNote:
    return GoalNote.objects.create(goal=goal, dated=dated, body=body, author=actor)
