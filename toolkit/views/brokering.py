"""Knowledge brokering: sharing a resource or a thread into another CoP of the program, and
the shared item's page in the CoP it was shared into (toolkit/brokering.py says what it shows)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from communities.models import Thread
from communities.views.guards import community_view, refused
from cop_platform.permissions import can
from cop_platform.uploads import serve_upload
from toolkit.brokering import (
    BrokeringError,
    share_resource_into,
    share_thread_into,
    shared_item_in,
    summary_of,
    target_choices,
)
from toolkit.knowledge_forms import ShareIntoForm
from toolkit.selectors import resource_in


def _share(request, community, item, share, back_url):
    """The broker's form (GET) and the share (POST): a refused target says why, with a 4xx."""
    targets = target_choices(broker=request.user, source=community)
    form = ShareIntoForm(request.POST or None, targets=targets)
    if request.method == "POST" and form.is_valid():
        try:
            shared = share(
                broker=request.user,
                source=community,
                slug=form.cleaned_data["target"],
                note=form.cleaned_data["note"],
            )
        except BrokeringError as error:
            return refused(request, str(error), back_url=back_url, status=error.status)
        messages.success(request, _("Shared into %(cop)s.") % {"cop": shared.community.name})
        return redirect(back_url)
    status = 422 if request.method == "POST" else 200
    context = {"community": community, "item": item, "form": form, "back_url": back_url}
    return render(request, "toolkit/share_into.html", context, status=status)


@community_view("toolkit.broker")
@require_http_methods(["GET", "POST"])
def broker_resource(request, community, pk):
    resource = resource_in(community=community, pk=pk)

    def share(**kwargs):
        return share_resource_into(resource=resource, **kwargs)

    return _share(request, community, resource, share, resource.url_in(community))


@community_view("toolkit.broker")
@require_http_methods(["GET", "POST"])
def broker_thread(request, community, pk):
    thread = get_object_or_404(Thread, community=community, pk=pk)
    if not can(request.user, "discussion.read", thread):
        raise Http404

    def share(**kwargs):
        return share_thread_into(thread=thread, **kwargs)

    return _share(request, community, thread, share, thread.get_absolute_url())


@community_view("toolkit.view")
@require_safe
def shared_item(request, community, pk):
    item = shared_item_in(community=community, pk=pk)
    source = item.source
    if item.resource_id:
        # The source's own page only for those who read its toolkit already.
        may_open = can(request.user, "toolkit.view", source)
        source_url = item.resource.url_in(source) if may_open else ""
    else:
        may_open = can(request.user, "discussion.read", item.thread)
        source_url = item.thread.get_absolute_url() if may_open else ""
    context = {
        "community": community,
        "item": item,
        "summary": summary_of(item),
        "source_url": source_url,
    }
    return render(request, "toolkit/shared_item.html", context)


@community_view("toolkit.view")
@require_safe
def shared_file(request, community, pk):
    """A shared resource's file, served as the source serves it (not counted in either CoP)."""
    item = shared_item_in(community=community, pk=pk)
    if not item.resource_id or not item.resource.has_file:
        raise Http404
    resource = item.resource
    return serve_upload(
        request,
        storage_name=resource.file,
        filename=resource.file_name,
        content_type=resource.file_type,
    )
