"""A CoP's toolkit: the page with its featured strip and filtered list, a resource's page, and
sharing a resource."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from communities.views.guards import community_view
from cop_platform.permissions import can
from cop_platform.uploads import serve_upload
from toolkit.brokering import shared_with, threads_to_broker
from toolkit.forms import PromptReplyForm, ResourceForm, ToolkitFilterForm
from toolkit.selectors import (
    ToolkitFilters,
    featured_resources,
    latest_prompt_replies,
    prompt_thread_of,
    resource_in,
    tags_in_toolkit,
    tally_of,
    toolkit_resources,
    used_by,
)
from toolkit.services import record_download, record_view, share_resource

PAGE_SIZE = 20


@community_view("toolkit.view")
def toolkit_list(request, community):
    form = ToolkitFilterForm(request.GET, tags=tags_in_toolkit(community=community))
    filters = form.filters()
    resources = toolkit_resources(community=community, filters=filters)
    page = Paginator(resources, PAGE_SIZE).get_page(request.GET.get("page"))
    filtered = filters != ToolkitFilters()
    # The strip is the page's front: left out while the reader narrows the list or pages on.
    front = not filtered and page.number == 1
    context = {
        "community": community,
        "form": form,
        "filtered": filtered,
        "query": form.query(),
        "page": page,
        "featured": featured_resources(community=community) if front else [],
        # What knowledge brokers shared in from the program's other CoPs (toolkit/brokering.py).
        "shared": shared_with(community=community) if front else [],
        "may_share": can(request.user, "toolkit.share", community),
        # A broker's way to share a thread (the thread page belongs to communities).
        "broker_threads": threads_to_broker(community=community)
        if front and community.program_id and can(request.user, "toolkit.broker", community)
        else [],
    }
    return render(request, "toolkit/resource_list.html", context)


@community_view("toolkit.share")
@require_http_methods(["GET", "POST"])
def resource_create(request, community):
    form = ResourceForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        resource = share_resource(
            actor=request.user,
            community=community,
            upload=form.cleaned_data.get("file"),
            **form.service_fields(),
        )
        messages.success(request, _("Resource shared."))
        return redirect(resource.url_in(community))
    # An invalid form answers 422 with its messages, and nothing changed (SPEC §8).
    status = 422 if request.method == "POST" else 200
    context = {"community": community, "form": form}
    return render(request, "toolkit/resource_form.html", context, status=status)


@community_view("toolkit.view")
@require_safe
def resource_detail(request, community, pk):
    resource = resource_in(community=community, pk=pk)
    record_view(viewer=request.user, resource=resource, community=community)
    return render(
        request, "toolkit/resource_detail.html", detail_context(request, community, resource)
    )


def detail_context(request, community, resource, **extra) -> dict:
    """The resource page's context; the prompt's reply form re-renders it with its errors."""
    user = request.user
    linked = prompt_thread_of(resource=resource, community=community)
    live = not resource.is_retired
    see_counts = can(user, "toolkit.see_counts", community)
    thread = linked.thread if linked else None
    # A locked or archived prompt thread takes no replies: no form that would only be refused.
    open_thread = thread is None or not (thread.is_locked or thread.archived_at)
    return {
        "community": community,
        "resource": resource,
        "prompt_thread": thread,
        "prompt_replies": latest_prompt_replies(thread=thread) if thread else [],
        "reply_form": PromptReplyForm(
            action=reverse("toolkit:discuss", args=[community.slug, resource.pk])
        ),
        "may_edit": can(user, "resource.edit", resource),
        # Retiring a live resource, or restoring a retired one.
        "may_retire": can(user, "resource.retire", resource),
        "may_curate": live and can(user, "toolkit.curate", community),
        "may_use": live and can(user, "toolkit.use", community),
        "may_broker": live
        and resource.community_id == community.pk
        and can(user, "toolkit.broker", community),
        "may_discuss": live
        and open_thread
        and bool(resource.prompt)
        and can(user, "toolkit.discuss", community),
        "used": used_by(resource=resource, user=user),
        "tally": tally_of(resource=resource, community=community) if see_counts else None,
    } | extra


@community_view("toolkit.view")
@require_safe
def resource_download(request, community, pk):
    """The file: scoped to the CoP's toolkit (another CoP's resource, or a private CoP's for a
    non-member, is not found), counted once per person per day, served so it cannot run as a
    page. A retired resource's file still downloads: its links keep working."""
    resource = resource_in(community=community, pk=pk)
    if not resource.has_file:
        raise Http404
    record_download(viewer=request.user, resource=resource, community=community)
    return serve_upload(
        request,
        storage_name=resource.file,
        filename=resource.file_name,
        content_type=resource.file_type,
    )
