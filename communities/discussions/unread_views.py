"""The "New" page: threads with unread activity across the viewer's CoPs."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_GET

from communities.discussions.unread import unread_threads

UNREAD_PAGE_SIZE = 20


@login_required
@require_GET
def unread_thread_list(request):
    # Only the viewer's own CoPs are read (their memberships), so a CoP they left, or never
    # joined, contributes nothing, private or not.
    page = Paginator(unread_threads(viewer=request.user), UNREAD_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "communities/thread_unread.html", {"page": page})
