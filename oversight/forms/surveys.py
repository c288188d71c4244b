"""Survey template forms; each explains what it refuses."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from oversight.models import CHOICE_KINDS, QuestionKind

MAX_CHOICES = 12


def _helper(label: str) -> FormHelper:
    helper = FormHelper()
    helper.add_input(Submit("save", label))
    return helper


class TemplateForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    start_from_default = forms.BooleanField(
        label=_("Start from the value-creation questions"), required=False, initial=True
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Create template"))


class RenameForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Rename"))
        self.helper.form_tag = False  # the page's form adds which action it is


class QuestionForm(forms.Form):
    text = forms.CharField(label=_("Question"), max_length=500)
    kind = forms.ChoiceField(label=_("Kind of answer"), choices=QuestionKind.choices)
    choices = forms.CharField(
        label=_("Choices, one a line (one choice and several choices only)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    required = forms.BooleanField(label=_("An answer is required"), required=False, initial=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Add question"))
        self.helper.form_tag = False  # the page's form adds which action it is

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        lines = [line.strip() for line in data.get("choices", "").splitlines() if line.strip()]
        if kind in CHOICE_KINDS:
            if len(lines) < 2:
                self.add_error("choices", _("Give at least two choices, one a line."))
            elif len(lines) > MAX_CHOICES:
                self.add_error("choices", _("Give at most %d choices.") % MAX_CHOICES)
            elif len(set(lines)) != len(lines):
                self.add_error("choices", _("Each choice must differ from the others."))
            data["choices"] = "\n".join(lines)
        elif kind and lines:
            self.add_error("choices", _("Only a choice question has choices."))
        return data
