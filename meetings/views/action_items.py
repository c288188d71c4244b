"""Action items: a CoP's list, the viewer's own across their CoPs, adding one, moving its
status (from a list or from an agenda, with htmx or without)."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_http_methods, require_POST

from communities.views.guards import community_view, refused
from cop_platform.permissions import can
from meetings.follow_up_forms import ActionItemForm, ActionStatusForm
from meetings.follow_up_selectors import (
    STATUS_FILTERS,
    action_items_of,
    my_action_items,
    with_overdue,
)
from meetings.follow_up_services import create_action_item, update_action_status
from meetings.models import ActionItem, ActionStatus
from meetings.recurrence import occurrence_key

PAGE_SIZE = 25
FILTERS = (
    ("open", _lazy("Open and in progress")),
    ("done", _lazy("Done")),
    ("all", _lazy("All")),
)


def _status_filter(request) -> str:
    status = request.GET.get("status", "open")
    return status if status in STATUS_FILTERS else "open"


def safe_next(request) -> str | None:
    target = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if allowed else None


@community_view("action_item.view")
def action_list(request, community):
    status, mine = _status_filter(request), request.GET.get("mine") == "1"
    items = action_items_of(
        community=community,
        today=timezone.localdate(),
        status=status,
        owner=request.user if mine else None,
    )
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "community": community,
        "page": page,
        "status": status,
        "mine": mine,
        "query": urlencode({"status": status, **({"mine": "1"} if mine else {})}),
        "status_choices": ActionStatus.choices,
        "filter_choices": FILTERS,
        "next": request.get_full_path(),
    }
    return render(request, "meetings/action_item_list.html", context)


@login_required
def my_actions(request):
    status = _status_filter(request)
    items = my_action_items(user=request.user, today=timezone.localdate(), status=status)
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "status": status,
        "query": urlencode({"status": status}),
        "status_choices": ActionStatus.choices,
        "filter_choices": FILTERS,
        "next": request.get_full_path(),
    }
    return render(request, "meetings/action_item_mine.html", context)


@community_view("action_item.create")
@require_http_methods(["GET", "POST"])
def action_create(request, community):
    initial = {"meeting": request.GET.get("meeting"), "occurrence": request.GET.get("occurrence")}
    form = ActionItemForm(request.POST or None, community=community, initial=initial)
    if request.method == "POST" and form.is_valid():
        item = create_action_item(actor=request.user, community=community, **form.service_fields())
        messages.success(request, _("Action item added."))
        if item.meeting and item.occurrence_start:
            key = occurrence_key(item.occurrence_start)
            return redirect("meetings:occurrence", community.slug, item.meeting.pk, key)
        return redirect("meetings:actions", community.slug)
    status = 422 if request.method == "POST" else 200
    context = {"community": community, "form": form}
    return render(request, "meetings/action_item_form.html", context, status=status)


@community_view("action_item.view")
@require_POST
def action_status(request, community, pk):
    item = get_object_or_404(
        ActionItem.objects.filter(community=community).select_related("community"), pk=pk
    )
    if not can(request.user, "action_item.update_status", item):
        raise PermissionDenied
    back = safe_next(request) or reverse("meetings:actions", args=[community.slug])
    form = ActionStatusForm(request.POST)
    if not form.is_valid():
        message = _("Choose open, in progress, done or dropped.")
        return refused(request, message, back_url=back, status=400)
    update_action_status(actor=request.user, item=item, status=form.cleaned_data["status"])
    if request.htmx:
        return _row_fragment(request, item, back)
    messages.success(request, _("Status saved: %(title)s.") % {"title": item.title})
    response = redirect(back)
    patch_vary_headers(response, ["HX-Request"])
    return response


def _row_fragment(request, item: ActionItem, back: str):
    """The item's row afresh, for the list or agenda it was changed from."""
    fresh = with_overdue(
        ActionItem.objects.filter(pk=item.pk).select_related(
            "owner", "goal", "meeting", "community"
        ),
        today=timezone.localdate(),
    ).get()
    context = {
        "item": fresh,
        "status_choices": ActionStatus.choices,
        "next": back,
        "saved": True,
        "show_community": request.POST.get("show_community") == "1",
    }
    response = render(request, "meetings/partials/action_item_row.html", context)
    patch_vary_headers(response, ["HX-Request"])
    return response
