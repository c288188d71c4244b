from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from communities.discussions.models import (
    Post,
    Reaction,
    Report,
    ReportStatus,
    Thread,
    ThreadFollow,
    ThreadKind,
)
from communities.models import Community, MembershipRole, Role, Stage, User

LIST_FILTERS = ("unanswered", "followed", "archived")
REPLIES_PAGE_SIZE = 25


def threads_for(
    *, community: Community, viewer: User, kind: str = "", show: str = "", moderator: bool = False
) -> QuerySet[Thread]:
    """The discussion list: pinned first, then live announcements, then recent activity."""
    threads = Thread.objects.filter(community=community).select_related("author", "community")
    if not moderator:
        threads = threads.filter(is_hidden=False)
    # Archived threads leave the default list; search still finds them.
    threads = threads.filter(archived_at__isnull=show != "archived")
    if kind:
        threads = threads.filter(kind=kind)
    if show == "unanswered":
        threads = threads.filter(kind=ThreadKind.QUESTION, accepted_answer__isnull=True)
    if show == "followed":
        threads = threads.filter(follows__user=viewer)
    live_announcement = Q(kind=ThreadKind.ANNOUNCEMENT) & (
        Q(announcement_until__isnull=True) | Q(announcement_until__gt=timezone.now())
    )
    return threads.annotate(
        is_live_announcement=Q(live_announcement),
        followed=Exists(ThreadFollow.objects.filter(thread=OuterRef("pk"), user=viewer.pk)),
    ).order_by("-is_pinned", "-is_live_announcement", "-last_activity_at", "-pk")


def replies_for(*, thread: Thread, viewer: User) -> QuerySet[Post]:
    """Replies in order, the accepted answer first, with whether the viewer found each helpful."""
    return (
        _replies_in_order(thread)
        # Permission checks per reply read its thread's community: joined, not fetched.
        .select_related("author", "thread__community")
        .annotate(
            marked_helpful=Exists(Reaction.objects.filter(post=OuterRef("pk"), user=viewer.pk)),
        )
    )


def reply_url(post: Post) -> str:
    """The thread page a reply is on, at its anchor (`post-<pk>` in thread_detail.html), so an
    email about a reply of a long thread opens where the reply is, not on the first page."""
    thread = post.thread
    order = list(_replies_in_order(thread).values_list("pk", flat=True))
    page = order.index(post.pk) // REPLIES_PAGE_SIZE + 1 if post.pk in order else 1
    query = f"?page={page}" if page > 1 else ""
    return f"{thread.get_absolute_url()}{query}#post-{post.pk}"


def _replies_in_order(thread: Thread) -> QuerySet[Post]:
    accepted = Q(pk=thread.accepted_answer_id) if thread.accepted_answer_id else Q(pk=None)
    return (
        Post.objects.filter(thread=thread)
        .annotate(is_accepted=accepted)
        .order_by("-is_accepted", "created_at", "pk")
    )


def open_reports(*, community: Community) -> QuerySet[Report]:
    """The queue: each row's reply, its author, thread, CoP and reporter joined in one query."""
    return (
        Report.objects.filter(post__thread__community=community, status=ReportStatus.OPEN)
        .select_related("post__author", "post__thread__community", "reporter")
        .order_by("created_at", "pk")
    )


def moderated_communities(*, viewer: User) -> QuerySet[Community]:
    """The CoPs whose reports `viewer` handles: those where they moderate ("thread.moderate":
    the moderator or facilitator role), but not archived ones, where nobody moderates."""
    if not viewer.is_authenticated:
        return Community.objects.none()
    held = MembershipRole.objects.filter(
        membership__user=viewer, role__in=(Role.DISCUSSION_MODERATOR, Role.FACILITATOR)
    ).values("membership__community_id")
    return Community.objects.filter(pk__in=held).exclude(stage=Stage.ARCHIVED)


def open_report_count(*, viewer: User) -> int:
    """Open reports across the CoPs `viewer` moderates, in one query (the nav's badge)."""
    if not viewer.is_authenticated:
        return 0
    return Report.objects.filter(
        status=ReportStatus.OPEN,
        post__thread__community__in=moderated_communities(viewer=viewer),
    ).count()


def report_counts(*, viewer: User) -> QuerySet[Community]:
    """The CoPs `viewer` moderates, each with `open_reports`, those with most waiting first."""
    return (
        moderated_communities(viewer=viewer)
        .annotate(
            open_reports=Count(
                "threads__posts__reports",
                filter=Q(threads__posts__reports__status=ReportStatus.OPEN),
            )
        )
        .order_by("-open_reports", "name")
    )
