"""Reports across CoPs: where the nav's count of open reports leads a moderator."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_GET

from communities.discussions.selectors import report_counts

PAGE_SIZE = 50


@login_required
@require_GET
def report_overview(request):
    """Each CoP the viewer moderates, with its open reports and a link to its queue; anyone
    else sees that they moderate none (it names no CoP they may not see)."""
    page = Paginator(report_counts(viewer=request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "communities/report_overview.html", {"page": page})
