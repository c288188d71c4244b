"""Check-in forms; each explains what it refuses."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from communities.models import Community, Membership, Role, User
from oversight.models import CheckInCadence, CheckInStatus

MAX_FOLLOW_UPS = 10


def _helper(label: str) -> FormHelper:
    helper = FormHelper()
    helper.add_input(Submit("save", label))
    return helper


class CadenceForm(forms.Form):
    cadence_days = forms.TypedChoiceField(
        label=_("Check in"), choices=CheckInCadence.choices, coerce=int
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Save cadence"))


class StatusUpdateForm(forms.Form):
    status = forms.ChoiceField(
        label=_("How is the CoP doing?"), choices=CheckInStatus.choices, widget=forms.RadioSelect
    )
    what_would_help = forms.CharField(
        label=_("What would help?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Send status"))


class CheckInForm(forms.Form):
    held_on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    status = forms.ChoiceField(
        label=_("Status you agreed on"), choices=CheckInStatus.choices, widget=forms.RadioSelect
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 6})
    )
    follow_ups = forms.CharField(
        label=_("Follow-ups"),
        required=False,
        max_length=3000,
        help_text=_("One per line; each becomes an action item of the CoP."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    follow_up_owner = forms.ModelChoiceField(
        label=_("Who takes the follow-ups"), queryset=User.objects.none(), required=False
    )
    follow_up_due = forms.DateField(
        label=_("Follow-ups due"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, community: Community, **kwargs):
        super().__init__(*args, **kwargs)
        # Follow-ups are owned by the CoP's facilitators: action items belong to members.
        self.fields["follow_up_owner"].queryset = User.objects.filter(
            is_active=True,
            pk__in=Membership.objects.filter(
                community=community, roles__role=Role.FACILITATOR
            ).values("user_id"),
        ).order_by("name", "pk")
        self.helper = _helper(_("Record check-in"))

    def clean_held_on(self):
        held_on = self.cleaned_data["held_on"]
        if held_on > timezone.localdate():
            raise forms.ValidationError(_("A check-in is recorded once it has happened."))
        return held_on

    def clean_follow_ups(self) -> list[str]:
        lines = [line.strip() for line in self.cleaned_data["follow_ups"].splitlines()]
        lines = [line for line in lines if line]
        if len(lines) > MAX_FOLLOW_UPS:
            raise forms.ValidationError(
                _("At most %(count)s follow-ups at once.") % {"count": MAX_FOLLOW_UPS}
            )
        if any(len(line) > 300 for line in lines):
            raise forms.ValidationError(_("Keep each follow-up under 300 characters."))
        return lines

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("follow_ups") and not cleaned.get("follow_up_owner"):
            self.add_error("follow_up_owner", _("Choose who takes the follow-ups."))
        return cleaned
