"""The pages `make bench` measures: each names the URLs to rotate over and who views each one.

A page is a function returning (path, viewer) pairs, many of them, so a cache in front of one URL
cannot stand in for a fast page. A later app adds its pages here (meetings, the toolkit, the
program dashboard) with its scale seeder registered in its `AppConfig.ready()`.
Runs inside Django (bench/targets.py), against a seeded bench database.
"""

from collections.abc import Callable
from urllib.parse import urlencode

from django.db.models import Count

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
}
