"""The pages `make bench` measures: each names the URLs to rotate over and who views each one.

A page is a function returning (path, viewer) pairs, many of them, so a cache in front of one URL
cannot stand in for a fast page. A later app adds its pages here (meetings, the toolkit, the
program dashboard) with its scale seeder registered in its `AppConfig.ready()`.
Runs inside Django (bench/targets.py), against a seeded bench database.
"""

from collections.abc import Callable
from urllib.parse import urlencode

from django.db.models import Count, Q
from django.utils import timezone

from communities.models import (
    Community,
    Membership,
    MembershipRole,
    Program,
    Report,
    ReportStatus,
    Role,
    Thread,
    Visibility,
)
from cop_platform.scale_text import COMMON_PAIRS, RARE_PAIRS
from meetings.models import (
    ActionItem,
    ActionStatus,
    FeedToken,
    Meeting,
    OccurrenceRecord,
    Recurrence,
)
from meetings.recurrence import occurrence_key

# URLs per page: enough to defeat a per-URL cache, few enough to log everyone in quickly.
TARGETS_PER_PAGE = 120
DIRECTORY_PAGE_SIZE = 20

Targets = list[tuple[str, int]]


def _members(limit: int = TARGETS_PER_PAGE) -> list[int]:
    """People in two CoPs or more: home pages with something on them."""
    return list(
        Membership.objects.values("user_id")
        .annotate(cops=Count("id"))
        .filter(cops__gte=2)
        .order_by("user_id")
        .values_list("user_id", flat=True)[:limit]
    )


def _a_member_of(community_id: int, spread: int) -> int:
    members = Membership.objects.filter(community_id=community_id).order_by("id")
    count = members.count()
    return members.values_list("user_id", flat=True)[spread % count]


def bare() -> Targets:
    return [("/bench/bare/", person) for person in _members()]


def thread() -> Targets:
    threads = Thread.objects.filter(reply_count=20, is_hidden=False, archived_at=None)
    return [
        (f"/cops/{slug}/discussions/{pk}/", _a_member_of(community, pk))
        for pk, slug, community in threads.order_by("pk").values_list(
            "pk", "community__slug", "community_id"
        )[:TARGETS_PER_PAGE]
    ]


def home() -> Targets:
    return [("/", person) for person in _members()]


def directory() -> Targets:
    public = Community.objects.filter(visibility=Visibility.PUBLIC).count()
    pages = max(1, -(-public // DIRECTORY_PAGE_SIZE))
    people = _members()
    return [(f"/cops/?page={1 + n % pages}", person) for n, person in enumerate(people)]


def _cops() -> list[tuple[str, int]]:
    return list(Community.objects.order_by("pk").values_list("slug", "pk")[:TARGETS_PER_PAGE])


def cop() -> Targets:
    return [(f"/cops/{slug}/", _a_member_of(pk, n)) for n, (slug, pk) in enumerate(_cops())]


def thread_list() -> Targets:
    return [
        (f"/cops/{slug}/discussions/{'?page=2' if n % 3 == 2 else ''}", _a_member_of(pk, n))
        for n, (slug, pk) in enumerate(_cops())
    ]


def _search(pairs) -> Targets:
    return [
        ("/search/?" + urlencode({"q": " ".join(pairs[n % len(pairs)])}), person)
        for n, person in enumerate(_members())
    ]


def search_common() -> Targets:
    return _search(COMMON_PAIRS)


def search_rare() -> Targets:
    return _search(RARE_PAIRS)


def moderation() -> Targets:
    reported = (
        Report.objects.filter(status=ReportStatus.OPEN)
        .values_list("post__thread__community_id", flat=True)
        .distinct()
    )
    moderators = (
        MembershipRole.objects.filter(
            role__in=(Role.DISCUSSION_MODERATOR, Role.FACILITATOR),
            membership__community_id__in=reported,
        )
        .order_by("membership__community_id", "role")
        .values_list("membership__community__slug", "membership__user_id")
    )
    return [(f"/cops/{slug}/moderation/", person) for slug, person in moderators]


def program() -> Targets:
    leaders = Program.leaders.through.objects.order_by("program_id", "user_id")
    return [
        (f"/programs/{slug}/", person)
        for slug, person in leaders.values_list("program__slug", "user_id")
    ]


# --- Meetings (issue 12): pages spread over many CoPs and series, every other one seen by the
# CoP's facilitator (who also gets the RSVP counts and who has not answered).


def _spread(rows: list, limit: int = TARGETS_PER_PAGE) -> list:
    """Up to `limit` of `rows`, evenly spaced, so the URLs reach across the data, not its start."""
    step = max(1, len(rows) // limit)
    return rows[::step][:limit]


def _facilitators() -> dict[int, int]:
    rows = MembershipRole.objects.filter(role=Role.FACILITATOR).order_by("membership_id")
    return dict(rows.values_list("membership__community_id", "membership__user_id"))


def _viewer(community_id: int, n: int, facilitators: dict[int, int]) -> int:
    if n % 2 == 0 and community_id in facilitators:
        return facilitators[community_id]
    return _a_member_of(community_id, n)


def meetings_list() -> Targets:
    facilitators = _facilitators()
    cops = list(
        Community.objects.filter(meetings__isnull=False)
        .distinct()
        .order_by("pk")
        .values_list("slug", "pk")
    )
    return [
        (f"/cops/{slug}/meetings/", _viewer(pk, n, facilitators))
        for n, (slug, pk) in enumerate(_spread(cops))
    ]


def series_calendar() -> Targets:
    """A CoP's month view, this month and the two before (past months have moved and cancelled
    occurrences, attendance already taken)."""
    facilitators = _facilitators()
    cops = list(
        Community.objects.filter(meetings__isnull=False)
        .distinct()
        .order_by("pk")
        .values_list("slug", "pk")
    )
    months = []
    year, month = timezone.localdate().year, timezone.localdate().month
    for _ in range(3):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return [
        (
            f"/cops/{slug}/meetings/calendar/?month={months[n % 3]}",
            _viewer(pk, n, facilitators),
        )
        for n, (slug, pk) in enumerate(_spread(cops))
    ]


def meeting() -> Targets:
    """Series that still have occurrences to come, so the page lists ten with their answers."""
    facilitators = _facilitators()
    series = Meeting.objects.exclude(recurrence=Recurrence.NONE).filter(
        Q(repeat_until=None) | Q(repeat_until__gt=timezone.localdate()),
        rsvps__occurrence_start__gt=timezone.now(),
    )
    rows = list(
        series.distinct().order_by("pk").values_list("pk", "community__slug", "community_id")
    )
    return [
        (f"/cops/{slug}/meetings/{pk}/", _viewer(community, n, facilitators))
        for n, (pk, slug, community) in enumerate(_spread(rows))
    ]


def occurrence() -> Targets:
    """Past occurrences with minutes: the agenda loop with its items to review."""
    facilitators = _facilitators()
    records = OccurrenceRecord.objects.exclude(minutes="").order_by("pk")
    rows = list(
        records.values_list(
            "meeting_id", "occurrence_start", "meeting__community__slug", "meeting__community_id"
        )
    )
    return [
        (
            f"/cops/{slug}/meetings/{pk}/{occurrence_key(start)}/",
            _viewer(community, n, facilitators),
        )
        for n, (pk, start, slug, community) in enumerate(_spread(rows))
    ]


def actions() -> Targets:
    """A CoP's action list: open items (the default), every third all of them, every fifth
    the viewer's own; of CoPs with open items, so the default list has rows."""
    facilitators = _facilitators()
    cops = list(
        Community.objects.filter(
            action_items__status__in=(ActionStatus.OPEN, ActionStatus.IN_PROGRESS)
        )
        .distinct()
        .order_by("pk")
        .values_list("slug", "pk")
    )
    targets = []
    for n, (slug, pk) in enumerate(_spread(cops)):
        query = "?status=all" if n % 3 == 2 else "?mine=1" if n % 5 == 4 else ""
        targets.append((f"/cops/{slug}/actions/{query}", _viewer(pk, n, facilitators)))
    return targets


def my_actions() -> Targets:
    """People with open items: those with items in the most CoPs first, then the most items."""
    owners = (
        ActionItem.objects.filter(status__in=(ActionStatus.OPEN, ActionStatus.IN_PROGRESS))
        .values("owner_id")
        .annotate(items=Count("id"), cops=Count("community_id", distinct=True))
        .order_by("-cops", "-items", "owner_id")
        .values_list("owner_id", flat=True)
    )
    return [("/actions/mine/", person) for person in owners[:TARGETS_PER_PAGE]]


def feed() -> Targets:
    """Personal iCalendar feeds, by token, of people in CoPs that meet (no cookie needed; the
    owner's session rides along harmlessly)."""
    meeting_cops = Meeting.objects.values("community_id")
    owners = (
        Membership.objects.filter(community_id__in=meeting_cops)
        .values("user_id")
        .annotate(cops=Count("id"))
        .filter(cops__gte=2)
        .values("user_id")
    )
    tokens = list(
        FeedToken.objects.filter(user_id__in=owners)
        .order_by("user_id")
        .values_list("token", "user_id")
    )
    return [(f"/meetings/feeds/{token}.ics", person) for token, person in _spread(tokens)]


# In the table's order; `make bench PAGES=home,search_common` picks some (bare always runs).
PAGES: dict[str, Callable[[], Targets]] = {
    "bare": bare,
    "thread": thread,
    "home": home,
    "directory": directory,
    "cop": cop,
    "thread_list": thread_list,
    "search_common": search_common,
    "search_rare": search_rare,
    "moderation": moderation,
    "program": program,
    "meetings_list": meetings_list,
    "series_calendar": series_calendar,
    "meeting": meeting,
    "occurrence": occurrence,
    "actions": actions,
    "my_actions": my_actions,
    "feed": feed,
}
