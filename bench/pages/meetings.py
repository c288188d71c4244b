"""Meetings (issue 12): pages spread over many CoPs and series, every other one seen by the
CoP's facilitator (who also gets the RSVP counts and who has not answered)."""

from django.db.models import Count, Q
from django.utils import timezone

from bench.pages.common import TARGETS_PER_PAGE, Targets, facilitator_of_each_cop, spread, viewer
from communities.models import Community, Membership
from meetings.models import (
    ActionItem,
    ActionStatus,
    FeedToken,
    Meeting,
    OccurrenceRecord,
    Recurrence,
)
from meetings.recurrence import occurrence_key


def meetings_list() -> Targets:
    facilitators = facilitator_of_each_cop()
    cops = list(
        Community.objects.filter(meetings__isnull=False)
        .distinct()
        .order_by("pk")
        .values_list("slug", "pk")
    )
    return [
        (f"/cops/{slug}/meetings/", viewer(pk, n, facilitators))
        for n, (slug, pk) in enumerate(spread(cops))
    ]


def series_calendar() -> Targets:
    """A CoP's month view, this month and the two before (past months have moved and cancelled
    occurrences, attendance already taken)."""
    facilitators = facilitator_of_each_cop()
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
            viewer(pk, n, facilitators),
        )
        for n, (slug, pk) in enumerate(spread(cops))
    ]


def meeting() -> Targets:
    """Series that still have occurrences to come, so the page lists ten with their answers."""
    facilitators = facilitator_of_each_cop()
    series = Meeting.objects.exclude(recurrence=Recurrence.NONE).filter(
        Q(repeat_until=None) | Q(repeat_until__gt=timezone.localdate()),
        rsvps__occurrence_start__gt=timezone.now(),
    )
    rows = list(
        series.distinct().order_by("pk").values_list("pk", "community__slug", "community_id")
    )
    return [
        (f"/cops/{slug}/meetings/{pk}/", viewer(community, n, facilitators))
        for n, (pk, slug, community) in enumerate(spread(rows))
    ]


def occurrence() -> Targets:
    """Past occurrences with minutes: the agenda loop with its items to review."""
    facilitators = facilitator_of_each_cop()
    records = OccurrenceRecord.objects.exclude(minutes="").order_by("pk")
    rows = list(
        records.values_list(
            "meeting_id", "occurrence_start", "meeting__community__slug", "meeting__community_id"
        )
    )
    return [
        (
            f"/cops/{slug}/meetings/{pk}/{occurrence_key(start)}/",
            viewer(community, n, facilitators),
        )
        for n, (pk, start, slug, community) in enumerate(spread(rows))
    ]


def actions() -> Targets:
    """A CoP's action list: open items (the default), every third all of them, every fifth
    the viewer's own; of CoPs with open items, so the default list has rows."""
    facilitators = facilitator_of_each_cop()
    cops = list(
        Community.objects.filter(
            action_items__status__in=(ActionStatus.OPEN, ActionStatus.IN_PROGRESS)
        )
        .distinct()
        .order_by("pk")
        .values_list("slug", "pk")
    )
    targets = []
    for n, (slug, pk) in enumerate(spread(cops)):
        query = "?status=all" if n % 3 == 2 else "?mine=1" if n % 5 == 4 else ""
        targets.append((f"/cops/{slug}/actions/{query}", viewer(pk, n, facilitators)))
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
    return [(f"/meetings/feeds/{token}.ics", person) for token, person in spread(tokens)]
