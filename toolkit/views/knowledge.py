"""Knowledge capture: a CoP's knowledge page, drafting an entry, an entry's page, publishing
it, the CoP's choice to publish to its program, and the program's body of knowledge."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from communities.models import Program
from communities.views.guards import community_view, refused
from cop_platform.permissions import can
from toolkit.knowledge import (
    KnowledgeError,
    body_of_knowledge,
    communities_with_entries,
    draft_entry,
    drafts_for,
    entry_in,
    program_entry,
    published_entries,
    set_program_sharing,
    set_published,
    shares_with_program,
    update_entry,
)
from toolkit.knowledge_forms import KnowledgeEntryForm, KnowledgeFilterForm

PAGE_SIZE = 20


def _list_url(community) -> str:
    return reverse("toolkit:knowledge", args=[community.slug])


@community_view("knowledge.view")
def knowledge_list(request, community):
    form = KnowledgeFilterForm(request.GET)
    entries = published_entries(community=community, filters=form.filters())
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    all_drafts = can(request.user, "knowledge.see_drafts", community)
    own_drafts = can(request.user, "knowledge.see_own_drafts", community)
    program = community.program
    context = {
        "community": community,
        "form": form,
        "query": form.query(),
        "filtered": bool(form.filters().kind),
        "page": page,
        "drafts": drafts_for(community=community, viewer=request.user, editor=all_drafts)
        if own_drafts or all_drafts
        else [],
        "all_drafts": all_drafts,
        "may_draft": can(request.user, "knowledge.draft", community),
        "may_publish": can(request.user, "knowledge.publish", community),
        "shares_with_program": shares_with_program(community) if program else False,
        "program_link": program is not None and can(request.user, "program.knowledge", program),
    }
    return render(request, "toolkit/knowledge_list.html", context)


@community_view("knowledge.draft")
@require_http_methods(["GET", "POST"])
def knowledge_create(request, community):
    form = KnowledgeEntryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        entry = draft_entry(
            actor=request.user,
            community=community,
            kind=data["kind"],
            title=data["title"],
            body=data["body"],
            tags=data["tags"],
        )
        messages.success(request, _("Draft saved: the CoP's knowledge editors can publish it."))
        return redirect(entry.get_absolute_url())
    status = 422 if request.method == "POST" else 200
    context = {"community": community, "form": form}
    return render(request, "toolkit/knowledge_form.html", context, status=status)


def _readable_entry(request, community, pk):
    """The entry, or not found: a draft is not even known to those who may not read it."""
    entry = entry_in(community=community, pk=pk)
    if not can(request.user, "entry.read", entry):
        raise Http404
    return entry


@community_view("knowledge.view")
def knowledge_detail(request, community, pk):
    entry = _readable_entry(request, community, pk)
    context = {
        "community": community,
        "entry": entry,
        "may_publish": can(request.user, "knowledge.publish", community),
        "may_edit": can(request.user, "entry.edit", entry),
    }
    return render(request, "toolkit/knowledge_detail.html", context)


@community_view("knowledge.view")
@require_http_methods(["GET", "POST"])
def knowledge_edit(request, community, pk):
    entry = _readable_entry(request, community, pk)
    if not can(request.user, "entry.edit", entry):
        raise PermissionDenied
    initial = {"tags": [tag.name for tag in entry.tag_list]}
    form = KnowledgeEntryForm(request.POST or None, instance=entry, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        update_entry(
            actor=request.user,
            entry=entry_in(community=community, pk=pk),
            kind=data["kind"],
            title=data["title"],
            body=data["body"],
            tags=data["tags"],
        )
        messages.success(request, _("Entry saved."))
        return redirect(entry.get_absolute_url())
    status = 422 if request.method == "POST" else 200
    context = {"community": community, "form": form, "entry": entry}
    return render(request, "toolkit/knowledge_form.html", context, status=status)


@community_view("knowledge.publish")
@require_http_methods(["GET", "POST"])
def knowledge_publish(request, community, pk):
    """Asks first, both ways: publishing shows the entry to every reader of the CoP's knowledge
    (and maybe the program's); unpublishing takes it from them."""
    entry = entry_in(community=community, pk=pk)
    if request.method == "GET":
        return render(
            request, "toolkit/knowledge_publish.html", {"community": community, "entry": entry}
        )
    choice = request.POST.get("published")
    if choice not in {"0", "1"}:
        message = _("Choose to publish or unpublish the entry.")
        return refused(request, message, back_url=entry.get_absolute_url(), status=400)
    try:
        set_published(actor=request.user, entry=entry, published=choice == "1")
    except KnowledgeError as error:
        return refused(request, str(error), back_url=entry.get_absolute_url(), status=409)
    if choice == "1":
        messages.success(request, _("Published."))
    else:
        messages.success(request, _("Unpublished: it is a draft again."))
    return redirect(entry.get_absolute_url())


@community_view("knowledge.publish")
@require_POST
def knowledge_sharing(request, community):
    choice = request.POST.get("share")
    if choice not in {"0", "1"}:
        message = _("Choose whether to publish the CoP's entries to its program.")
        return refused(request, message, back_url=_list_url(community), status=400)
    try:
        set_program_sharing(actor=request.user, community=community, shared=choice == "1")
    except KnowledgeError as error:
        return refused(request, str(error), back_url=_list_url(community), status=409)
    if choice == "1":
        messages.success(request, _("The program's body of knowledge now shows these entries."))
    else:
        messages.success(request, _("The entries are no longer published to the program."))
    return redirect(_list_url(community))


def _program_or_403(request, slug) -> Program:
    program = get_object_or_404(Program, slug=slug)
    if not can(request.user, "program.knowledge", program):
        raise PermissionDenied
    return program


@login_required
def program_knowledge(request, slug):
    """The program's body of knowledge: its CoPs' published entries this viewer may read."""
    program = _program_or_403(request, slug)
    cops = communities_with_entries(program=program, viewer=request.user)
    form = KnowledgeFilterForm(request.GET, communities=cops)
    filters = form.filters()
    entries = body_of_knowledge(program=program, viewer=request.user, filters=filters)
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "program": program,
        "form": form,
        "query": form.query(),
        "filtered": bool(filters.kind or filters.community),
        "page": page,
    }
    return render(request, "toolkit/body_of_knowledge.html", context)


@login_required
def program_knowledge_entry(request, slug, pk):
    """An entry as the body of knowledge shows it: the words the CoP published, and a link to
    the CoP only for those who may know it."""
    program = _program_or_403(request, slug)
    entry = program_entry(program=program, viewer=request.user, pk=pk)
    context = {
        "program": program,
        "entry": entry,
        "community_link": can(request.user, "community.view", entry.community),
    }
    return render(request, "toolkit/program_knowledge_entry.html", context)
