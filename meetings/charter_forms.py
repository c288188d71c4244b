"""The charter's steps, one form each, in the order of the lesson's questions; the goal forms of
the charter page. Each explains what it refuses."""

import datetime as dt
from dataclasses import dataclass

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout, Submit
from django import forms
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from communities.models import Community, User
from meetings.models import Charter, CharterFormat, Goal, GoalStatus

GOAL_SLOTS = 3
ROLE_ROWS = 6


def _helper(*layout) -> FormHelper:
    # The step page draws the <form> and its Back / Save draft / Next buttons.
    helper = FormHelper()
    helper.form_tag = False
    helper.layout = Layout(*layout)
    return helper


class CharterFieldsForm(forms.ModelForm):
    """A step that answers some of the charter's own fields."""

    def __init__(self, data=None, *, charter: Charter | None, community: Community):
        super().__init__(data, instance=charter or Charter(community=community))
        self.helper = _helper(*self.Meta.fields)

    def step_data(self) -> dict:
        return {"fields": {name: self.cleaned_data[name] for name in self.Meta.fields}}


def _open_question(field: str, help_text: str, *, rows: int = 5) -> type[CharterFieldsForm]:
    """A step that asks one of the charter's open questions, answered in a text area."""
    return forms.modelform_factory(
        Charter,
        form=CharterFieldsForm,
        fields=(field,),
        widgets={field: forms.Textarea(attrs={"rows": rows})},
        help_texts={field: help_text},
    )


PotentialForm = _open_question(
    "potential",
    _("What could this group achieve together that none of you could alone? Who benefits?"),
    rows=6,
)


class FormatsForm(CharterFieldsForm):
    formats = forms.MultipleChoiceField(
        label=_("Which formats will the group use?"),
        choices=CharterFormat.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose formats from the list.")},
    )

    class Meta:
        model = Charter
        fields = ("formats", "format_description")
        widgets = {"format_description": forms.Textarea(attrs={"rows": 5})}  # noqa: RUF012
        help_texts = {  # noqa: RUF012
            "format_description": _("How each format you chose will work in this group.")
        }


class MeetingsForm(CharterFieldsForm):
    class Meta:
        model = Charter
        fields = ("meeting_frequency", "meeting_length", "meeting_format")
        help_texts = {  # noqa: RUF012
            "meeting_frequency": _("For example: every second Tuesday."),
            "meeting_length": _("For example: one hour."),
        }


ScheduleForm = _open_question(
    "schedule", _("The dates or the rule of the coming meetings, and where they happen.")
)


StructureForm = _open_question(
    "meeting_structure", _("For example: check-in, a case, discussion, next steps.")
)


CommitmentForm = _open_question(
    "commitment", _("What each member agrees to give: time, preparation, sharing.")
)


ResourcesForm = _open_question(
    "resources", _("Where the group keeps its documents, and how members share them.")
)


class GoalsForm(forms.Form):
    """Three goals, each with how success will be known; a slot left empty holds no goal."""

    def __init__(self, data=None, *, charter: Charter | None, community: Community):
        super().__init__(data)
        current = {goal.position: goal for goal in Goal.objects.filter(community=community)}
        fieldsets = []
        for n in range(1, GOAL_SLOTS + 1):
            self.fields[f"goal_{n}_title"] = forms.CharField(
                label=_("Goal"), max_length=300, required=False
            )
            self.fields[f"goal_{n}_measure"] = forms.CharField(
                label=_("How you will know it is met"),
                max_length=2000,
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            if n in current:
                self.initial[f"goal_{n}_title"] = current[n].title
                self.initial[f"goal_{n}_measure"] = current[n].success_measure
            fieldsets.append(
                Fieldset(_("Goal %(n)d") % {"n": n}, f"goal_{n}_title", f"goal_{n}_measure")
            )
        self.helper = _helper(*fieldsets)

    def clean(self):
        data = super().clean()
        goals = []
        for n in range(1, GOAL_SLOTS + 1):
            title = data.get(f"goal_{n}_title", "").strip()
            measure = data.get(f"goal_{n}_measure", "").strip()
            if title and not measure:
                self.add_error(
                    f"goal_{n}_measure",
                    _("Say how the group will know this goal is met."),
                )
            elif measure and not title:
                self.add_error(f"goal_{n}_title", _("Name the goal this measure belongs to."))
            goals.append((title, measure) if title and measure else None)
        data["goals"] = goals
        return data

    def step_data(self) -> dict:
        return {"goals": self.cleaned_data["goals"]}


class RolesForm(forms.Form):
    """The roles the group needs, each filled by a member of the CoP or left unfilled."""

    def __init__(self, data=None, *, charter: Charter | None, community: Community):
        super().__init__(data)
        members = User.objects.filter(memberships__community=community, is_active=True).order_by(
            "name", "pk"
        )
        # One query for the six lists' options; a chosen holder is still checked against them.
        choices = [("", _("Unfilled")), *((u.pk, u.display_name) for u in members)]
        current = list(charter.roles.all()) if charter and charter.pk else []
        fieldsets = []
        for n in range(1, ROLE_ROWS + 1):
            self.fields[f"role_{n}_name"] = forms.CharField(
                label=_("Role"), max_length=120, required=False
            )
            self.fields[f"role_{n}_holder"] = forms.ModelChoiceField(
                label=_("Filled by"),
                queryset=members,
                required=False,
                empty_label=_("Unfilled"),
                error_messages={
                    "invalid_choice": _("Choose a member of this CoP, or leave the role unfilled.")
                },
            )
            self.fields[f"role_{n}_holder"].choices = choices
            if n <= len(current):
                self.initial[f"role_{n}_name"] = current[n - 1].name
                self.initial[f"role_{n}_holder"] = current[n - 1].holder_id
            fieldsets.append(
                Fieldset(_("Role %(n)d") % {"n": n}, f"role_{n}_name", f"role_{n}_holder")
            )
        self.helper = _helper(*fieldsets)

    def clean(self):
        data = super().clean()
        roles = []
        for n in range(1, ROLE_ROWS + 1):
            name = data.get(f"role_{n}_name", "").strip()
            holder = data.get(f"role_{n}_holder")
            if holder and not name:
                self.add_error(f"role_{n}_name", _("Name the role this member fills."))
            elif name:
                roles.append((name, holder))
        data["roles"] = roles
        return data

    def step_data(self) -> dict:
        return {"roles": self.cleaned_data["roles"]}


@dataclass(frozen=True)
class Step:
    title: str
    question: str
    form: type


STEPS = (
    Step(
        _("The team's potential"),
        _("What is the potential of this team?"),
        PotentialForm,
    ),
    Step(
        _("Goals"),
        _("Name up to three goals, and for each how the group will know it has been met."),
        GoalsForm,
    ),
    Step(
        _("Format and structure"),
        _("Which formats will the group use, and how?"),
        FormatsForm,
    ),
    Step(
        _("Meetings"),
        _("How often will the group meet, for how long, and how?"),
        MeetingsForm,
    ),
    Step(_("Meeting schedule"), _("When will the group meet?"), ScheduleForm),
    Step(
        _("Each meeting"),
        _("How will each meeting be structured?"),
        StructureForm,
    ),
    Step(
        _("Commitment"),
        _("What does each member commit to?"),
        CommitmentForm,
    ),
    Step(
        _("Roles"),
        _("Which roles does the group need, and who fills them?"),
        RolesForm,
    ),
    Step(
        _("Resources"),
        _("How will the group share and store its resources?"),
        ResourcesForm,
    ),
)


class GoalStatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=GoalStatus.choices,
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    def __init__(self, *args, goal: Goal, **kwargs):
        # Names stay plain so any goal's form posts the same fields; ids are per goal.
        super().__init__(*args, auto_id=f"id_goal-{goal.pk}-%s", **kwargs)
        self.initial.setdefault("status", goal.status)


class GoalNoteForm(forms.Form):
    dated = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    body = forms.CharField(
        label=_("Progress note"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, goal: Goal, community: Community, **kwargs):
        super().__init__(*args, auto_id=f"id_goal-{goal.pk}-note-%s", **kwargs)
        # Today in the viewer's zone: the middleware activated it.
        self.today = timezone.localdate()
        self.initial.setdefault("dated", self.today)
        self.fields["dated"].widget.attrs["max"] = self.today.isoformat()
        self.helper = FormHelper()
        self.helper.form_action = reverse("meetings:goal_note", args=[community.slug, goal.pk])
        self.helper.layout = Layout("dated", "body", Submit("add", _("Add note")))

    def clean_dated(self) -> dt.date:
        dated = self.cleaned_data["dated"]
        if dated > self.today:
            raise forms.ValidationError(_("A progress note cannot be dated in the future."))
        return dated
