"""The check-in schedule: plan dates, the email rows kept in step with them, and the beat's send.

`sync_checkin_schedule()` runs inside every write that changes when the next check-in is due
or who is told (recording a check-in, a new cadence) and from the beat for CoPs that joined a
program since (`arm_new_plans`) or whose facilitators, provider or zones changed
(`arm_all_plans`, hourly): the next check-in gets a status request for each facilitator,
three days before at 09:00 on their clock, and a reminder for the provider the day before at
09:00 on theirs. Pending rows for another date or person go; a row already sent stays, and
the unique constraint keeps it from being armed twice.

`send_due_checkin_mail()` runs in the worker: each due row is taken under a row lock that a
concurrent run skips, checked once more (recorded since? archived? still a facilitator?),
sent through `notify` under a key naming person, CoP, kind and date, and marked in the same
transaction.
"""

import datetime as dt
import zoneinfo

from django.db import transaction
from django.db.models import F, Max, Q
from django.urls import reverse

from communities.models import Community, Membership, Role, Stage, User
from communities.notifications.sender import notify
from oversight.models import CheckIn, CheckInMail, CheckInMailKind, CheckInMailStatus, CheckInPlan

SEND_HOUR = 9
DAYS_BEFORE = {CheckInMailKind.REQUEST: 3, CheckInMailKind.REMINDER: 1}
KIND_OF = {CheckInMailKind.REQUEST: "checkin_request", CheckInMailKind.REMINDER: "checkin_reminder"}
CAPABILITY_OF = {
    CheckInMailKind.REQUEST: "checkin.answer",
    CheckInMailKind.REMINDER: "checkin.record",
}
DISPATCH_BATCH = 500


def in_scope(community: Community) -> bool:
    """Check-ins are a program's: a stand-alone or archived CoP has none."""
    return community.program_id is not None and community.stage != Stage.ARCHIVED


def at_nine(day: dt.date, zone_name: str) -> dt.datetime:
    """09:00 on `day` on that zone's clock, in UTC (DST-safe: the wall time is what counts)."""
    local = dt.datetime.combine(day, dt.time(SEND_HOUR), zoneinfo.ZoneInfo(zone_name))
    return local.astimezone(dt.UTC)


def next_due_on(plan: CheckInPlan, last_held_on: dt.date | None) -> dt.date:
    anchor = max(filter(None, (last_held_on, plan.started_on)))
    return anchor + dt.timedelta(days=plan.cadence_days)


def last_held_on(community: Community) -> dt.date | None:
    return CheckIn.objects.filter(community=community).aggregate(last=Max("held_on"))["last"]


def ensure_plan(community: Community, today: dt.date) -> CheckInPlan:
    """The CoP's plan, locked; made (or started again) when it is new to its program."""
    plan = CheckInPlan.objects.select_for_update().filter(community=community).first()
    if plan is None:
        plan = CheckInPlan(community=community, started_on=today, next_due_on=today)
    if plan.pk is None or plan.program_id != community.program_id:
        plan.program_id, plan.started_on = community.program_id, today
        plan.next_due_on = next_due_on(plan, last_held_on(community))
        plan.save()
    return plan


def facilitators_of(community: Community) -> list[User]:
    return list(
        User.objects.filter(
            is_active=True,
            pk__in=Membership.objects.filter(
                community=community, roles__role=Role.FACILITATOR
            ).values("user_id"),
        ).order_by("pk")
    )


def _wanted(community: Community, plan: CheckInPlan) -> dict[tuple[int, str], dt.datetime]:
    """(recipient, kind) -> due time, for the plan's next check-in."""
    if not in_scope(community) or community.provider_id is None:
        return {}
    wanted = {}
    request_day = plan.next_due_on - dt.timedelta(days=DAYS_BEFORE[CheckInMailKind.REQUEST])
    for person in facilitators_of(community):
        wanted[(person.pk, CheckInMailKind.REQUEST)] = at_nine(request_day, person.zone_name)
    provider = community.provider
    if provider.is_active:
        reminder_day = plan.next_due_on - dt.timedelta(days=DAYS_BEFORE[CheckInMailKind.REMINDER])
        wanted[(provider.pk, CheckInMailKind.REMINDER)] = at_nine(reminder_day, provider.zone_name)
    return wanted


@transaction.atomic
def sync_checkin_schedule(*, community: Community, today: dt.date) -> CheckInPlan | None:
    """Bring the CoP's plan and its pending email rows in step; None outside a program."""
    community = Community.objects.select_related("provider").get(pk=community.pk)
    if community.program_id is None:
        CheckInMail.objects.filter(community=community, status=CheckInMailStatus.PENDING).delete()
        return None
    plan = ensure_plan(community, today)
    wanted = _wanted(community, plan)
    pending = CheckInMail.objects.filter(community=community, status=CheckInMailStatus.PENDING)
    stale, changed = [], []
    for row in pending:
        due_at = (
            wanted.get((row.recipient_id, row.kind)) if row.due_on == plan.next_due_on else None
        )
        if due_at is None:
            stale.append(row.pk)
        elif row.due_at != due_at:  # the person moved zones
            row.due_at = due_at
            changed.append(row)
    CheckInMail.objects.filter(pk__in=stale).delete()
    CheckInMail.objects.bulk_update(changed, ["due_at"])
    CheckInMail.objects.bulk_create(
        (
            CheckInMail(
                community=community,
                recipient_id=recipient_id,
                kind=kind,
                due_on=plan.next_due_on,
                due_at=due_at,
            )
            for (recipient_id, kind), due_at in wanted.items()
        ),
        ignore_conflicts=True,  # a row already sent for this date stays sent
    )
    return plan


def _schedulable() -> Q:
    return Q(program__isnull=False) & ~Q(stage=Stage.ARCHIVED)


def arm_new_plans(now: dt.datetime) -> int:
    """CoPs that joined a program (or moved to another) since the last beat get their plan."""
    fresh = Community.objects.filter(_schedulable()).filter(
        Q(checkin_plan__isnull=True) | ~Q(checkin_plan__program=F("program"))
    )
    today = now.astimezone(dt.UTC).date()
    count = 0
    for community in fresh.iterator(chunk_size=200):
        sync_checkin_schedule(community=community, today=today)
        count += 1
    return count


def arm_all_plans(now: dt.datetime) -> int:
    """Hourly: every CoP's rows follow its facilitators, provider and their zones as they are."""
    today = now.astimezone(dt.UTC).date()
    count = 0
    for community in Community.objects.filter(_schedulable()).iterator(chunk_size=200):
        sync_checkin_schedule(community=community, today=today)
        count += 1
    return count


def send_due_checkin_mail(now: dt.datetime) -> int:
    """Send every check-in email that is due; returns how many people were told."""
    due = list(
        CheckInMail.objects.filter(status=CheckInMailStatus.PENDING, due_at__lte=now)
        .order_by("due_at")
        .values_list("pk", flat=True)[:DISPATCH_BATCH]
    )
    return sum(_send_one(pk, now) for pk in due)


@transaction.atomic
def _send_one(pk: int, now: dt.datetime) -> int:
    row = (
        CheckInMail.objects.select_for_update(skip_locked=True, of=("self",))
        .select_related("community__checkin_plan", "community__program", "recipient")
        .filter(pk=pk, status=CheckInMailStatus.PENDING, due_at__lte=now)
        .first()
    )
    if row is None:
        return 0  # another run holds it, or has sent it since we looked
    told = 0
    if _still_applies(row, now):
        told = int(_tell(row) is not None)
        row.status = CheckInMailStatus.SENT
    else:
        row.status = CheckInMailStatus.SKIPPED
    row.handled_at = now
    row.save(update_fields=["status", "handled_at"])
    return told


def _still_applies(row: CheckInMail, now: dt.datetime) -> bool:
    """The check-in is still the next one, the CoP is still in a program and open, the person
    still holds the part they are told as, and the due day has not passed on their clock."""
    community = row.community
    plan = getattr(community, "checkin_plan", None)
    if not in_scope(community) or plan is None or plan.next_due_on != row.due_on:
        return False
    local_today = now.astimezone(zoneinfo.ZoneInfo(row.recipient.zone_name)).date()
    if local_today > row.due_on:
        return False
    if row.kind == CheckInMailKind.REMINDER:
        return community.provider_id == row.recipient_id
    return Membership.objects.filter(
        community=community, user=row.recipient, roles__role=Role.FACILITATOR
    ).exists()


def mail_key(row: CheckInMail) -> str:
    return f"{KIND_OF[row.kind]}:{row.community_id}:{row.due_on.isoformat()}:{row.recipient_id}"


def _tell(row: CheckInMail):
    community = row.community
    if row.kind == CheckInMailKind.REQUEST:
        url = reverse("oversight:status_update", args=[community.slug])
    else:
        url = reverse("oversight:checkin_record", args=[community.slug])
    context = {
        "community": community,
        "due_on": row.due_on,
        "which": row.kind,
        "message": community.name,
    }
    return notify(
        to=row.recipient,
        kind=KIND_OF[row.kind],
        key=mail_key(row),
        context=context,
        group=community.name,
        url=url,
        about=community,
        capability=CAPABILITY_OF[row.kind],
    )
