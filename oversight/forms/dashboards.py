"""The program dashboard's filters (a GET form: filtering changes nothing)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from oversight.dashboard_selectors import NOT_COMPUTED
from oversight.models import HealthFlag

FLAG_CHOICES = (
    ("", _("Every flag")),
    *HealthFlag.choices,
    (NOT_COMPUTED, _("Not computed yet")),
)


class DashboardFilterForm(forms.Form):
    flag = forms.ChoiceField(label=_("Flag"), choices=FLAG_CHOICES, required=False)
    provider = forms.TypedChoiceField(
        label=_("TTA provider"), coerce=int, empty_value=None, required=False
    )

    def __init__(self, data, *, providers):
        super().__init__(data)
        self.fields["provider"].choices = [
            ("", _("Every provider")),
            *((person.pk, person.display_name) for person in providers),
        ]
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select"

    def filters(self) -> dict:
        """The valid filters; a bad value (a hand-edited link) is reported and left out."""
        self.is_valid()
        return {
            "flag": self.cleaned_data.get("flag") or "",
            "provider_id": self.cleaned_data.get("provider"),
        }
