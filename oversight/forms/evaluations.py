"""Scheduling an evaluation, and the survey form built from its questions."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from oversight.models import LIKERT_MAX, LIKERT_MIN, QuestionKind

MAX_OPEN_DAYS = 90


class ScheduleForm(forms.Form):
    template = forms.ModelChoiceField(label=_("Questions from"), queryset=None, empty_label=None)
    title = forms.CharField(label=_("Title"), max_length=200)
    opens_on = forms.DateField(label=_("Opens on"), widget=forms.DateInput(attrs={"type": "date"}))
    closes_on = forms.DateField(
        label=_("Closes on (last day to answer)"), widget=forms.DateInput(attrs={"type": "date"})
    )
    anonymous = forms.BooleanField(
        label=_("Anonymous: no answer can be linked to a person"), required=False, initial=True
    )

    def __init__(self, *args, templates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = templates
        self.helper = FormHelper()
        self.helper.add_input(Submit("save", _("Schedule evaluation")))

    def clean(self):
        data = super().clean()
        opens_on, closes_on = data.get("opens_on"), data.get("closes_on")
        if opens_on and opens_on < timezone.localdate():
            self.add_error("opens_on", _("The opening day cannot be in the past."))
        if opens_on and closes_on:
            if closes_on < opens_on:
                self.add_error("closes_on", _("The survey must close on or after it opens."))
            elif (closes_on - opens_on).days > MAX_OPEN_DAYS:
                self.add_error("closes_on", _("A survey stays open at most 90 days."))
        template = data.get("template")
        if template is not None and not template.questions.exists():
            self.add_error("template", _("This template has no questions yet."))
        return data


LIKERT_CHOICES = [(str(n), str(n)) for n in range(LIKERT_MIN, LIKERT_MAX + 1)]


def _field(question) -> forms.Field:
    common = {"label": question.text, "required": question.required}
    if question.kind == QuestionKind.LIKERT:
        return forms.ChoiceField(
            choices=LIKERT_CHOICES,
            widget=forms.RadioSelect,
            help_text=_("1 = not at all, 5 = very much"),
            **common,
        )
    choices = [(choice, choice) for choice in question.choice_list]
    if question.kind == QuestionKind.SINGLE:
        return forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **common)
    if question.kind == QuestionKind.MULTIPLE:
        return forms.MultipleChoiceField(
            choices=choices, widget=forms.CheckboxSelectMultiple, **common
        )
    return forms.CharField(max_length=5000, widget=forms.Textarea(attrs={"rows": 3}), **common)


class SurveyForm(forms.Form):
    """One field per question, named `q<pk>`; refuses a Likert outside 1 to 5 and a choice
    not offered with the field's own message."""

    def __init__(self, *args, questions, submit_label, **kwargs):
        super().__init__(*args, **kwargs)
        for question in questions:
            self.fields[f"q{question.pk}"] = _field(question)
        self.helper = FormHelper()
        self.helper.add_input(Submit("save", submit_label))
