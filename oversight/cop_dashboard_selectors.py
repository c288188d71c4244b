"""What one CoP's dashboard reads: its figures as last computed, its weeks of activity, and
its members one by one (issue 14 step 3, SPEC §6).

The figures come from the worker's `CommunityHealth` row; the member rows are computed live,
but only for the members on the page (or in a chunk of the CSV): one grouped query a count,
and one for "last active" over the figures' own list of activity kinds (`activity_sources`),
each filtered by the CoP and those members' ids, so the page costs the same for 5 members or 50.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Exists, Max, OuterRef, Q, QuerySet
from django.db.models.functions import Lower
from django.utils import timezone

from communities.models import Community, Post, Thread, User
from meetings.models import Attendance, AttendanceStatus, Rsvp
from oversight.figures.activity import latest_activity_of
from oversight.figures.meetings import held_occurrences
from oversight.models import CommunityHealth, SurveyResponse

RECENT_DAYS = 90


@dataclass
class MemberRow:
    member: User
    # A day in the viewer's zone, or None: "not yet".
    last_active: dt.date | None = None
    posts: int = 0
    attended: int = 0
    rsvps: int = 0
    # RSVPs given ÷ occurrences held; None when none were held.
    rsvp_rate: float | None = None


def health_of(community: Community) -> CommunityHealth | None:
    return CommunityHealth.objects.filter(community=community).first()


def current_members(community: Community) -> QuerySet[User]:
    """The CoP's members by name, as the member list sorts them."""
    return User.objects.filter(memberships__community=community).order_by(
        Lower("name"), "handle", "pk"
    )


def _held_occurrences(community: Community, since: dt.datetime, now: dt.datetime):
    """(meeting, start) of the CoP's occurrences held in the window, as the figures count them."""
    window = {"meeting__community": community, "occurrence_start__range": (since, now)}
    return tuple(
        rows.values_list("meeting_id", "occurrence_start") for rows in held_occurrences(**window)
    )


def _grouped(queryset, person: str, **aggregates) -> dict[int, dict]:
    rows = queryset.values(person).annotate(**aggregates).order_by()
    return {row.pop(person): row for row in rows}


def _counts_by_source(community, ids, since, now) -> list[dict[int, dict]]:
    """One grouped query a count the rows show; every dict maps a member's id to its figures.
    "Last active" is not here: it comes from the figures' own list of activity kinds."""
    recent = Q(created_at__gte=since)
    return [
        _grouped(
            Thread.objects.filter(community=community, author_id__in=ids, created_at__lte=now),
            "author_id",
            posts=Count("pk", filter=recent),
        ),
        # A deleted reply is gone from the CoP, so it no longer counts for its author.
        _grouped(
            Post.objects.filter(
                thread__community=community,
                author_id__in=ids,
                deleted_at__isnull=True,
                created_at__lte=now,
            ),
            "author_id",
            posts=Count("pk", filter=recent),
        ),
        *_meeting_counts(community, ids, since, now),
    ]


def _was_held(community, since, now):
    """An RSVP's occurrence was held: it has attendance or notes recorded."""
    marked, noted = _held_occurrences(community, since, now)
    same = {"meeting_id": OuterRef("meeting_id"), "occurrence_start": OuterRef("occurrence_start")}
    return Exists(marked.filter(**same)) | Exists(noted.filter(**same))


def _meeting_counts(community, ids, since, now) -> list[dict[int, dict]]:
    held_rsvps = Rsvp.objects.filter(
        meeting__community=community, member_id__in=ids, occurrence_start__range=(since, now)
    ).filter(_was_held(community, since, now))
    # Attending dates from the occurrence itself, not from when the mark was taken; a mark
    # put on an occurrence ahead of time is not attendance yet.
    present = Attendance.objects.filter(
        meeting__community=community,
        member_id__in=ids,
        status=AttendanceStatus.PRESENT,
        occurrence_start__range=(since, now),
    )
    return [
        _grouped(held_rsvps, "member_id", rsvps=Count("pk")),
        _grouped(present, "member_id", attended=Count("pk")),
    ]


def _named_survey_days(community, ids) -> dict[int, dt.date]:
    """The day of each member's latest NAMED survey response. An anonymous response has no
    person, so it can never move anyone's "last active" (SPEC §6)."""
    rows = _grouped(
        SurveyResponse.objects.filter(
            evaluation__community=community, person_id__in=ids, person__isnull=False
        ),
        "person_id",
        last=Max("submitted_on"),
    )
    return {person: row["last"] for person, row in rows.items()}


def meetings_held(*, community: Community, now: dt.datetime) -> int:
    marked, noted = _held_occurrences(community, now - dt.timedelta(days=RECENT_DAYS), now)
    return marked.union(noted).count()


def member_rows(
    *, community: Community, members: list[User], now: dt.datetime, held: int
) -> list[MemberRow]:
    """The rows of these members, in their order, in a fixed number of queries."""
    ids = [member.pk for member in members]
    rows = {member.pk: MemberRow(member=member) for member in members}
    if not ids:
        return []
    since = now - dt.timedelta(days=RECENT_DAYS)
    for source in _counts_by_source(community, ids, since, now):
        for person, figures in source.items():
            _add(rows[person], figures)
    latest = latest_activity_of(community_id=community.pk, people=ids, now=now)
    for person, at in latest.items():
        # Dates in the viewer's zone (the middleware activated it).
        _later(rows[person], timezone.localdate(at))
    for person, day in _named_survey_days(community, ids).items():
        _later(rows[person], day)
    for row in rows.values():
        row.rsvp_rate = row.rsvps / held if held else None
    return list(rows.values())


def _add(row: MemberRow, figures: dict) -> None:
    row.posts += figures.get("posts", 0)
    row.attended += figures.get("attended", 0)
    row.rsvps += figures.get("rsvps", 0)


def _later(row: MemberRow, day: dt.date) -> None:
    if row.last_active is None or day > row.last_active:
        row.last_active = day
