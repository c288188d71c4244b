import zoneinfo

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Fieldset, Layout, Submit
from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from communities.models import User
from communities.notifications.kinds import DeliveryMode, preference_kinds

MAX_TAGS = 20
MAX_TAG_LENGTH = 50


def timezone_choices() -> list[tuple[str, str]]:
    zones = sorted(zoneinfo.available_timezones() - {"localtime", "Factory"})
    site_default = _("Site default (%(zone)s)") % {"zone": settings.TIME_ZONE}
    return [("", site_default), *((zone, zone.replace("_", " ")) for zone in zones)]


class TagListField(forms.CharField):
    """Comma-separated tag names in, a de-duplicated list of names out."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "help_text", _("Separate topics with commas, e.g. peer coaching, data use.")
        )
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return ", ".join(str(item) for item in value)
        return value

    def to_python(self, value) -> list[str]:
        text = super().to_python(value)
        names: list[str] = []
        seen: set[str] = set()
        for raw in text.split(","):
            name = " ".join(raw.split())
            if name and name.lower() not in seen:
                seen.add(name.lower())
                names.append(name)
        return names

    def validate(self, value) -> None:
        super().validate(value)
        if len(value) > MAX_TAGS:
            raise forms.ValidationError(
                _("Name at most %(max)d topics."), params={"max": MAX_TAGS}, code="too_many"
            )
        long = [name for name in value if len(name) > MAX_TAG_LENGTH]
        if long:
            raise forms.ValidationError(
                _("Keep each topic under %(max)d characters: %(names)s"),
                params={"max": MAX_TAG_LENGTH, "names": ", ".join(long)},
                code="too_long",
            )


class ProfileForm(forms.ModelForm):
    timezone = forms.ChoiceField(label=_("Time zone"), required=False, choices=timezone_choices)
    expertise = TagListField(label=_("Expertise"))
    needs = TagListField(label=_("Needs"))

    class Meta:
        model = User
        fields = ("name", "handle", "organisation", "job_title", "bio", "timezone")
        widgets = {"bio": forms.Textarea(attrs={"rows": 4})}  # noqa: RUF012 (Django reads it)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["timezone"].help_text = User._meta.get_field("timezone").help_text
        if self.instance.pk and not self.is_bound:
            self.initial["expertise"] = [tag.name for tag in self.instance.expertise.all()]
            self.initial["needs"] = [tag.name for tag in self.instance.needs.all()]
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Fieldset(_("About you"), "name", "handle", "organisation", "job_title", "bio"),
            Fieldset(_("Where you are"), "timezone"),
            Fieldset(_("What you know and what you need"), "expertise", "needs"),
            Submit("save", _("Save profile")),
        )

    def clean_handle(self) -> str:
        return self.cleaned_data["handle"].strip().lower()


class NotificationPreferencesForm(forms.Form):
    """One choice per preference kind; transactional kinds are not offered (they always go)."""

    def __init__(self, *args, modes: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        for kind in preference_kinds():
            self.fields[kind.key] = forms.ChoiceField(
                label=kind.label,
                help_text=kind.help_text,
                choices=DeliveryMode.choices,
                initial=modes.get(kind.key, kind.default_mode),
                widget=forms.RadioSelect,
            )
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Div(*self.fields, css_class="notification-preferences"),
            Submit("save", _("Save preferences")),
        )


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("Type your password to confirm that you want to delete your account."),
    )

    def __init__(self, *args, user: User, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout(
            "password", Submit("delete", _("Delete my account"), css_class="btn-danger")
        )

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That is not your password."), code="wrong_password")
        return password
