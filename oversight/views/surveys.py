"""Survey template pages: a CoP's templates (its facilitators) and a program's (its TTA
leaders), each with an editor to rename a template and add or remove questions. The default
template is shown, read-only, as the place to start from."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from communities.models import Program
from communities.views.guards import community_view
from cop_platform.permissions import can
from oversight.forms import QuestionForm, RenameForm, TemplateForm
from oversight.models import SurveyQuestion, SurveyTemplate
from oversight.surveys import (
    add_question,
    create_template,
    default_template,
    remove_question,
    rename_template,
    templates_for,
)


def _program(request, slug) -> Program:
    program = get_object_or_404(Program, slug=slug)
    if not can(request.user, "program_survey_template.edit", program):
        raise PermissionDenied
    return program


def _owner(community=None, program=None) -> dict:
    """Owner-specific names for the shared pages: whose templates, and their URLs."""
    if community is not None:
        return {
            "owner": community,
            "owner_kwargs": {"community": community},
            "prefix": "cop_survey",
            "slug": community.slug,
            "back_url": community.get_absolute_url(),
        }
    return {
        "owner": program,
        "owner_kwargs": {"program": program},
        "prefix": "program_survey",
        "slug": program.slug,
        "back_url": program.get_absolute_url(),
    }


def _owns(owner: dict, template: SurveyTemplate) -> bool:
    kwargs = owner["owner_kwargs"]
    if "community" in kwargs:
        return template.community_id == kwargs["community"].pk
    return template.program_id == kwargs["program"].pk


def _template_list(request, owner: dict):
    form = TemplateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        copy_from = default_template() if form.cleaned_data["start_from_default"] else None
        template = create_template(
            name=form.cleaned_data["name"], copy_from=copy_from, **owner["owner_kwargs"]
        )
        messages.success(request, _("Template created. Add or change its questions."))
        return redirect(f"oversight:{owner['prefix']}_template", owner["slug"], template.pk)
    templates = list(templates_for(**owner["owner_kwargs"]).prefetch_related("questions"))
    for template in templates:
        template.editable = _owns(owner, template)
    context = owner | {"form": form, "templates": templates}
    status = 422 if request.method == "POST" else 200
    return render(request, "oversight/survey_template_list.html", context, status=status)


def _template_editor(request, owner: dict, template: SurveyTemplate):
    rename = RenameForm(request.POST if "rename" in request.POST else None)
    question = QuestionForm(request.POST if "add" in request.POST else None)
    here = reverse(f"oversight:{owner['prefix']}_template", args=[owner["slug"], template.pk])
    if request.method == "POST":
        if rename.is_bound and rename.is_valid():
            rename_template(template=template, name=rename.cleaned_data["name"])
            messages.success(request, _("Template renamed."))
            return redirect(here)
        if question.is_bound and question.is_valid():
            add_question(template=template, **question.cleaned_data)
            messages.success(request, _("Question added."))
            return redirect(here)
    if not rename.is_bound:
        rename = RenameForm(initial={"name": template.name})
    questions = list(template.questions.all())
    for q in questions:
        q.delete_url = reverse(
            f"oversight:{owner['prefix']}_question_delete", args=[owner["slug"], template.pk, q.pk]
        )
    context = owner | {
        "template": template,
        "questions": questions,
        "rename_form": rename,
        "question_form": question,
    }
    status = 422 if request.method == "POST" else 200
    return render(request, "oversight/survey_template_edit.html", context, status=status)


def _delete_question(request, owner: dict, template: SurveyTemplate, question_pk: int):
    question = get_object_or_404(SurveyQuestion, pk=question_pk, template=template)
    remove_question(question=question)
    messages.success(request, _("Question removed."))
    return redirect(f"oversight:{owner['prefix']}_template", owner["slug"], template.pk)


@community_view("survey_template.edit")
@require_http_methods(["GET", "POST"])
def cop_survey_templates(request, community):
    return _template_list(request, _owner(community=community))


@community_view("survey_template.edit")
@require_http_methods(["GET", "POST"])
def cop_survey_template(request, community, pk):
    template = get_object_or_404(SurveyTemplate, pk=pk, community=community)
    return _template_editor(request, _owner(community=community), template)


@community_view("survey_template.edit")
@require_POST
def cop_survey_question_delete(request, community, pk, question_pk):
    template = get_object_or_404(SurveyTemplate, pk=pk, community=community)
    return _delete_question(request, _owner(community=community), template, question_pk)


@login_required
@require_http_methods(["GET", "POST"])
def program_survey_templates(request, slug):
    return _template_list(request, _owner(program=_program(request, slug)))


@login_required
@require_http_methods(["GET", "POST"])
def program_survey_template(request, slug, pk):
    program = _program(request, slug)
    template = get_object_or_404(SurveyTemplate, pk=pk, program=program)
    return _template_editor(request, _owner(program=program), template)


@login_required
@require_POST
def program_survey_question_delete(request, slug, pk, question_pk):
    program = _program(request, slug)
    template = get_object_or_404(SurveyTemplate, pk=pk, program=program)
    return _delete_question(request, _owner(program=program), template, question_pk)
