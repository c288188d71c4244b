"""What members and knowledge editors do to a resource of a CoP's toolkit: edit and tag it,
feature or un-feature it, retire it, say they used it, reply to its discussion prompt."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from communities.discussions.services import DiscussionError
from communities.views.guards import community_view, refused
from cop_platform.permissions import can
from toolkit.forms import PromptReplyForm, ResourceForm
from toolkit.selectors import resource_in
from toolkit.services import (
    ToolkitError,
    mark_used,
    reply_to_prompt,
    restore_resource,
    retire_resource,
    set_featured,
    update_resource,
)
from toolkit.views.pages import detail_context


def _resource_or_403(request, community, pk, capability: str):
    resource = resource_in(community=community, pk=pk)
    if not can(request.user, capability, resource):
        raise PermissionDenied
    return resource


@community_view("toolkit.view")
@require_http_methods(["GET", "POST"])
def resource_edit(request, community, pk):
    resource = _resource_or_403(request, community, pk, "resource.edit")
    form = ResourceForm(
        request.POST or None, request.FILES or None, instance=resource, submit_label=_("Save")
    )
    if request.method == "POST" and form.is_valid():
        update_resource(
            actor=request.user,
            resource=resource_in(community=community, pk=pk),
            upload=form.cleaned_data.get("file"),
            **form.service_fields(),
        )
        messages.success(request, _("Resource saved."))
        return redirect(resource.url_in(community))
    status = 422 if request.method == "POST" else 200
    context = {"community": community, "form": form, "resource": resource}
    return render(request, "toolkit/resource_form.html", context, status=status)


@community_view("toolkit.view")
@require_http_methods(["GET", "POST"])
def resource_retire(request, community, pk):
    """Asks first: a retired resource leaves every list and featured strip."""
    resource = _resource_or_403(request, community, pk, "resource.retire")
    if request.method == "POST":
        retire_resource(actor=request.user, resource=resource)
        messages.success(request, _("Resource retired: it no longer appears in the toolkit."))
        return redirect(resource.url_in(community))
    context = {"community": community, "resource": resource}
    return render(request, "toolkit/resource_retire.html", context)


@community_view("toolkit.view")
@require_POST
def resource_restore(request, community, pk):
    """A retired resource back in the toolkit (a button: undoing a retirement needs no asking)."""
    resource = _resource_or_403(request, community, pk, "resource.retire")
    restore_resource(actor=request.user, resource=resource)
    messages.success(request, _("Restored: it is back in the toolkit."))
    return redirect(resource.url_in(community))


@community_view("toolkit.curate")
@require_POST
def resource_feature(request, community, pk):
    resource = resource_in(community=community, pk=pk)
    choice = request.POST.get("featured")
    if choice not in {"0", "1"}:
        # Only a forged button sends anything else.
        message = _("Choose to feature or un-feature the resource.")
        return refused(request, message, back_url=resource.url_in(community), status=400)
    featured = choice == "1"
    try:
        set_featured(actor=request.user, community=community, resource=resource, featured=featured)
    except ToolkitError as error:
        return refused(request, str(error), back_url=resource.url_in(community), status=409)
    if featured:
        messages.success(request, _("Featured at the top of the toolkit."))
    else:
        messages.success(request, _("No longer featured."))
    return redirect(resource.url_in(community))


@community_view("toolkit.use")
@require_POST
def resource_use(request, community, pk):
    resource = resource_in(community=community, pk=pk)
    try:
        first = mark_used(actor=request.user, resource=resource, community=community)
    except ToolkitError as error:
        return refused(request, str(error), back_url=resource.url_in(community), status=409)
    if first:
        messages.success(request, _("Thank you: the editors see that you used it."))
    else:
        messages.info(request, _("You had already said you used it."))
    return redirect(resource.url_in(community))


@community_view("toolkit.discuss")
@require_POST
def resource_discuss(request, community, pk):
    resource = resource_in(community=community, pk=pk)
    form = PromptReplyForm(request.POST, action=request.path)
    if not form.is_valid():
        context = detail_context(request, community, resource, reply_form=form)
        return render(request, "toolkit/resource_detail.html", context, status=422)
    try:
        posted = reply_to_prompt(
            actor=request.user,
            resource=resource,
            community=community,
            body=form.cleaned_data["body"],
        )
    except (ToolkitError, DiscussionError) as error:
        return refused(request, str(error), back_url=resource.url_in(community), status=409)
    messages.success(request, _("Reply posted in the CoP's discussions."))
    thread = getattr(posted, "thread", posted)
    return redirect(thread.get_absolute_url())
