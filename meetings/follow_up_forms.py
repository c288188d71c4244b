"""Forms for what follows a meeting; each explains what it refuses."""

from typing import ClassVar

from crispy_forms.bootstrap import InlineRadios
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout, Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from communities.models import Community, User
from meetings.models import (
    ActionItem,
    ActionStatus,
    AttendanceStatus,
    Goal,
    GoalStatus,
    Meeting,
    OccurrenceRecord,
)
from meetings.recurrence import belongs_to_series, parse_occurrence_key


class AttendanceForm(forms.Form):
    """One row of radio buttons per member; a member left unmarked keeps what they had."""

    def __init__(self, *args, sheet: list[tuple[User, str]], **kwargs):
        super().__init__(*args, **kwargs)
        for member, status in sheet:
            self.fields[f"member-{member.pk}"] = forms.ChoiceField(
                label=member.display_name,
                choices=AttendanceStatus.choices,
                required=False,
                initial=status or None,
                widget=forms.RadioSelect,
            )
        self.helper = FormHelper()
        self.helper.layout = Layout(
            *(InlineRadios(name) for name in self.fields), Submit("save", _("Save attendance"))
        )

    def statuses(self) -> dict[int, str]:
        """{member id: status} for the members marked."""
        return {
            int(name.removeprefix("member-")): value
            for name, value in self.cleaned_data.items()
            if value
        }


class MinutesForm(forms.ModelForm):
    class Meta:
        model = OccurrenceRecord
        fields = ("notes", "minutes")
        widgets: ClassVar = {
            "notes": forms.Textarea(attrs={"rows": 6}),
            "minutes": forms.Textarea(attrs={"rows": 12}),
        }
        help_texts: ClassVar = {
            "notes": _("Preparation and working notes, in Markdown."),
            "minutes": _("What was discussed and decided, in Markdown. Members read them here."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout("notes", "minutes", Submit("save", _("Save notes")))


class MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return obj.display_name


class ActionItemForm(forms.ModelForm):
    owner = MemberChoiceField(
        label=_("Owner"),
        queryset=User.objects.none(),
        error_messages={"invalid_choice": _("Choose a member of this CoP as the owner.")},
    )
    occurrence = forms.CharField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = ActionItem
        fields = ("title", "owner", "due_date", "goal", "meeting")
        widgets: ClassVar = {"due_date": forms.DateInput(attrs={"type": "date"})}
        help_texts: ClassVar = {
            "goal": _("Its open items are reviewed when an agenda names this goal."),
            "meeting": _("Its open items are reviewed at the series' next meetings."),
        }

    def __init__(self, *args, community: Community, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = User.objects.filter(
            memberships__community=community
        ).order_by("name", "pk")
        self.fields["goal"].queryset = open_goals(community)
        self.fields["meeting"].queryset = Meeting.objects.filter(community=community)
        self.helper = FormHelper()
        self.helper.layout = Layout(
            "title", "owner", "due_date", "goal", "meeting", "occurrence",
            Submit("save", _("Add action item")),
        )  # fmt: skip

    def clean(self):
        data = super().clean()
        key, meeting = data.get("occurrence"), data.get("meeting")
        data["occurrence_start"] = None
        if key and meeting:
            start = parse_occurrence_key(key)
            if start is None or not belongs_to_series(meeting, start):
                self.add_error("meeting", _("That meeting has no such date."))
            else:
                data["occurrence_start"] = start
        return data

    def service_fields(self) -> dict:
        data = self.cleaned_data
        names = ("title", "owner", "due_date", "goal", "meeting", "occurrence_start")
        return {name: data[name] for name in names}


class ActionStatusForm(forms.Form):
    status = forms.ChoiceField(choices=ActionStatus.choices)


class AgendaGoalForm(forms.Form):
    """The goal an agenda item names (or none); its open action items are then reviewed."""

    goal = forms.ModelChoiceField(queryset=Goal.objects.none(), required=False)

    def __init__(self, *args, community: Community, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = open_goals(community)


def open_goals(community: Community):
    return Goal.objects.filter(
        community=community, status__in=(GoalStatus.NOT_STARTED, GoalStatus.IN_PROGRESS)
    )
