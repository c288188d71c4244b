"""A program's own toolkit, kept by its TTA leaders: the templates and tools every CoP of the
program sees, marked "TTA-provided" there."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from communities.models import Program
from cop_platform.permissions import can
from cop_platform.uploads import serve_upload
from toolkit.forms import ResourceForm
from toolkit.selectors import program_resource, program_resources
from toolkit.services import (
    restore_resource,
    retire_resource,
    share_resource,
    update_resource,
)


def program_toolkit_view(view):
    """The program (404 if there is none), for its TTA leaders only (403 for anyone else)."""

    @login_required
    @wraps(view)
    def wrapper(request, slug, *args, **kwargs):
        program = get_object_or_404(Program, slug=slug)
        if not can(request.user, "program.toolkit", program):
            raise PermissionDenied
        return view(request, program, *args, **kwargs)

    return wrapper


def _list_url(program) -> str:
    return reverse("toolkit:program_list", args=[program.slug])


@program_toolkit_view
def program_toolkit(request, program):
    context = {"program": program, "resources": program_resources(program=program)}
    return render(request, "toolkit/program_toolkit.html", context)


@program_toolkit_view
@require_http_methods(["GET", "POST"])
def program_resource_create(request, program):
    form = ResourceForm(request.POST or None, request.FILES or None, submit_label=_("Add"))
    if request.method == "POST" and form.is_valid():
        share_resource(
            actor=request.user,
            program=program,
            upload=form.cleaned_data.get("file"),
            **form.service_fields(),
        )
        messages.success(request, _("Added: every CoP of the program sees it."))
        return redirect(_list_url(program))
    status = 422 if request.method == "POST" else 200
    context = {"program": program, "form": form}
    return render(request, "toolkit/program_resource_form.html", context, status=status)


@program_toolkit_view
@require_http_methods(["GET", "POST"])
def program_resource_edit(request, program, pk):
    resource = program_resource(program=program, pk=pk)
    form = ResourceForm(
        request.POST or None, request.FILES or None, instance=resource, submit_label=_("Save")
    )
    if request.method == "POST" and form.is_valid():
        update_resource(
            actor=request.user,
            resource=program_resource(program=program, pk=pk),
            upload=form.cleaned_data.get("file"),
            **form.service_fields(),
        )
        messages.success(request, _("Resource saved."))
        return redirect(_list_url(program))
    status = 422 if request.method == "POST" else 200
    context = {"program": program, "form": form, "resource": resource}
    return render(request, "toolkit/program_resource_form.html", context, status=status)


@program_toolkit_view
@require_http_methods(["GET", "POST"])
def program_resource_retire(request, program, pk):
    resource = program_resource(program=program, pk=pk)
    if request.method == "POST":
        retire_resource(actor=request.user, resource=resource)
        messages.success(request, _("Retired: it no longer appears in the program's CoPs."))
        return redirect(_list_url(program))
    context = {"program": program, "resource": resource}
    return render(request, "toolkit/resource_retire.html", context)


@program_toolkit_view
def program_resource_download(request, program, pk):
    """The file, for the leaders who keep it; not counted (the figures are the CoPs')."""
    resource = program_resource(program=program, pk=pk)
    if not resource.has_file:
        raise Http404
    return serve_upload(
        request,
        storage_name=resource.file,
        filename=resource.file_name,
        content_type=resource.file_type,
    )


@program_toolkit_view
@require_POST
def program_resource_restore(request, program, pk):
    restore_resource(actor=request.user, resource=program_resource(program=program, pk=pk))
    messages.success(request, _("Restored: the program's CoPs see it again."))
    return redirect(_list_url(program))
