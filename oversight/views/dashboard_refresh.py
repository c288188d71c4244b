""" "Refresh now" on the dashboards: the figures are rollups a worker recomputes every ten
minutes; these buttons queue a refresh of the CoPs the viewer follows there, at once."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from communities.models import Program
from communities.views.guards import community_view
from cop_platform.permissions import can
from oversight.dashboard_selectors import dashboard_communities
from oversight.services import queue_figures_refresh


@login_required
@require_POST
def program_dashboard_refresh(request, slug):
    # As the program's evaluation pages: a missing program 404s, one not followed is 403.
    program = get_object_or_404(Program, slug=slug)
    if not can(request.user, "program_dashboard.view", program):
        raise PermissionDenied
    # The CoPs of the viewer's dashboard: a provider's holds only the CoPs assigned to them.
    cops = dashboard_communities(program=program, viewer=request.user)
    queue_figures_refresh(community_ids=list(cops.values_list("pk", flat=True)))
    messages.success(request, _("Figures are being refreshed: reload in a minute to see them."))
    return redirect("oversight:program_dashboard", slug=program.slug)


@community_view("cop_dashboard.view")
@require_POST
def cop_dashboard_refresh(request, community):
    queue_figures_refresh(community_ids=[community.pk])
    messages.success(request, _("Figures are being refreshed: reload in a minute to see them."))
    return redirect("oversight:cop_dashboard", slug=community.slug)
