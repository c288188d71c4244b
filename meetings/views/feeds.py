"""Calendar feeds, and the page where a person finds and renews their feed links.

A personal feed is opened by its secret token alone (calendar apps send no cookies); who the
token's owner is a member of is asked again on every request, so leaving a CoP empties it.
"""

import datetime as dt

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from communities.access import access_of
from communities.models import Community, Visibility
from meetings.convenings import convenings_visible_to
from meetings.ics import calendar_of
from meetings.recurrence import upcoming
from meetings.selectors import UPCOMING_HORIZON, feed_meetings, meetings_of, user_of_feed_token
from meetings.services import feed_token_of, regenerate_feed_token

PAGE_SIZE = 20
CONVENINGS_SHOWN = 10


def ics_response(meetings, *, name: str, convenings=()) -> HttpResponse:
    body = calendar_of(meetings, name=name, base_url=settings.SITE_URL, convenings=convenings)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    # A feed names private meetings: no shared cache may keep it.
    response["Cache-Control"] = "private, max-age=300"
    return response


def _community_id(raw: str | None) -> int | None:
    if raw is None:
        return None
    if not raw.isdigit():
        raise Http404
    return int(raw)


# HEAD too: some calendar apps ask whether a feed changed before fetching it.
@require_safe
def personal_feed(request, token):
    """Every meeting of the token owner's CoPs; `?cop=<id>` narrows it to one of them."""
    owner = user_of_feed_token(token)
    if owner is None:
        raise Http404
    community_id = _community_id(request.GET.get("cop"))
    meetings = feed_meetings(user=owner, community_id=community_id)
    if meetings is None:
        raise Http404
    # The convenings of the programs that invite the owner ride along, unless one CoP is asked.
    convenings = convenings_visible_to(owner) if community_id is None else ()
    return ics_response(
        meetings,
        name=_("Meetings of %(name)s") % {"name": owner.display_name},
        convenings=convenings,
    )


@require_safe
def community_feed(request, pk):
    """A public CoP's meetings, open to anyone; a private CoP's only through a member's token."""
    community = get_object_or_404(Community, pk=pk, visibility=Visibility.PUBLIC)
    return ics_response(meetings_of(community_ids=[community.pk]), name=community.name)


@login_required
def calendar(request):
    """The viewer's coming meetings across their CoPs, and the links to subscribe to them."""
    ids = list(access_of(request.user).roles)
    communities = Community.objects.filter(pk__in=ids).order_by("name")
    coming = upcoming(meetings_of(community_ids=ids), now=timezone.now(), horizon=UPCOMING_HORIZON)
    page = Paginator(coming, PAGE_SIZE).get_page(request.GET.get("page"))
    # The site's own address, not the request's host: a subscription outlives the visit.
    feed_url = settings.SITE_URL + reverse(
        "meetings:feed", args=[feed_token_of(user=request.user).token]
    )
    context = {
        "page": page,
        "communities": communities,
        # Program convenings the viewer is invited to (issue 12, step 3): their next few.
        "convenings": convenings_visible_to(request.user).filter(
            start_date__gte=timezone.localdate() - dt.timedelta(days=1), cancelled_at__isnull=True
        )[:CONVENINGS_SHOWN],
        "feed_url": feed_url,
        # webcal:// opens the calendar app, which subscribes instead of importing once.
        "webcal_url": "webcal://" + feed_url.split("://", 1)[1],
    }
    return render(request, "meetings/calendar.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def calendar_regenerate(request):
    if request.method == "POST":
        regenerate_feed_token(user=request.user)
        messages.success(
            request, _("Your calendar links are new. Subscribe again with the links below.")
        )
        return redirect("meetings:calendar")
    return render(request, "meetings/calendar_regenerate.html")
