from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Value
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
from communities.selectors import count_of

LIST_FILTERS = ("unanswered", "followed", "archived")
REPLIES_PAGE_SIZE = 25


def threads_for(
    *, community: Community, viewer: User, kind: str = "", show: str = "", moderator: bool = False
) -> "OnTopThenRest":
    """The discussion list: pinned first, then live announcements, then recent activity.

    The threads on top are few and fetched on their own (the `thread_on_top` partial index), so
    the computed order sorts only them; the rest is in a plain column order that the
    `thread_activity` index serves, so a page deep in a large CoP is read from the index instead
    of sorting every thread of the CoP."""
    listed = Thread.objects.filter(community=community)
    if not moderator:
        listed = listed.filter(is_hidden=False)
    # Archived threads leave the default list; search still finds them.
    listed = listed.filter(archived_at__isnull=show != "archived")
    if kind:
        listed = listed.filter(kind=kind)
    if show == "unanswered":
        listed = listed.filter(kind=ThreadKind.QUESTION, accepted_answer__isnull=True)
    if show == "followed":
        listed = listed.filter(follows__user=viewer)
    on_top = Q(is_pinned=True) | _live_announcement()
    shown = listed.select_related("author", "community").annotate(
        followed=Exists(ThreadFollow.objects.filter(thread=OuterRef("pk"), user=viewer.pk)),
    )
    return OnTopThenRest(
        listed=listed,
        on_top=shown.filter(on_top)
        .annotate(is_live_announcement=_live_announcement())
        .order_by("-is_pinned", "-is_live_announcement", "-last_activity_at", "-pk"),
        rest=shown.exclude(on_top).order_by("-last_activity_at", "-pk"),
        on_top_q=on_top,
    )


class OnTopThenRest:
    """A list for `Paginator` read in two parts: the few rows on top (pinned threads and live
    announcements; a thread's accepted answer), then the rest. The order and the page boundaries
    are those of one sorted list; a page is read as a slice of one or both parts, each a bounded
    query on its own index, and both parts are counted in one query."""

    def __init__(self, *, listed, rest, on_top=None, on_top_q: Q | None = None):
        self.listed, self.on_top, self.rest, self._on_top_q = listed, on_top, rest, on_top_q
        self._counts: dict | None = None

    def annotate_both(self, annotate) -> "OnTopThenRest":
        """Both parts passed through `annotate` (a queryset to queryset function)."""
        return OnTopThenRest(
            listed=self.listed,
            on_top=None if self.on_top is None else annotate(self.on_top),
            on_top_q=self._on_top_q,
            rest=annotate(self.rest),
        )

    def _count(self, key: str) -> int:
        if self._counts is None:
            counts = {"total": Count("pk")}
            if self._on_top_q is not None:
                counts["on_top"] = Count("pk", filter=self._on_top_q)
            self._counts = {"on_top": 0} | self.listed.aggregate(**counts)
        return self._counts[key]

    def count(self) -> int:
        return self._count("total")

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, window: slice) -> list:
        top = self._count("on_top")
        start, stop = window.start or 0, window.stop
        rows = list(self.on_top[start:stop]) if start < top else []
        if stop is None or stop > top:
            rows += list(self.rest[max(start - top, 0) : None if stop is None else stop - top])
        return rows


def _live_announcement() -> Q:
    return Q(kind=ThreadKind.ANNOUNCEMENT) & (
        Q(announcement_until__isnull=True) | Q(announcement_until__gt=timezone.now())
    )


def threads_as_shown_to(*, viewer: User) -> QuerySet[Thread]:
    """Threads as their pages load them: with the author, and `following`, whether `viewer`
    follows each (the page's Follow button), in the same query. Callers set `community` from the
    CoP they already loaded, so it is not joined again; the search vector stays in the database."""
    return (
        Thread.objects.select_related("author")
        .defer("search_vector")
        .annotate(
            following=Exists(ThreadFollow.objects.filter(thread=OuterRef("pk"), user=viewer.pk))
        )
    )


def replies_for(*, thread: Thread, viewer: User) -> "OnTopThenRest":
    """Replies in order, the accepted answer first, with whether the viewer found each helpful.

    The accepted answer is fetched on its own and the others in the order the `post_in_thread`
    index keeps, rather than sorting every reply on a computed "is it the accepted one"."""
    accepted = Q(pk=thread.accepted_answer_id)
    shown = (
        # Through the thread's own manager, each reply's `thread` is `thread` itself (and its
        # community the one already loaded), so the rows carry neither again. The page shows
        # `body_html`; the source and the search vector stay in the database.
        thread.posts.select_related("author")
        .defer("body", "search_vector")
        .annotate(
            marked_helpful=Exists(Reaction.objects.filter(post=OuterRef("pk"), user=viewer.pk)),
        )
    )
    rest = shown.annotate(is_accepted=Value(False)).order_by("created_at", "pk")
    if not thread.accepted_answer_id:
        return OnTopThenRest(listed=Post.objects.filter(thread=thread), rest=rest)
    return OnTopThenRest(
        listed=Post.objects.filter(thread=thread),
        on_top=shown.filter(accepted).annotate(is_accepted=Value(True)),
        on_top_q=accepted,
        rest=rest.exclude(accepted),
    )


def reply_url(post: Post) -> str:
    """The thread page a reply is on, at its anchor (`post-<pk>` in thread_detail.html), so an
    email about a reply of a long thread opens where the reply is, not on the first page."""
    thread = post.thread
    accepted = thread.accepted_answer_id
    if post.pk == accepted:
        position = 0
    else:
        # Its place in `replies_for`'s order: the accepted answer, then the others before it
        # (counted on the `post_in_thread` index, not by loading every reply's id).
        before = Q(created_at__lt=post.created_at) | Q(created_at=post.created_at, pk__lt=post.pk)
        others = Post.objects.filter(before, thread=thread).exclude(pk=accepted)
        position = (1 if accepted else 0) + others.count()
    page = position // REPLIES_PAGE_SIZE + 1
    query = f"?page={page}" if page > 1 else ""
    return f"{thread.get_absolute_url()}{query}#post-{post.pk}"


def open_reports(*, community: Community) -> QuerySet[Report]:
    """The queue: each row's reply, its author, thread, CoP and reporter joined in one query."""
    return (
        Report.objects.filter(community=community, status=ReportStatus.OPEN)
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
        status=ReportStatus.OPEN, community__in=moderated_communities(viewer=viewer)
    ).count()


def report_counts(*, viewer: User) -> QuerySet[Community]:
    """The CoPs `viewer` moderates, each with `open_reports`, those with most waiting first."""
    return (
        moderated_communities(viewer=viewer)
        # Counted from the reports' stored CoP: a join through threads and replies would walk
        # every reply of a big CoP to count a handful of reports.
        .annotate(
            open_reports=count_of(
                Report.objects.filter(community=OuterRef("pk"), status=ReportStatus.OPEN)
            )
        )
        .order_by("-open_reports", "name")
    )
