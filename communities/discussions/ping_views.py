from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from communities.discussions.forms import PingAnswerForm, PingForm
from communities.discussions.models import Ping, PingAnswer
from communities.discussions.ping_links import read_ping_link
from communities.discussions.pings import (
    PingClosedError,
    answer_ping,
    ping_results,
    send_ping,
)
from communities.views.guards import community_view, refused
from cop_platform.permissions import can
from cop_platform.ratelimits import rate_limited

PINGS_PAGE_SIZE = 20
ANSWERS_PAGE_SIZE = 25


@community_view("ping.read")
def ping_list(request, community):
    pings = Ping.objects.filter(community=community).select_related("community")
    page = Paginator(pings, PINGS_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"community": community, "page": page}
    return render(request, "communities/ping_list.html", context)


@community_view("ping.create")
@require_http_methods(["GET", "POST"])
@rate_limited("ping")
def ping_create(request, community):
    form = PingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        ping = send_ping(actor=request.user, community=community, **form.cleaned_data)
        messages.success(request, _("Ping sent to every member."))
        return redirect(ping)
    # An invalid form answers 422 with its messages, and nothing changed (SPEC §8).
    status = 422 if request.method == "POST" else 200
    context = {"community": community, "form": form}
    return render(request, "communities/ping_form.html", context, status=status)


@community_view("ping.read")
@require_http_methods(["GET", "POST"])
def ping_detail(request, community, pk):
    ping = get_object_or_404(Ping.objects.select_related("community"), pk=pk, community=community)
    mine = PingAnswer.objects.filter(ping=ping, user=request.user).first()
    initial = {"choice": mine.choice, "text": mine.text} if mine else None
    form = PingAnswerForm(request.POST or None, ping=ping, initial=initial)
    if request.method == "POST":
        if not can(request.user, "ping.answer", ping):
            if not ping.is_open:
                return refused(
                    request, _("This ping is closed."), back_url=ping.get_absolute_url(), status=409
                )
            raise PermissionDenied
        if form.is_valid():
            try:
                answer_ping(actor=request.user, ping=ping, **form.cleaned_data)
            except PingClosedError as error:
                return refused(request, str(error), back_url=ping.get_absolute_url(), status=409)
            messages.success(request, _("Thank you, your answer is saved."))
            return redirect(ping)
    results = ping_results(ping=ping) if can(request.user, "ping.results", ping) else None
    # Answers in members' own words grow with the CoP; the counts per choice do not.
    answers = None
    if results and not ping.choices:
        answers = Paginator(results["answers"], ANSWERS_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "community": community,
        "ping": ping,
        "form": form,
        "mine": mine,
        "results": results,
        "page": answers,
    }
    # An invalid answer answers 422 with its messages, and nothing changed (SPEC §8).
    status = 422 if request.method == "POST" else 200
    return render(request, "communities/ping_detail.html", context, status=status)


def ping_link(request, token):
    """The link in a ping email. The ping's address names its CoP, so nothing about either is
    told until the viewer is the member the link was sent to and may still read the ping."""
    try:
        link = read_ping_link(token)
    except signing.BadSignature:
        return refused(request, _("This ping link is not valid."), back_url="/", status=400)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if link.member_id != request.user.pk:
        message = _(
            "This ping link was sent to someone else. Log in as the person it was sent to, "
            "or open the ping from your own email."
        )
        return refused(request, message, back_url="/", status=403)
    ping = Ping.objects.select_related("community").filter(pk=link.ping_id).first()
    if ping is None or not can(request.user, "ping.read", ping):
        raise Http404  # left the CoP since, or the ping is gone: like any missing page
    if not ping.is_open:
        # A link dies with its ping: an old email opens nothing.
        return refused(request, _("This ping has closed."), back_url="/", status=410)
    return redirect(ping)
