"""What is new to a member: threads with activity since they last opened them.

Read state is one `ThreadRead` row per person and thread they opened. A thread counts as unread
for a member when

- they opened it before and visible replies by others came after what they saw (shown as
  "n new replies"), or
- they never opened it and it has had activity since they joined (shown as "New").

Nothing counts from before the member joined, nor from before `UNREAD_WINDOW`: a new member of
a CoP with 5,000 old threads, or a long-standing member on the day read state began to be kept,
does not find them all unread. A conversation revived after one joined is news; one that went
quiet before is not, and a month without a visit makes older activity history, not news.

Everything here is a queryset with annotations: a page of threads costs one query, whatever
the number of rows, and only the viewer's own CoPs are ever looked at.
"""

import datetime as dt

from django.db.models import (
    Count,
    F,
    FilteredRelation,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from communities.discussions.models import Post, Thread
from communities.models import Membership, User

UNREAD_WINDOW = dt.timedelta(days=30)


def with_unread_state(threads: QuerySet[Thread], *, viewer: User) -> QuerySet[Thread]:
    """Each thread with `is_unread` and `new_replies` for the viewer: unread only in CoPs the
    viewer belongs to (a reader of a public CoP, or its overseer, has no "since you joined")."""
    if not viewer.is_authenticated:
        return threads.annotate(is_unread=Value(False), new_replies=Value(0))
    # Joined, not subqueries: each would be run again wherever `seen_at` or `joined_at` is used
    # (four times a row), and at 10x the window holds hundreds of a member's threads. The unique
    # (user, thread) and (community, user) constraints keep it one row per thread.
    threads = (
        threads.annotate(
            viewer_read=FilteredRelation("reads", condition=Q(reads__user=viewer.pk)),
            viewer_membership=FilteredRelation(
                "community__memberships", condition=Q(community__memberships__user=viewer.pk)
            ),
        )
        .annotate(
            seen_at=F("viewer_read__last_seen_at"),
            joined_at=F("viewer_membership__joined_at"),
        )
        .annotate(
            # PostgreSQL's GREATEST skips NULLs: a thread never opened starts at joining (or the
            # window's start), an opened one at what was seen.
            unread_since=Greatest("joined_at", Value(timezone.now() - UNREAD_WINDOW), "seen_at"),
        )
    )
    return threads.annotate(
        new_replies=_new_replies(),
        is_unread=Q(joined_at__isnull=False)
        & (
            Q(seen_at__isnull=True, last_activity_at__gt=F("unread_since"))
            | Q(seen_at__isnull=False, new_replies__gt=0)
        ),
    )


def _new_replies():
    """Visible replies since what the viewer saw. One's own replies are never among them:
    replying marks the thread read up to that reply (`services.reply`). A thread never opened
    is shown as "New" as a whole (its `seen_at` is None), whatever this counts."""
    replies = (
        Post.objects.filter(
            thread=OuterRef("pk"),
            created_at__gt=OuterRef("unread_since"),
            deleted_at__isnull=True,
            is_hidden=False,
        )
        .order_by()
        .values("thread")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(replies, output_field=IntegerField()), 0)


def unread_threads(*, viewer: User) -> QuerySet[Thread]:
    """Threads with unread activity in the viewer's CoPs, newest activity first. Hidden and
    archived threads are left out: they are not part of any CoP's conversation now."""
    mine = Membership.objects.filter(user=viewer.pk).values("community_id")
    threads = Thread.objects.filter(
        community__in=mine,
        is_hidden=False,
        archived_at__isnull=True,
        # The cheap bound first: nothing older than the window can be unread.
        last_activity_at__gt=timezone.now() - UNREAD_WINDOW,
    ).select_related("community")
    return (
        with_unread_state(threads, viewer=viewer)
        .filter(is_unread=True)
        .order_by("-last_activity_at", "-pk")
    )


def unread_counts_by_community(*, viewer: User) -> list[dict]:
    """Per CoP of the viewer's with unread threads: its name, slug and how many, by name."""
    # Grouped in the same query that finds them, not by reading each unread thread again by id.
    return list(
        unread_threads(viewer=viewer)
        .values("community__name", "community__slug")
        .annotate(count=Count("pk"))
        .order_by("community__name", "community__slug")
    )
