"""What every bench page shares: who views a page, and how URLs are spread across the data."""

from django.db.models import Count

from communities.models import Membership, MembershipRole, Role

# URLs per page: enough to defeat a per-URL cache, few enough to log everyone in quickly.
TARGETS_PER_PAGE = 120

Targets = list[tuple[str, int]]


def members(limit: int = TARGETS_PER_PAGE) -> list[int]:
    """People in two CoPs or more: home pages with something on them."""
    return list(
        Membership.objects.values("user_id")
        .annotate(cops=Count("id"))
        .filter(cops__gte=2)
        .order_by("user_id")
        .values_list("user_id", flat=True)[:limit]
    )


def a_member_of(community_id: int, n: int) -> int:
    members = Membership.objects.filter(community_id=community_id).order_by("id")
    count = members.count()
    return members.values_list("user_id", flat=True)[n % count]


def spread(rows: list, limit: int = TARGETS_PER_PAGE) -> list:
    """Up to `limit` of `rows`, evenly spaced, so the URLs reach across the data, not its start."""
    step = max(1, len(rows) // limit)
    return rows[::step][:limit]


def facilitator_of_each_cop() -> dict[int, int]:
    rows = MembershipRole.objects.filter(role=Role.FACILITATOR).order_by("membership_id")
    return dict(rows.values_list("membership__community_id", "membership__user_id"))


def viewer(community_id: int, n: int, facilitators: dict[int, int]) -> int:
    if n % 2 == 0 and community_id in facilitators:
        return facilitators[community_id]
    return a_member_of(community_id, n)
