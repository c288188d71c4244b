from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from communities.forms import AddCommunityForm, PersonByEmailForm, ProgramForm
from communities.models import Program
from communities.selectors import program_communities, programs_for
from communities.services.programs import (
    add_community_to_program,
    add_program_leader,
    assign_provider,
    create_program,
    update_program,
)
from communities.views.guards import refused
from cop_platform.page_parts import program_panels
from cop_platform.permissions import can

# A program may gather hundreds of CoPs: the page lists them a page at a time.
PROGRAM_PAGE_SIZE = 50


def _program_for(request, slug, capability: str) -> Program:
    program = get_object_or_404(Program, slug=slug)
    if not can(request.user, capability, program):
        raise PermissionDenied
    return program


@login_required
def program_list(request):
    return render(
        request, "communities/program_list.html", {"programs": programs_for(user=request.user)}
    )


@login_required
@require_http_methods(["GET", "POST"])
def program_create(request):
    if not can(request.user, "program.create"):
        raise PermissionDenied
    form = ProgramForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        program = create_program(actor=request.user, **form.cleaned_data)
        messages.success(request, _("Program created. Add its communities."))
        return redirect(program)
    # An invalid form answers 422 with its messages, and nothing changed (SPEC §8).
    status = 422 if request.method == "POST" else 200
    return render(request, "communities/program_form.html", {"form": form}, status=status)


@login_required
def program_detail(request, slug):
    program = _program_for(request, slug, "program.view")
    may_edit = can(request.user, "program.edit", program)
    communities = program_communities(program=program, viewer=request.user)
    context = {
        "program": program,
        "page": Paginator(communities, PROGRAM_PAGE_SIZE).get_page(request.GET.get("page")),
        "leaders": program.leaders.order_by("name"),
        "may_edit": may_edit,
        "add_form": AddCommunityForm(actor=request.user) if may_edit else None,
        "leader_form": PersonByEmailForm(prefix="leader"),
        # What later apps add to the page (meetings: the program's convenings and calendar).
        "panels": program_panels(request, program),
    }
    return render(request, "communities/program_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def program_edit(request, slug):
    program = _program_for(request, slug, "program.edit")
    form = ProgramForm(request.POST or None, instance=program)
    if request.method == "POST" and form.is_valid():
        update_program(actor=request.user, program=program, **form.cleaned_data)
        messages.success(request, _("Program saved."))
        return redirect(program)
    # An invalid form answers 422 with its messages, and nothing changed (SPEC §8).
    status = 422 if request.method == "POST" else 200
    context = {"form": form, "program": program}
    return render(request, "communities/program_form.html", context, status=status)


@login_required
@require_POST
def program_add_community(request, slug):
    program = _program_for(request, slug, "program.edit")
    form = AddCommunityForm(request.POST, actor=request.user)
    if form.is_valid():
        community = form.cleaned_data["community"]
        add_community_to_program(actor=request.user, program=program, community=community)
        messages.success(request, _("%(name)s is now part of the program.") % {"name": community})
        return redirect(program)
    # An invalid form answers 422 with its message, and nothing changed (SPEC §8).
    message = _("Choose a community that is not in a program yet.")
    return refused(request, message, back_url=program.get_absolute_url(), status=422)


@login_required
@require_POST
def program_add_leader(request, slug):
    program = _program_for(request, slug, "program.edit")
    form = PersonByEmailForm(request.POST, prefix="leader")
    if form.is_valid():
        person = form.cleaned_data["person"]
        add_program_leader(actor=request.user, program=program, person=person)
        messages.success(request, _("%(name)s leads the program too.") % {"name": person})
        return redirect(program)
    message = " ".join(form.errors.get("email", [])) or _("Check the address.")
    return refused(request, message, back_url=program.get_absolute_url(), status=422)


@login_required
@require_POST
def program_assign_provider(request, slug, community_slug):
    program = _program_for(request, slug, "program.edit")
    community = get_object_or_404(program.communities, slug=community_slug)
    form = PersonByEmailForm(request.POST, prefix=f"provider-{community.pk}")
    if form.is_valid():
        provider = form.cleaned_data["person"]
        assign_provider(actor=request.user, community=community, provider=provider)
        messages.success(
            request,
            _("%(person)s supports %(community)s.") % {"person": provider, "community": community},
        )
        return redirect(program)
    message = " ".join(form.errors.get("email", [])) or _("Check the address.")
    return refused(request, message, back_url=program.get_absolute_url(), status=422)
