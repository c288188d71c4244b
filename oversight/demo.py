"""Check-ins' part of the demo (SPEC §10): the demo program's CoPs with a cadence, a few
check-ins recorded by the demo provider (one with a follow-up), one CoP three days overdue and
one more than a cadence overdue, one whose status request the beat sends at once, one new to the
program with none yet. Registered in `OversightConfig.ready()`; people and CoPs come from
communities' seeders.

Dates are set from today: running it again the same day changes nothing, and on a later day
moves the history along so the overdue ones stay overdue."""

import datetime as dt

from django.utils import timezone

from cop_platform.demo import DemoData
from meetings.models import ActionItem
from oversight.models import CheckIn, CheckInCadence, CheckInPlan, CheckInStatus, StatusUpdate
from oversight.schedule import last_held_on, next_due_on, sync_checkin_schedule

PROVIDER = "provider@example.org"
FACILITATOR = "facilitator@example.org"

# slug → cadence, days since the CoP joined the program, and (days ago, status, notes,
# follow-up: the title of an action item meetings' demo made) for each check-in recorded.
DEMO_CHECKINS = {
    # Last check-in 17 days ago every two weeks: three days overdue.
    "recovery-leaders": (
        CheckInCadence.BIWEEKLY,
        60,
        [
            (31, CheckInStatus.ON_TRACK, "Attendance steady; the charter is agreed.", ""),
            (
                17,
                CheckInStatus.NEEDS_SUPPORT,
                "Supervision differs across members' organisations; agreed to share a checklist.",
                # meetings' demo action item, the follow-up this check-in agreed on
                "Share the supervision checklist",
            ),
        ],
    ),
    # Due in two days: the facilitators' status request is due now, the reminder tomorrow.
    "peer-support-supervisors": (
        CheckInCadence.BIWEEKLY,
        45,
        [(12, CheckInStatus.ON_TRACK, "Case reviews are well attended.", "")],
    ),
    # Last checked in nine weeks ago every four weeks: more than a cadence overdue, as the
    # health demo's quiet CoP drifts without anyone noticing (oversight/health_demo.py).
    "rural-outreach": (
        CheckInCadence.FOUR_WEEKS,
        120,
        [(64, CheckInStatus.ON_TRACK, "Sustaining well; fewer, longer meetings.", "")],
    ),
    # New to the program: no check-in yet, the first due a cadence after it joined.
    "data-informed-practice": (CheckInCadence.BIWEEKLY, 5, []),
    "family-engagement": (
        CheckInCadence.FOUR_WEEKS,
        90,
        [(20, CheckInStatus.AT_RISK, "Winding down; members asked what happens next.", "")],
    ),
}
# What the at-risk CoP's facilitators said before its next check-in.
DEMO_STATUS = {
    "family-engagement": (CheckInStatus.AT_RISK, "A plan for continuing after the program."),
}


def seed_checkins(data: DemoData) -> list[str]:
    today = timezone.now().astimezone(dt.UTC).date()
    provider, facilitator = data.people[PROVIDER], data.people[FACILITATOR]
    lines = ["Check-ins (provider@example.org records them):"]
    for slug, (cadence, joined_days_ago, checkins) in DEMO_CHECKINS.items():
        community = data.communities[slug]
        for days_ago, status, notes, follow_up in checkins:
            checkin, _created = CheckIn.objects.update_or_create(
                community=community,
                recorded_by=provider,
                notes=notes,
                defaults={"held_on": today - dt.timedelta(days=days_ago), "status": status},
            )
            # The follow-up is one of the CoP's demo action items: the demo's action plan
            # stays as meetings' seeder left it.
            item = ActionItem.objects.filter(community=community, title=follow_up).first()
            if follow_up and item is not None:
                checkin.follow_ups.add(item)
        plan = _seed_plan(community, cadence, today - dt.timedelta(days=joined_days_ago))
        if slug in DEMO_STATUS:
            status, help_text = DEMO_STATUS[slug]
            StatusUpdate.objects.update_or_create(
                community=community,
                due_on=plan.next_due_on,
                defaults={"status": status, "what_would_help": help_text, "author": facilitator},
            )
        overdue = " (overdue)" if plan.next_due_on < today else ""
        lines.append(f"  {slug:<30} next due {plan.next_due_on}{overdue}")
    return lines


def _seed_plan(community, cadence: int, started_on: dt.date) -> CheckInPlan:
    plan, _created = CheckInPlan.objects.update_or_create(
        community=community,
        defaults={
            "program": community.program,
            "cadence_days": cadence,
            "started_on": started_on,
            "next_due_on": started_on,
        },
    )
    plan.next_due_on = next_due_on(plan, last_held_on(community))
    plan.save(update_fields=["next_due_on"])
    sync_checkin_schedule(community=community, today=timezone.now().astimezone(dt.UTC).date())
    return plan
