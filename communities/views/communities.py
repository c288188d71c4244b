from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from communities.forms import CommunityForm, DirectoryFilterForm, StageForm
from communities.models import JoinRequest, JoinRequestStatus, Stage
from communities.selectors import community_page_facts, directory_communities
from communities.services import change_stage, create_community, update_community
from communities.views.guards import community_view, refused
from cop_platform.page_parts import community_panels

DIRECTORY_PAGE_SIZE = 20


def directory(request):
    form = DirectoryFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    page = Paginator(directory_communities(**filters), DIRECTORY_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "communities/community_list.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )


@login_required
@require_http_methods(["GET", "POST"])
def community_create(request):
    form = CommunityForm(
        request.POST or None, actor=request.user, program_slug=request.GET.get("program", "")
    )
    if request.method == "POST" and form.is_valid():
        community = create_community(actor=request.user, **form.cleaned_data)
        # The address may differ from the one asked for (another CoP held it): show it.
        address = request.build_absolute_uri(community.get_absolute_url())
        # The message links straight to the next step; format_html escapes both values.
        messages.success(
            request,
            format_html(
                _(
                    "Your community is ready at {address}. "
                    '<a class="alert-link" href="{invite}">Invite its first members</a>.'
                ),
                address=address,
                invite=reverse("communities:invite", args=[community.slug]),
            ),
        )
        return redirect(community)
    # An invalid form answers 422 with its messages, and nothing changed (SPEC §8).
    status = 422 if request.method == "POST" else 200
    return render(request, "communities/community_form.html", {"form": form}, status=status)


@community_view("community.view", login_required=False)
def community_detail(request, community):
    pending_request = None
    if request.user.is_authenticated:
        pending_request = JoinRequest.objects.filter(
            community=community, user=request.user, status=JoinRequestStatus.PENDING
        ).first()
    context = {
        "community": community,
        "facts": community_page_facts(community=community),
        "pending_request": pending_request,
        "stage_form": StageForm(initial={"stage": community.stage}),
        "panels": community_panels(request, community),
    }
    return render(request, "communities/community_detail.html", context)


@community_view("community.edit")
@require_http_methods(["GET", "POST"])
def community_edit(request, community):
    old_slug = community.slug  # before the form writes the wanted one onto the instance
    form = CommunityForm(request.POST or None, instance=community, actor=request.user)
    if request.method == "POST" and form.is_valid():
        update_community(actor=request.user, community=community, **form.cleaned_data)
        if community.slug == old_slug:
            messages.success(request, _("Settings saved."))
        else:
            address = request.build_absolute_uri(community.get_absolute_url())
            messages.success(
                request,
                _("Settings saved. The community's address is now %(address)s.")
                % {"address": address},
            )
        return redirect(community)
    # An invalid form answers 422 with its messages, and nothing changed (SPEC §8).
    status = 422 if request.method == "POST" else 200
    context = {"form": form, "community": community}
    return render(request, "communities/community_form.html", context, status=status)


@community_view("community.change_stage")
@require_POST
def community_stage(request, community):
    form = StageForm(request.POST)
    if not form.is_valid():
        # Only a forged request names another stage: a malformed request (SPEC §8).
        message = _("Choose one of the lifecycle stages.")
        return refused(request, message, back_url=community.get_absolute_url(), status=400)
    change_stage(actor=request.user, community=community, stage=form.cleaned_data["stage"])
    if community.stage == Stage.ARCHIVED:
        messages.success(request, _("The community is archived: it is now read-only."))
    else:
        messages.success(
            request, _("Stage changed to %(stage)s.") % {"stage": community.get_stage_display()}
        )
    return redirect(community)
