from allauth.account.adapter import get_adapter
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from communities.forms import MemberListForm
from communities.models import MemberImport, User
from communities.services import (
    InvitationError,
    accept_invitation,
    check_invitation,
    invitation_for_token,
    start_member_import,
)
from communities.services.member_import import retry_member_import
from communities.services.member_import_job import import_outcome
from communities.views.guards import community_view
from cop_platform.permissions import can
from cop_platform.ratelimits import rate_limited

INVITATION_SESSION_KEY = "community_invitation_token"

_PROBLEM_STATUS = {
    "used": 410,
    "expired": 410,
    "archived": 410,
    "wrong_person": 403,
    "unknown": 404,
}


@community_view("community.invite")
@require_http_methods(["GET", "POST"])
@rate_limited("invitation")
def invite_members(request, community):
    may_preassign = can(request.user, "community.preassign", community)
    form = MemberListForm(request.POST or None, request.FILES or None, may_preassign=may_preassign)
    if request.method == "POST" and form.is_valid():
        member_import = start_member_import(
            actor=request.user,
            community=community,
            mode=form.cleaned_data["mode"],
            emails=form.cleaned_data["addresses"],
            skipped=form.cleaned_data["skipped"],
        )
        return redirect("communities:member_import", community.slug, member_import.pk)
    # An invalid form answers 422 with its messages, and nothing changed (SPEC §8).
    status = 422 if request.method == "POST" else 200
    context = {"community": community, "form": form, "may_preassign": may_preassign}
    return render(request, "communities/memberimport_form.html", context, status=status)


@community_view("community.invite")
@vary_on_headers("HX-Request")
def member_import(request, community, pk):
    member_import = get_object_or_404(MemberImport, pk=pk, community=community)
    context = {
        "community": community,
        "member_import": member_import,
        "outcome": import_outcome(member_import),
    }
    if request.htmx:
        return render(request, "communities/memberimport_detail.html#import-progress", context)
    return render(request, "communities/memberimport_detail.html", context)


@community_view("community.invite")
@require_POST
def member_import_retry(request, community, pk):
    """A failed import (its task lost again and again) tries once more from where it stopped."""
    member_import = get_object_or_404(MemberImport, pk=pk, community=community)
    retry_member_import(member_import=member_import)
    return redirect("communities:member_import", community.slug, member_import.pk)


@require_http_methods(["GET", "POST"])
def invitation(request, token):
    """The link in an invitation email. It logs nobody in: the invitee accepts as themselves."""
    invitation = invitation_for_token(token)
    if invitation is None:
        return _problem(request, "unknown", None)
    user = request.user if request.user.is_authenticated else None
    try:
        check_invitation(invitation=invitation, user=user)
    except InvitationError as error:
        return _problem(request, error.reason, invitation)
    if user is None:
        return _anonymous_invitee(request, token, invitation)
    if request.method == "POST":
        try:
            accept_invitation(user=user, invitation=invitation)
        except InvitationError as error:
            # Accepted (or expired) while this request waited for the row: a second click.
            return _problem(request, error.reason, invitation)
        messages.success(request, _("Welcome to %(name)s!") % {"name": invitation.community.name})
        return redirect(invitation.community)
    return render(request, "communities/invitation_accept.html", {"invitation": invitation})


def _anonymous_invitee(request, token, invitation):
    if User.objects.filter(email__iexact=invitation.email).exists():
        return redirect_to_login(request.get_full_path())
    # Signing up from the emailed link proves the address: allauth skips its verification for
    # the stashed email, and the adapter accepts the invitation once the account exists.
    request.session[INVITATION_SESSION_KEY] = token
    get_adapter(request).stash_verified_email(request, invitation.email)
    return render(
        request,
        "communities/invitation_accept.html",
        {"invitation": invitation, "signup_url": reverse("account_signup")},
    )


def _problem(request, reason, invitation):
    response = render(
        request,
        "communities/invitation_problem.html",
        {"reason": reason, "invitation": invitation},
    )
    response.status_code = _PROBLEM_STATUS[reason]
    return response
