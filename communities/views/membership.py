from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from communities.forms import DecisionForm, JoinRequestForm, RolesForm
from communities.models import JoinRequest, JoinRequestStatus, Membership
from communities.selectors import community_members, pending_join_requests
from communities.services import (
    LastFacilitatorError,
    decide_join_request,
    join_community,
    leave_community,
    remove_member,
    request_to_join,
    set_roles,
)
from communities.views.guards import community_view, refused
from cop_platform.permissions import can

MEMBERS_PAGE_SIZE = 25


@community_view("community.join")
@require_POST
def community_join(request, community):
    join_community(actor=request.user, community=community)
    messages.success(request, _("Welcome to %(name)s!") % {"name": community.name})
    return redirect(community)


@community_view("community.request_to_join")
@require_http_methods(["GET", "POST"])
def community_request(request, community):
    form = JoinRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        request_to_join(actor=request.user, community=community, **form.cleaned_data)
        messages.success(
            request, _("Request sent. You will get an email when a manager has decided.")
        )
        return redirect(community)
    # An invalid form answers 422 with its messages, and nothing changed (SPEC §8).
    status = 422 if request.method == "POST" else 200
    context = {"community": community, "form": form}
    return render(request, "communities/joinrequest_form.html", context, status=status)


@community_view("community.leave")
@require_POST
def community_leave(request, community):
    try:
        leave_community(actor=request.user, community=community)
    except LastFacilitatorError as error:
        messages.error(request, str(error))
        return redirect(community)
    messages.success(request, _("You left %(name)s.") % {"name": community.name})
    return redirect("communities:directory")


@community_view("community.leave")
@require_GET
def community_leave_confirm(request, community):
    """Asks first: the way out offered to someone who was added without being asked. A mail
    scanner following the emailed link must not make them leave, so only the POST acts."""
    return render(request, "communities/membership_leave.html", {"community": community})


@community_view("community.view_members")
def member_list(request, community):
    query = request.GET.get("q", "").strip()[:100]
    page = Paginator(
        community_members(community=community, search=query), MEMBERS_PAGE_SIZE
    ).get_page(request.GET.get("page"))
    for membership in page:
        # Each row's "Remove" asks can() about the row, which names its CoP: known already.
        membership.community = community
    context = {
        "community": community,
        "page": page,
        "q": query,
        "query": urlencode({"q": query}) if query else "",
        "roles_form": RolesForm(),
    }
    return render(request, "communities/membership_list.html", context)


@community_view("community.manage_roles")
@require_POST
def member_roles(request, community, pk):
    membership = get_object_or_404(Membership, pk=pk, community=community)
    form = RolesForm(request.POST)
    if not form.is_valid():
        # Only a forged request names a role off the list: a malformed request (SPEC §8).
        back_url = reverse("communities:members", args=[community.slug])
        return refused(request, _("Choose roles from the list."), back_url=back_url, status=400)
    try:
        set_roles(actor=request.user, membership=membership, roles=set(form.cleaned_data["roles"]))
    except LastFacilitatorError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("Roles of %(name)s saved.") % {"name": membership.user.display_name}
        )
    return redirect("communities:members", community.slug)


@community_view("community.manage_members")
@require_POST
def member_remove(request, community, pk):
    membership = get_object_or_404(
        Membership.objects.select_related("user"), pk=pk, community=community
    )
    if not can(request.user, "membership.remove", membership):
        raise PermissionDenied
    try:
        remove_member(actor=request.user, membership=membership)
    except LastFacilitatorError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("%(name)s is no longer a member.") % {"name": membership.user.display_name}
        )
    return redirect("communities:members", community.slug)


@community_view("community.manage_members")
@require_GET
def member_remove_confirm(request, community, pk):
    """Asks before removing someone: the list's button only leads here, and the POST acts."""
    membership = get_object_or_404(
        Membership.objects.select_related("user"), pk=pk, community=community
    )
    if not can(request.user, "membership.remove", membership):
        raise PermissionDenied
    context = {"community": community, "membership": membership}
    return render(request, "communities/membership_remove.html", context)


@community_view("community.manage_members")
def join_requests(request, community):
    context = {"community": community, "join_requests": pending_join_requests(community=community)}
    return render(request, "communities/joinrequest_list.html", context)


@community_view("community.manage_members")
@require_POST
def join_request_decide(request, community, pk):
    join_request = get_object_or_404(
        JoinRequest.objects.select_related("user"), pk=pk, community=community
    )
    form = DecisionForm(request.POST)
    if not form.is_valid():
        # The page's buttons send approve or decline; anything else is malformed (SPEC §8).
        back_url = reverse("communities:join_requests", args=[community.slug])
        return refused(request, _("Choose approve or decline."), back_url=back_url, status=400)
    if join_request.status != JoinRequestStatus.PENDING:
        messages.info(request, _("That request was decided already."))
    else:
        approve = form.cleaned_data["decision"] == "approve"
        decide_join_request(actor=request.user, join_request=join_request, approve=approve)
        name = join_request.user.display_name
        messages.success(
            request,
            (_("%(name)s is now a member.") if approve else _("Request of %(name)s declined."))
            % {"name": name},
        )
    return redirect("communities:join_requests", community.slug)
