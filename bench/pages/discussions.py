"""The first wave's pages: the bare yardstick, discussions, the directory, search, programs."""

from urllib.parse import urlencode

from bench.pages.common import TARGETS_PER_PAGE, Targets, a_member_of, members
from communities.models import (
    Community,
    MembershipRole,
    Program,
    Report,
    ReportStatus,
    Role,
    Thread,
    Visibility,
)
from cop_platform.scale_text import COMMON_PAIRS, RARE_PAIRS

DIRECTORY_PAGE_SIZE = 20


def bare() -> Targets:
    return [("/bench/bare/", person) for person in members()]


def thread() -> Targets:
    threads = Thread.objects.filter(reply_count=20, is_hidden=False, archived_at=None)
    return [
        (f"/cops/{slug}/discussions/{pk}/", a_member_of(community, pk))
        for pk, slug, community in threads.order_by("pk").values_list(
            "pk", "community__slug", "community_id"
        )[:TARGETS_PER_PAGE]
    ]


def home() -> Targets:
    return [("/", person) for person in members()]


def directory() -> Targets:
    public = Community.objects.filter(visibility=Visibility.PUBLIC).count()
    pages = max(1, -(-public // DIRECTORY_PAGE_SIZE))
    people = members()
    return [(f"/cops/?page={1 + n % pages}", person) for n, person in enumerate(people)]


def _cops() -> list[tuple[str, int]]:
    return list(Community.objects.order_by("pk").values_list("slug", "pk")[:TARGETS_PER_PAGE])


def cop() -> Targets:
    return [(f"/cops/{slug}/", a_member_of(pk, n)) for n, (slug, pk) in enumerate(_cops())]


def thread_list() -> Targets:
    return [
        (f"/cops/{slug}/discussions/{'?page=2' if n % 3 == 2 else ''}", a_member_of(pk, n))
        for n, (slug, pk) in enumerate(_cops())
    ]


def _search(pairs) -> Targets:
    return [
        ("/search/?" + urlencode({"q": " ".join(pairs[n % len(pairs)])}), person)
        for n, person in enumerate(members())
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
