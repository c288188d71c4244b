"""One CoP's dashboard: its figures and flag as last computed, its weekly activity charts, the
definitions and health rules, and, for its facilitators and usage analysts only, its members one
by one (SPEC §6: the provider and TTA leaders see the CoP's figures, never per-member rows)."""

import csv

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from communities.access import access_of
from communities.models import Community
from communities.views.guards import community_view
from cop_platform.charts import Chart
from cop_platform.permissions import can
from meetings.views.attendance import spreadsheet_safe
from oversight.cop_dashboard_selectors import (
    current_members,
    health_of,
    meetings_held,
    member_rows,
)
from oversight.dashboard_charts import attendance_chart, posts_chart
from oversight.dashboard_selectors import weekly_activity
from oversight.health import RULES, reasons_in_words
from oversight.models import CheckInStatus, HealthFlag

PAGE_SIZE = 50
CSV_CHUNK = 500


def _charts(community, today) -> list[Chart]:
    """The program dashboard's two charts, over this one CoP."""
    cop = Community.objects.filter(pk=community.pk)
    weeks = weekly_activity(cop, today=today, none_if_unrecorded=True)
    return [posts_chart(weeks), attendance_chart(weeks)]


def _figures(community, today) -> dict:
    health = health_of(community)
    if health is None:
        return {"health": None}
    return {
        "health": health,
        "flag_label": HealthFlag(health.flag).label,
        "reasons": reasons_in_words(health, today),
        "checkin_label": (
            CheckInStatus(health.last_checkin_status).label if health.last_checkin_status else ""
        ),
    }


def _members_page(request, community, now):
    page = Paginator(current_members(community), PAGE_SIZE).get_page(request.GET.get("page"))
    held = meetings_held(community=community, now=now)
    page.object_list = member_rows(
        community=community, members=list(page.object_list), now=now, held=held
    )
    return page, held


def _follows_its_program(user, community) -> bool:
    """Its TTA leaders and provider come from the program's dashboard, and go back to it. The
    rule is asked only of them, so the facilitators' page costs no query for it."""
    if community.program_id is None:
        return False
    led = community.program_id in access_of(user).led_program_ids
    if not led and community.provider_id != user.pk:
        return False
    return can(user, "program_dashboard.view", community.program)


@community_view("cop_dashboard.view")
def cop_dashboard(request, community):
    now, today = timezone.now(), timezone.localdate()
    context = {
        "community": community,
        "charts": _charts(community, today),
        "rules": RULES,
        "may_see_members": can(request.user, "cop_dashboard.members", community),
        "program_dashboard": _follows_its_program(request.user, community),
        **_figures(community, today),
    }
    if context["may_see_members"]:
        context["page"], context["held"] = _members_page(request, community, now)
    return render(request, "oversight/cop_dashboard.html", context)


def _csv_cells(row) -> list:
    rate = "" if row.rsvp_rate is None else round(row.rsvp_rate * 100)
    last = row.last_active.isoformat() if row.last_active else ""
    cells = [row.member.display_name, last, row.posts, row.attended, rate]
    return [spreadsheet_safe(cell) for cell in cells]


@community_view("cop_dashboard.members")
def cop_dashboard_members_csv(request, community):
    """Every member's row; computed a chunk of members at a time, so its queries grow with the
    number of chunks, never with one query a member."""
    now = timezone.now()
    held = meetings_held(community=community, now=now)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="{slugify(community.name)}-members.csv"'
    )
    writer = csv.writer(response)
    writer.writerow(
        [
            _("Member"),
            _("Last active"),
            _("Posts (90 days)"),
            _("Meetings attended (90 days)"),
            _("RSVP rate (%)"),
        ]
    )
    members = current_members(community)
    paginator = Paginator(members, CSV_CHUNK)
    for number in paginator.page_range:
        chunk = list(paginator.page(number).object_list)
        for row in member_rows(community=community, members=chunk, now=now, held=held):
            writer.writerow(_csv_cells(row))
    return response
