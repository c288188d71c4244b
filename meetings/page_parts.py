"""What meetings add to shared pages: on a CoP's page, its next meetings (with the viewer's RSVP)
and its charter's goals; on a program's page, its next convenings (for those it invites) and
links to its month, its list and its public feed; on a member's home page, their next meetings
and their open action items across their CoPs. Each selector runs a fixed number of queries
however many series, changes, answers and items there are (tests/meetings/test_page_parts.py)."""

import datetime as dt

from django.utils import timezone

from communities.access import access_of
from cop_platform.page_parts import (
    CommunityPanel,
    HomeSection,
    ProgramPanel,
    register_community_panel,
    register_home_section,
    register_program_panel,
)
from cop_platform.permissions import can
from meetings.convenings import convenings_visible_to, invited_program_ids
from meetings.follow_up_selectors import my_action_items
from meetings.models import Charter, ConveningRsvp, Goal, Rsvp, RsvpResponse
from meetings.recurrence import upcoming
from meetings.selectors import UPCOMING_HORIZON, meetings_of

NEXT_ON_COP_PAGE = 3
NEXT_ON_PROGRAM_PAGE = 3
HOME_HORIZON = dt.timedelta(days=14)
HOME_MEETINGS = 10
HOME_ACTIONS = 10


def meetings_panel(request, community) -> dict | None:
    """The CoP's next few occurrences (cancelled ones marked), the viewer's answer to each if
    they are a member, and the published charter's goals with their status."""
    user = request.user
    if not can(user, "meeting.view", community):
        return None
    series = meetings_of(community_ids=[community.pk])
    coming = upcoming(series, now=timezone.now(), horizon=UPCOMING_HORIZON)[:NEXT_ON_COP_PAGE]
    answers = {}
    if coming and access_of(user).is_member(community.pk):
        rows = Rsvp.objects.filter(
            member=user,
            meeting_id__in={o.meeting.pk for o in coming},
            occurrence_start__in=[o.original_start for o in coming],
        ).values_list("meeting_id", "occurrence_start", "response")
        answers = {(meeting, start): response for meeting, start, response in rows}
    rows = [
        {"occurrence": o, "answer": _answer_label(answers.get((o.meeting.pk, o.original_start)))}
        for o in coming
    ]
    published = Charter.objects.filter(community=community, published_at__isnull=False).exists()
    goals = (
        list(
            Goal.objects.filter(community=community)
            .select_related("community")
            .order_by("position", "pk")
        )
        if published
        else []
    )
    return {
        "community": community,
        "rows": rows,
        "is_member": access_of(user).is_member(community.pk),
        "charter_published": published,
        "goals": goals,
    }


def _answer_label(response: str | None) -> str | None:
    return RsvpResponse(response).label if response else None


def upcoming_for_member(request) -> dict | None:
    """The next two weeks' meetings across the viewer's CoPs, soonest first, cancelled ones
    left out; nothing when there are none."""
    user = request.user
    if not user.is_authenticated:
        return None
    community_ids = list(access_of(user).roles)
    if not community_ids:
        return None
    coming = [
        o
        for o in upcoming(
            meetings_of(community_ids=community_ids), now=timezone.now(), horizon=HOME_HORIZON
        )
        if not o.cancelled
    ]
    if not coming:
        return None
    return {
        "occurrences": coming[:HOME_MEETINGS],
        "more": max(len(coming) - HOME_MEETINGS, 0),
        "days": HOME_HORIZON.days,
    }


def open_actions_for_member(request) -> dict | None:
    """The viewer's open action items in their CoPs, overdue ones first and marked."""
    user = request.user
    if not user.is_authenticated:
        return None
    items = list(my_action_items(user=user, today=timezone.localdate())[: HOME_ACTIONS + 1])
    if not items:
        return None
    return {"items": items[:HOME_ACTIONS], "more": len(items) > HOME_ACTIONS}


def program_meetings_panel(request, program) -> dict:
    """Everyone who may see the program page gets its month, its list and its public feed; those
    its convenings invite also get the next few (with their own answer), and its TTA leaders a
    way to call one. Three queries at most, however many convenings and answers there are."""
    user = request.user
    invited = user.is_authenticated and invited_program_ids(user).filter(pk=program.pk).exists()
    coming = []
    if invited:
        coming = list(
            convenings_visible_to(user).filter(
                program=program,
                start_date__gte=timezone.localdate() - dt.timedelta(days=1),
                cancelled_at__isnull=True,
            )[:NEXT_ON_PROGRAM_PAGE]
        )
    answers = dict(
        ConveningRsvp.objects.filter(member=user, convening__in=coming).values_list(
            "convening_id", "response"
        )
        if coming
        else ()
    )
    return {
        "program": program,
        "invited": invited,
        "rows": [{"convening": c, "answer": _answer_label(answers.get(c.pk))} for c in coming],
        "may_schedule": can(user, "convening.schedule", program),
    }


def register_meetings_page_parts() -> None:
    register_program_panel(
        ProgramPanel(
            "meetings.program-convenings",
            "meetings/partials/program-meetings.html",
            program_meetings_panel,
            order=30,
        )
    )
    register_community_panel(
        CommunityPanel(
            "meetings.next-meetings",
            "meetings/partials/cop-meetings.html",
            meetings_panel,
            order=30,
        )
    )
    register_home_section(
        HomeSection(
            "meetings.upcoming",
            "meetings/partials/home-upcoming-meetings.html",
            upcoming_for_member,
            order=30,
        )
    )
    register_home_section(
        HomeSection(
            "meetings.my-actions",
            "meetings/partials/home-my-actions.html",
            open_actions_for_member,
            order=40,
        )
    )
