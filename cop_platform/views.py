from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.http import urlencode

from cop_platform.search import MAX_QUERY_LENGTH, Results, search_everything

RESULTS_PAGE_SIZE = 20


@login_required
def search(request):
    """Every registered provider's hits for the viewer, merged by rank (cop_platform/search.py)."""
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    # Ranked matches only: the Paginator's slice loads the hits of the page shown, no more.
    results = search_everything(viewer=request.user, query=query) if query else Results()
    page = Paginator(results, RESULTS_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "q": query,
        "page": page,
        "limited": results.limited,
        "query": urlencode({"q": query}) if query else "",
    }
    return render(request, "search.html", context)
