"""What check-ins add to shared pages: on a CoP's page, a panel with the last check-in, the next
due date and an overdue flag, for its facilitators, provider and TTA leaders only; on the home
page, a facilitator's pending status requests and the check-ins a provider (or TTA leader)
has due this week or overdue; on a program's page, its leaders' way to its evaluations. Each
selector runs a fixed number of queries."""

from django.utils import timezone

from communities.access import access_of
from communities.models import Program
from cop_platform.page_parts import (
    CommunityPanel,
    HomeSection,
    ProgramPanel,
    register_community_panel,
    register_home_section,
    register_program_panel,
)
from cop_platform.permissions import can
from oversight.cop_dashboard_selectors import health_of
from oversight.dashboard_selectors import cops_at_risk, cops_provided_by, flag_counts_by_program
from oversight.evaluations import open_surveys_for, survey_url
from oversight.health import reasons_in_words
from oversight.models import Evaluation, HealthFlag
from oversight.selectors import (
    latest_checkin,
    pending_status_requests,
    plan_of,
    plans_overseen_by,
    status_update_for,
)

HOME_ROWS = 10
HOME_AT_RISK = 5
FLAG_COUNT_NAMES = ("at_risk", "watch", "healthy", "not_computed")


def checkin_panel(request, community) -> dict | None:
    """Nothing for members and visitors; nothing for a CoP with no plan and no history."""
    user = request.user
    if not can(user, "checkin.view", community):
        return None
    plan, last = plan_of(community), latest_checkin(community)
    if plan is None and last is None:
        return None
    in_program = community.program_id is not None
    update = status_update_for(plan) if in_program else None
    asked = (
        in_program
        and can(user, "checkin.answer", community)
        and update is None
        and pending_status_requests(user=user).filter(community=community).exists()
    )
    return {
        "community": community,
        "plan": plan if in_program else None,
        "last": last,
        "overdue": in_program and plan is not None and plan.next_due_on < timezone.localdate(),
        "status_update": update,
        "asked": asked,
    }


def status_requests_for(request) -> dict | None:
    user = request.user
    if not user.is_authenticated:
        return None
    rows = list(pending_status_requests(user=user)[:HOME_ROWS])
    return {"rows": rows} if rows else None


def checkins_due_for(request) -> dict | None:
    """A provider's (or TTA leader's) check-ins due within a week and overdue."""
    user = request.user
    if not user.is_authenticated:
        return None
    today = timezone.localdate()
    plans = list(plans_overseen_by(user=user, today=today, due_only=True)[: HOME_ROWS + 1])
    if not plans:
        return None
    return {"plans": plans[:HOME_ROWS], "more": len(plans) > HOME_ROWS}


def open_surveys_section(request) -> dict | None:
    """The member's open surveys not answered yet, each with their own link."""
    user = request.user
    if not user.is_authenticated:
        return None
    rows = list(open_surveys_for(user=user, today=timezone.localdate())[:HOME_ROWS])
    for evaluation in rows:
        evaluation.url = survey_url(evaluation=evaluation, person=user)
    return {"rows": rows} if rows else None


def evaluations_panel(request, community) -> dict | None:
    """The CoP's latest evaluation, for those who follow its evaluations; nothing otherwise."""
    if not can(request.user, "evaluation.view", community):
        return None
    return {
        "community": community,
        "latest": Evaluation.objects.filter(community=community)
        .order_by("-opens_on", "-pk")
        .first(),
        "today": timezone.localdate(),
    }


def programs_led_section(request) -> dict | None:
    """A TTA leader's home is their programs' dashboards: each program's flag counts, the CoPs
    at risk across them on top (with the first reason in words), and the ways to each program's
    dashboard, evaluations and survey templates. Three queries, however many programs."""
    user = request.user
    if not user.is_authenticated:
        return None
    led = access_of(user).led_program_ids
    programs = list(Program.objects.filter(pk__in=led).order_by("name")[:HOME_ROWS]) if led else []
    if not programs:
        return None
    counts = flag_counts_by_program(led)
    for program in programs:
        program.counts = counts.get(program.pk, dict.fromkeys(FLAG_COUNT_NAMES, 0))
    today = timezone.localdate()
    at_risk = [
        {
            "community": community,
            "reason": next(iter(reasons_in_words(community.health, today)), ""),
        }
        for community in cops_at_risk(program_ids=led, limit=HOME_AT_RISK)
    ]
    all_at_risk = sum(row["at_risk"] for row in counts.values())
    return {
        "programs": programs,
        "more_programs": len(led) > len(programs),
        "at_risk": at_risk,
        "more_at_risk": all_at_risk - len(at_risk),
    }


def cops_provided_section(request) -> dict | None:
    """A TTA provider's CoPs with their flags, worst first, each with its first reason and a way
    to its dashboard and its program's: the provider's view of the dashboards (SPEC §6)."""
    user = request.user
    if not user.is_authenticated:
        return None
    cops = cops_provided_by(user=user, limit=HOME_ROWS)
    if not cops:
        return None
    today = timezone.localdate()
    rows = [
        {
            "community": community,
            "health": getattr(community, "health", None),
            "reason": next(iter(reasons_in_words(community.health, today)), "")
            if getattr(community, "health", None)
            else "",
        }
        for community in cops[:HOME_ROWS]
    ]
    return {"rows": rows, "more": len(cops) > HOME_ROWS}


def program_dashboard_panel(request, program) -> dict | None:
    """The way to the program's dashboard, for those who may read it."""
    if not can(request.user, "program_dashboard.view", program):
        return None
    return {"program": program}


def cop_health_panel(request, community) -> dict | None:
    """The CoP's flag with its reasons and a way to its dashboard, for its facilitators, usage
    analysts, provider and TTA leaders; nothing for members. One query."""
    if not can(request.user, "cop_dashboard.view", community):
        return None
    health = health_of(community)
    context = {"community": community, "health": health}
    if health is not None:
        context |= {
            "flag_label": HealthFlag(health.flag).label,
            "reasons": reasons_in_words(health, timezone.localdate()),
        }
    return context


def program_evaluations_panel(request, program) -> dict | None:
    """On a program's page: the way to its evaluations, for its TTA leaders only."""
    if not can(request.user, "program_evaluation.view", program):
        return None
    return {"program": program}


def register_oversight_page_parts() -> None:
    register_program_panel(
        ProgramPanel(
            "oversight.program-evaluations",
            "oversight/partials/program-evaluations.html",
            program_evaluations_panel,
            order=50,
        )
    )
    register_community_panel(
        CommunityPanel(
            "oversight.cop-health",
            "oversight/partials/cop-health.html",
            cop_health_panel,
            order=14,
            column="aside",
        )
    )
    register_community_panel(
        CommunityPanel(
            "oversight.evaluations",
            "oversight/partials/cop-evaluations.html",
            evaluations_panel,
            order=16,
            column="aside",
        )
    )
    # A TTA leader's programs come first on their home page (issue 14: their home is their
    # programs' dashboards).
    register_home_section(
        HomeSection(
            "oversight.programs-led",
            "oversight/partials/home-programs-led.html",
            programs_led_section,
            order=2,
        )
    )
    register_program_panel(
        ProgramPanel(
            "oversight.program-dashboard",
            "oversight/partials/program-dashboard-link.html",
            program_dashboard_panel,
            order=20,
        )
    )
    register_community_panel(
        CommunityPanel(
            "oversight.checkins",
            "oversight/partials/cop-checkins.html",
            checkin_panel,
            order=15,
            column="aside",
        )
    )
    register_home_section(
        HomeSection(
            "oversight.cops-provided",
            "oversight/partials/home-cops-provided.html",
            cops_provided_section,
            order=4,
        )
    )
    register_home_section(
        HomeSection(
            "oversight.status-requests",
            "oversight/partials/home-status-requests.html",
            status_requests_for,
            order=3,
        )
    )
    register_home_section(
        HomeSection(
            "oversight.checkins-due",
            "oversight/partials/home-checkins-due.html",
            checkins_due_for,
            order=4,
        )
    )
    register_home_section(
        HomeSection(
            "oversight.open-surveys",
            "oversight/partials/home-open-surveys.html",
            open_surveys_section,
            order=5,
        )
    )
