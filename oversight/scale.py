"""Check-ins' part of the scale data (`manage.py seed_scale`), registered in
`OversightConfig.ready()` after communities' and meetings' seeders: every open program CoP gets a
check-in plan, a history of check-ins every cadence or so back to when it joined (a share of them
overdue now), and, for some, the facilitators' status for the next one. The status-request and
reminder rows are not seeded: the hourly arming (`arm_checkins_task`) makes them as it would for
any CoP.
"""

import datetime as dt

from communities.models import Community, Stage
from cop_platform.scale import ScaleRun, next_id
from cop_platform.scale_text import VOCABULARY
from oversight.models import CheckInCadence, CheckInStatus

CADENCES = (
    (CheckInCadence.WEEKLY, 10),
    (CheckInCadence.BIWEEKLY, 55),
    (CheckInCadence.FOUR_WEEKS, 35),
)
STATUSES = (
    (CheckInStatus.ON_TRACK, 65),
    (CheckInStatus.NEEDS_SUPPORT, 25),
    (CheckInStatus.AT_RISK, 10),
)
# Check-ins recorded per CoP at most (a year of every two weeks), and the share running late.
MOST_CHECKINS = 26
OVERDUE_SHARE = 0.2
ANSWERED_SHARE = 0.4


def _pick(rng, weighted):
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights=weights)[0]


def _history(rng, today: dt.date, cadence: int) -> tuple[dt.date, list[dt.date]]:
    """When the CoP joined, and its check-ins newest first: the last one less than a cadence
    ago, or (for those running late) more."""
    started = today - dt.timedelta(days=rng.randint(cadence, 400))
    if rng.random() < OVERDUE_SHARE:
        last = today - dt.timedelta(days=cadence + rng.randint(1, cadence))
    else:
        last = today - dt.timedelta(days=rng.randint(0, cadence - 1))
    held, day = [], last
    while day >= started and len(held) < MOST_CHECKINS:
        held.append(day)
        day -= dt.timedelta(days=cadence + rng.randint(-2, 3))
    return started, held


def seed_checkins(run: ScaleRun) -> None:
    rng, today = run.rng, run.now.date()
    cops = (
        Community.objects.filter(program__isnull=False)
        .exclude(stage=Stage.ARCHIVED)
        .values_list("id", "program_id", "provider_id")
        .order_by("id")
    )
    plans, checkins, updates = [], [], []
    checkin_id = next_id("oversight_checkin")
    for plan_id, (community_id, program_id, provider_id) in enumerate(
        cops, start=next_id("oversight_checkinplan")
    ):
        cadence = _pick(rng, CADENCES)
        started, held = _history(rng, today, cadence)
        for held_on in held:
            note = VOCABULARY.title(rng)
            status = _pick(rng, STATUSES)
            checkins.append((checkin_id, community_id, held_on, status, note, provider_id, run.now))
            checkin_id += 1
        next_due = max([*held, started]) + dt.timedelta(days=cadence)
        plans.append((plan_id, community_id, program_id, cadence, started, next_due, run.now))
        if rng.random() < ANSWERED_SHARE:
            status, words = _pick(rng, STATUSES), VOCABULARY.title(rng)
            updates.append((community_id, next_due, status, words, None, run.now))
    _copy(run, plans, checkins, updates)


def _copy(run: ScaleRun, plans: list, checkins: list, updates: list) -> None:
    plan_columns = ["community_id", "program_id", "cadence_days", "started_on", "next_due_on"]
    run.copy("oversight_checkinplan", ["id", *plan_columns, "updated_at"], plans)
    checkin_columns = ["community_id", "held_on", "status", "notes", "recorded_by_id"]
    run.copy("oversight_checkin", ["id", *checkin_columns, "recorded_at"], checkins)
    first = next_id("oversight_statusupdate")
    rows = [(first + n, *row) for n, row in enumerate(updates)]
    update_columns = ["community_id", "due_on", "status", "what_would_help", "author_id"]
    run.copy("oversight_statusupdate", ["id", *update_columns, "updated_at"], rows)
