"""What discussions add to shared pages: the latest threads and the open pings on a CoP's page,
and, on the home page, what is new in one's CoPs and their open pings. Each selector runs a
bounded number of queries, whatever the number of threads."""

from django.db.models import Exists, OuterRef
from django.utils import timezone

from communities.access import access_of
from communities.discussions.models import Ping, PingAnswer, Thread
from communities.discussions.unread import unread_counts_by_community, unread_threads
from cop_platform.page_parts import (
    CommunityPanel,
    HomeSection,
    register_community_panel,
    register_home_section,
)
from cop_platform.permissions import can

LATEST_THREADS = 5
OPEN_PINGS = 5
NEWEST_UNREAD = 5


def latest_threads(request, community) -> dict | None:
    if not can(request.user, "discussion.read", community):
        return None
    threads = list(
        Thread.objects.filter(community=community, is_hidden=False, archived_at__isnull=True)
        .select_related("author", "community")
        .order_by("-last_activity_at", "-pk")[:LATEST_THREADS]
    )
    return {"community": community, "threads": threads}


def open_pings_here(request, community) -> dict | None:
    if not can(request.user, "ping.read", community):
        return None
    pings = list(
        Ping.objects.filter(community=community, closes_at__gt=timezone.now())
        .select_related("community")
        .annotate(answered=_answered_by(request.user))
        .order_by("closes_at")[:OPEN_PINGS]
    )
    # An empty box says nothing a member needs; the Pings page is one click away.
    return {"community": community, "pings": pings} if pings else None


def open_pings_for_member(request) -> dict | None:
    user = request.user
    if not user.is_authenticated:
        return None
    pings = list(
        Ping.objects.filter(community__memberships__user=user, closes_at__gt=timezone.now())
        .select_related("community")
        .annotate(answered=_answered_by(user))
        .order_by("closes_at")
    )
    return {"pings": pings} if pings else None


def whats_new_for_member(request) -> dict | None:
    """Per CoP of the member's, how many threads have news for them, and the newest few."""
    user = request.user
    if not user.is_authenticated or not access_of(user).roles:
        return None
    return {
        "counts": unread_counts_by_community(viewer=user),
        "threads": list(unread_threads(viewer=user)[:NEWEST_UNREAD]),
    }


def _answered_by(user):
    return Exists(PingAnswer.objects.filter(ping=OuterRef("pk"), user=user.pk))


def register_discussion_page_parts() -> None:
    register_community_panel(
        CommunityPanel(
            "discussions.latest-threads",
            "communities/partials/latest-threads.html",
            latest_threads,
            order=10,
        )
    )
    register_community_panel(
        CommunityPanel(
            "discussions.open-pings",
            "communities/partials/open-pings.html",
            open_pings_here,
            order=20,
        )
    )
    register_home_section(
        HomeSection(
            "discussions.whats-new",
            "communities/partials/home-whats-new.html",
            whats_new_for_member,
            order=10,
        )
    )
    register_home_section(
        HomeSection(
            "discussions.open-pings",
            "communities/partials/home-open-pings.html",
            open_pings_for_member,
            order=20,
        )
    )
