"""Meetings as pages and feeds read them: each list is a bounded number of queries however many
series, changes and answers there are."""

import datetime as dt
from collections import Counter

from django.db.models import Prefetch, QuerySet

from communities.access import access_of
from communities.models import Community, Membership, User, Visibility
from communities.selectors import communities_visible_to
from meetings.models import FeedToken, Meeting, OccurrenceChange, Rsvp
from meetings.recurrence import Occurrence

UPCOMING_HORIZON = dt.timedelta(days=365)


def meetings_of(*, community_ids) -> QuerySet[Meeting]:
    """Series of these CoPs with what expansion and the feed read, prefetched."""
    return (
        Meeting.objects.filter(community_id__in=community_ids)
        .select_related("community")
        .prefetch_related(
            Prefetch("changes", queryset=OccurrenceChange.objects.order_by("original_start")),
            "agenda_items",
        )
    )


def meeting_in(*, community: Community, pk: int) -> Meeting | None:
    return meetings_of(community_ids=[community.pk]).filter(pk=pk).first()


def feed_meetings(*, user: User, community_id: int | None = None) -> QuerySet[Meeting] | None:
    """The series a token's owner may see in their feed: their CoPs' now, asked afresh on every
    request, so a member who left sees nothing more. None when they are no member of the one
    CoP asked for."""
    ids = set(access_of(user).roles)
    if community_id is not None:
        if community_id not in ids:
            return None
        ids = {community_id}
    return meetings_of(community_ids=ids)


def user_of_feed_token(token: str) -> User | None:
    found = FeedToken.objects.select_related("user").filter(token=token).first()
    if found is None or not found.user.is_active:
        return None
    return found.user


def my_responses(*, meeting: Meeting, member) -> dict[dt.datetime, str]:
    rows = Rsvp.objects.filter(meeting=meeting, member=member)
    return {row.occurrence_start: row.response for row in rows}


def response_counts(*, meeting: Meeting, occurrences: list[Occurrence]) -> dict:
    """{original start: Counter(response → count)} for these occurrences, in one query."""
    starts = [o.original_start for o in occurrences]
    rows = Rsvp.objects.filter(meeting=meeting, occurrence_start__in=starts).values_list(
        "occurrence_start", "response"
    )
    counts: dict[dt.datetime, Counter] = {start: Counter() for start in starts}
    for start, response in rows:
        counts[start][response] += 1
    return counts


def not_answered(*, meeting: Meeting, occurrence: Occurrence, limit: int = 50):
    """Members who have not answered for this occurrence (the first `limit`), and how many."""
    answered = Rsvp.objects.filter(
        meeting=meeting, occurrence_start=occurrence.original_start
    ).values("member_id")
    waiting = (
        Membership.objects.filter(community_id=meeting.community_id)
        .exclude(user_id__in=answered)
        .select_related("user")
        .order_by("user__name", "user_id")
    )
    return [m.user for m in waiting[:limit]], waiting.count()


def program_meetings(*, program, viewer) -> QuerySet[Meeting]:
    """Series of the program's CoPs that this viewer may see (a private CoP's only for its
    members and those who oversee it), as `communities_visible_to` decides for the CoP."""
    visible = communities_visible_to(viewer).filter(program=program).values("pk")
    return meetings_of(community_ids=visible)


def public_program_meetings(*, program_id: int) -> QuerySet[Meeting]:
    """Series of the program's public CoPs: what its public feed may hold."""
    public = Community.objects.filter(program_id=program_id, visibility=Visibility.PUBLIC)
    return meetings_of(community_ids=public.values("pk"))
