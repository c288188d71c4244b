"""Reads for check-in pages and parts, each a fixed number of queries however many rows."""

import datetime as dt

from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet, Subquery

from communities.access import access_of
from communities.models import Community, Membership, Role, Stage, User
from meetings.models import ActionItem
from oversight.models import (
    CheckIn,
    CheckInMail,
    CheckInMailKind,
    CheckInMailStatus,
    CheckInPlan,
    StatusUpdate,
)

DUE_SOON = dt.timedelta(days=7)


def checkin_history(*, community: Community) -> QuerySet[CheckIn]:
    """The CoP's check-ins, newest first, with who recorded them and their follow-ups."""
    return (
        CheckIn.objects.filter(community=community)
        .select_related("recorded_by")
        .prefetch_related(
            Prefetch(
                "follow_ups",
                queryset=ActionItem.objects.select_related("owner").order_by("pk"),
                to_attr="follow_up_list",
            )
        )
        .order_by("-held_on", "-pk")
    )


def plan_of(community: Community) -> CheckInPlan | None:
    return CheckInPlan.objects.filter(community=community).first()


def latest_checkin(community: Community) -> CheckIn | None:
    return CheckIn.objects.filter(community=community).order_by("-held_on", "-pk").first()


def status_update_for(plan: CheckInPlan | None) -> StatusUpdate | None:
    if plan is None:
        return None
    return (
        StatusUpdate.objects.filter(community_id=plan.community_id, due_on=plan.next_due_on)
        .select_related("author")
        .first()
    )


def _with_last_checkin(plans: QuerySet[CheckInPlan]) -> QuerySet[CheckInPlan]:
    last = CheckIn.objects.filter(community=OuterRef("community")).order_by("-held_on", "-pk")
    said = StatusUpdate.objects.filter(
        community=OuterRef("community"), due_on=OuterRef("next_due_on")
    )
    return plans.annotate(
        last_held_on=Subquery(last.values("held_on")[:1]),
        last_status=Subquery(last.values("status")[:1]),
        # What the facilitators said before the next one, if they have.
        said_status=Subquery(said.values("status")[:1]),
    )


def plans_overseen_by(*, user: User, today: dt.date, due_only: bool = False):
    """Plans of the open program CoPs the person provides for, or whose program they lead,
    soonest due first (overdue ones on top), with each one's last check-in and an `overdue`
    flag. `due_only`: those due within a week or overdue."""
    led = access_of(user).led_program_ids
    plans = (
        CheckInPlan.objects.filter(Q(community__provider=user) | Q(community__program_id__in=led))
        .filter(community__program__isnull=False)
        .exclude(community__stage=Stage.ARCHIVED)
        .select_related("community__program")
        .annotate(overdue=Q(next_due_on__lt=today), provided=Q(community__provider=user))
        .order_by("next_due_on", "community__name", "pk")
    )
    if due_only:
        plans = plans.filter(next_due_on__lte=today + DUE_SOON)
    return _with_last_checkin(plans)


def pending_status_requests(*, user: User):
    """Status requests sent to this facilitator that nobody has answered yet, for check-ins
    still to come in open program CoPs."""
    answered = StatusUpdate.objects.filter(
        community=OuterRef("community"), due_on=OuterRef("due_on")
    )
    # A facilitator who stepped down since is no longer asked.
    still_leads = Membership.objects.filter(
        community=OuterRef("community"), user=user, roles__role=Role.FACILITATOR
    )
    return (
        CheckInMail.objects.filter(
            recipient=user,
            kind=CheckInMailKind.REQUEST,
            status=CheckInMailStatus.SENT,
            due_on=F("community__checkin_plan__next_due_on"),
            community__program__isnull=False,
        )
        .exclude(community__stage=Stage.ARCHIVED)
        .exclude(Exists(answered))
        .filter(Exists(still_leads))
        .select_related("community")
        .order_by("due_on", "pk")
    )
