"""What the program dashboard reads (issue 14 step 3): the CoPs a viewer follows in a program
with their health figures as last computed, their flag counts, and the program's weeks of
activity. Every function runs one query, however many CoPs the program has; reasons are put
into words from the rows already loaded.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Case, Count, F, IntegerField, Q, QuerySet, Sum, Value, When
from django.db.models.functions import Lower
from django.utils import formats

from communities.access import access_of
from communities.models import Community, Program, Stage, User
from oversight.health import reasons_in_words
from oversight.models import CheckInStatus, CommunityHealth, HealthFlag, WeeklyActivity

# The filter's value for CoPs the worker has not computed yet (no CommunityHealth row).
NOT_COMPUTED = "none"
CHART_WEEKS = 12

# The lifecycle in its own order, not the alphabet's.
_STAGE_ORDER = Case(
    *(When(stage=stage, then=Value(i)) for i, stage in enumerate(Stage.values)),
    output_field=IntegerField(),
)
# The columns one may sort by (`?sort=posts`, `?sort=-posts`); anything else is ignored.
SORTS = {
    "name": Lower("name"),
    "provider": Lower("provider__name"),
    "stage": _STAGE_ORDER,
    "members": F("health__members"),
    "active": F("health__active_members"),
    "posts": F("health__posts"),
    "meetings": F("health__meetings_held"),
    "attendance": F("health__attendance_rate"),
    "open": F("health__open_action_items"),
    "overdue": F("health__overdue_action_items"),
    "checkin": F("health__last_checkin_on"),
    "score": F("health__evaluation_score"),
    # The stored flags sort worst first.
    "flag": F("health__flag"),
}
DEFAULT_SORT = "flag"


def dashboard_communities(*, program: Program, viewer: User) -> QuerySet[Community]:
    """The program's open CoPs the viewer follows: all of them for its TTA leaders, the ones
    assigned to them for a provider."""
    cops = Community.objects.filter(program=program).exclude(stage=Stage.ARCHIVED)
    if program.pk not in access_of(viewer).led_program_ids:
        cops = cops.filter(provider=viewer)
    return cops


def flag_counts(communities: QuerySet[Community]) -> dict[str, int]:
    """How many CoPs are at risk, on watch, healthy and not computed yet, in one query."""
    return communities.aggregate(
        at_risk=Count("pk", filter=Q(health__flag=HealthFlag.AT_RISK)),
        watch=Count("pk", filter=Q(health__flag=HealthFlag.WATCH)),
        healthy=Count("pk", filter=Q(health__flag=HealthFlag.HEALTHY)),
        not_computed=Count("pk", filter=Q(health__isnull=True)),
    )


def providers_of(communities: QuerySet[Community]) -> list[User]:
    """The providers of these CoPs, for the filter's choices."""
    return list(User.objects.filter(pk__in=communities.values("provider_id")))


def filtered(
    communities: QuerySet[Community], *, flag: str = "", provider_id: int | None = None
) -> QuerySet[Community]:
    if flag == NOT_COMPUTED:
        communities = communities.filter(health__isnull=True)
    elif flag:
        communities = communities.filter(health__flag=flag)
    if provider_id is not None:
        communities = communities.filter(provider_id=provider_id)
    return communities


def ordered(communities: QuerySet[Community], sort: str) -> tuple[QuerySet[Community], str]:
    """The rows in the asked order (a CoP not computed yet last either way), then by name; an
    unknown `sort` falls back to the default, worst flag first. Returns the sort applied."""
    if sort.removeprefix("-") not in SORTS:
        sort = DEFAULT_SORT
    expression = SORTS[sort.removeprefix("-")]
    first = (
        expression.desc(nulls_last=True)
        if sort.startswith("-")
        else expression.asc(nulls_last=True)
    )
    rows = communities.select_related("health", "provider").order_by(first, Lower("name"), "pk")
    return rows, sort


@dataclass(frozen=True)
class DashboardRow:
    community: Community
    health: CommunityHealth | None  # None: not computed yet
    reasons: list[str]
    checkin_label: str


def rows_of(communities, *, today: dt.date) -> list[DashboardRow]:
    """Each CoP with its figures and the reasons for its flag in words; no query."""
    rows = []
    for community in communities:
        # A CoP without a row raises on access; select_related has already said so.
        health = getattr(community, "health", None)
        status = health.last_checkin_status if health else ""
        rows.append(
            DashboardRow(
                community=community,
                health=health,
                reasons=reasons_in_words(health, today) if health else [],
                checkin_label=CheckInStatus(status).label if status else "",
            )
        )
    return rows


def figures_as_of(rows: list[DashboardRow]) -> dt.datetime | None:
    """The oldest computation among the rows shown: every figure is at least this fresh."""
    times = [row.health.computed_at for row in rows if row.health is not None]
    return min(times) if times else None


@dataclass(frozen=True)
class Week:
    starts_on: dt.date
    posts: int
    present: int
    absent: int

    @property
    def label(self) -> str:
        return formats.date_format(self.starts_on, "j M Y")

    @property
    def attendance_rate(self) -> int | None:
        marked = self.present + self.absent
        return round(100 * self.present / marked) if marked else None


def weekly_activity(
    communities: QuerySet[Community], *, today: dt.date, none_if_unrecorded: bool = False
) -> list[Week]:
    """The last twelve weeks (to this one) summed over these CoPs, in one grouped query; a week
    nobody recorded counts zero. `none_if_unrecorded`: no weeks at all when the worker has
    written none for these CoPs yet (a CoP's page says so rather than draw zeros)."""
    this_monday = today - dt.timedelta(days=today.weekday())
    mondays = [this_monday - dt.timedelta(weeks=n) for n in range(CHART_WEEKS - 1, -1, -1)]
    sums = (
        WeeklyActivity.objects.filter(
            community__in=communities.values("pk"), week__gte=mondays[0], week__lte=this_monday
        )
        .values("week")
        .annotate(
            total_posts=Sum("posts"), total_present=Sum("present"), total_absent=Sum("absent")
        )
        .order_by("week")
    )
    by_week = {row["week"]: row for row in sums}
    if not by_week and none_if_unrecorded:
        return []
    return [
        Week(
            monday,
            by_week.get(monday, {}).get("total_posts", 0),
            by_week.get(monday, {}).get("total_present", 0),
            by_week.get(monday, {}).get("total_absent", 0),
        )
        for monday in mondays
    ]


# --- The TTA leader's home: their programs at a glance ------------------------------------------


def flag_counts_by_program(program_ids) -> dict[int, dict[str, int]]:
    """Each program's flag counts over its open CoPs, in one grouped query."""
    rows = (
        Community.objects.filter(program_id__in=program_ids)
        .exclude(stage=Stage.ARCHIVED)
        .values("program_id")
        .annotate(
            at_risk=Count("pk", filter=Q(health__flag=HealthFlag.AT_RISK)),
            watch=Count("pk", filter=Q(health__flag=HealthFlag.WATCH)),
            healthy=Count("pk", filter=Q(health__flag=HealthFlag.HEALTHY)),
            not_computed=Count("pk", filter=Q(health__isnull=True)),
        )
        .order_by("program_id")
    )
    return {row.pop("program_id"): row for row in rows}


def cops_at_risk(*, program_ids, limit: int) -> list[Community]:
    """Open CoPs at risk in these programs, quietest first (the longest without activity)."""
    return list(
        Community.objects.filter(program_id__in=program_ids, health__flag=HealthFlag.AT_RISK)
        .exclude(stage=Stage.ARCHIVED)
        .select_related("health", "program")
        .order_by(F("health__last_activity_at").asc(nulls_first=True), Lower("name"), "pk")[:limit]
    )


def cops_provided_by(*, user: User, limit: int) -> list[Community]:
    """The open program CoPs this person is the TTA provider of, worst flag first (those not
    computed yet last), with their figures and program, in one query; `limit + 1` tells the
    page whether there are more."""
    return list(
        Community.objects.filter(provider=user, program__isnull=False)
        .exclude(stage=Stage.ARCHIVED)
        .select_related("health", "program")
        .order_by(F("health__flag").asc(nulls_last=True), Lower("name"), "pk")[: limit + 1]
    )
