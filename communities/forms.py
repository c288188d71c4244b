import re
import zoneinfo
from email.utils import parseaddr

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Fieldset, Layout, Submit
from django import forms
from django.conf import settings
from django.core.validators import validate_email
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from communities.models import Community, ImportMode, Program, Role, Stage, User
from communities.models.user import validate_handle
from communities.notifications.kinds import DeliveryMode, preference_kinds
from communities.selectors import communities_visible_to
from communities.services.communities import COMMUNITY_FIELDS
from communities.services.people import PROFILE_FIELDS
from communities.services.programs import PROGRAM_FIELDS
from communities.text_files import csv_rows, decode_text

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

    def run_validators(self, value: list[str]) -> None:
        # CharField's validators (NUL bytes, which PostgreSQL refuses) expect one string: given
        # the list they test its repr, where a NUL is spelt `\x00` and slips through.
        for name in value:
            super().run_validators(name)

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
        fields = PROFILE_FIELDS  # what the service accepts
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
        # Checked here, before the model's own check: the form copies a valid value onto the
        # instance, so a handle like `a/b` would reach the page's links and break them.
        handle = self.cleaned_data["handle"].strip().lower()
        validate_handle(handle)
        return handle


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

    def __init__(self, *args, user: User, led_alone=(), **kwargs):
        """`led_alone`: the CoPs this person alone facilitates; each needs a successor."""
        self.user = user
        super().__init__(*args, **kwargs)
        self.successor_fields = {}
        for community in led_alone:
            name = f"successor_{community.pk}"
            self.fields[name] = forms.ModelChoiceField(
                label=_("Who facilitates %(community)s after you?") % {"community": community.name},
                queryset=User.objects.filter(memberships__community=community)
                .exclude(pk=user.pk)
                .order_by("name", "handle"),
                empty_label=_("Choose a member"),
                error_messages={
                    "required": _(
                        "%(community)s needs a facilitator: name a member to take over, "
                        "or hand it over first."
                    )
                    % {"community": community.name},
                    "invalid_choice": _("Choose a member of %(community)s.")
                    % {"community": community.name},
                },
            )
            self.successor_fields[community.pk] = name
        self.helper = FormHelper()
        self.helper.layout = Layout(
            *self.successor_fields.values(),
            "password",
            Submit("delete", _("Delete my account"), css_class="btn-danger"),
        )

    def successors(self) -> dict[int, User]:
        return {pk: self.cleaned_data[name] for pk, name in self.successor_fields.items()}

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That is not your password."), code="wrong_password")
        return password


class CommunityForm(forms.ModelForm):
    """Create or edit a CoP. The slug is made from the name unless the facilitator sets one."""

    class Meta:
        model = Community
        fields = COMMUNITY_FIELDS  # what the service accepts
        widgets = {  # noqa: RUF012 (Django reads it)
            "purpose": forms.Textarea(attrs={"rows": 3}),
            "description": forms.Textarea(attrs={"rows": 5}),
            "visibility": forms.RadioSelect,
            "join_policy": forms.RadioSelect,
            "formation_mode": forms.RadioSelect,
        }

    def __init__(self, *args, actor, program_slug: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        self.fields["slug"].help_text = _(
            "Used in the CoP's web address. Leave empty to make one from the name."
        )
        # Only a program's TTA leaders add CoPs to it.
        programs = Program.objects.filter(leaders=actor)
        if self.instance.program_id:
            programs = programs | Program.objects.filter(pk=self.instance.program_id)
        self.fields["program"].queryset = programs.distinct()
        self.fields["program"].required = False
        if not self.fields["program"].queryset.exists():
            del self.fields["program"]
        elif program_slug:
            # "Start a new community in this program" names it; only a program this person may
            # add to is preselected, any other name is ignored.
            program = self.fields["program"].queryset.filter(slug=program_slug[:100]).first()
            if program:
                self.initial["program"] = program.pk
        submit = _("Save settings") if self.instance.pk else _("Create the community")
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Fieldset(_("What it is about"), "name", "slug", "domain", "purpose", "description"),
            Fieldset(_("Who can join"), "visibility", "join_policy", "formation_mode"),
            Fieldset(
                _("How it runs"),
                "meeting_cadence",
                *(["program"] if "program" in self.fields else []),
            ),
            Submit("save", submit),
        )

    def clean_slug(self) -> str:
        """The address asked for; the service picks a free one near it (never "taken", which
        would tell that a private CoP holds it)."""
        slug = slugify(self.cleaned_data.get("slug") or self.data.get("name", ""))[:80]
        if not slug:
            raise forms.ValidationError(_("Give the community a name with letters or digits."))
        return slug

    def _get_validation_exclusions(self):
        # Django's own uniqueness check would say "already exists" for a private CoP's address.
        return {*super()._get_validation_exclusions(), "slug"}


class StageForm(forms.Form):
    # The CoP page renders the bare widget (beside its button), so the widget carries the class.
    stage = forms.ChoiceField(
        label=_("Lifecycle stage"),
        choices=Stage.choices,
        widget=forms.Select(attrs={"class": "form-select"}),
    )


class JoinRequestForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the membership managers (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout("message", Submit("request", _("Ask to join")))


class RolesForm(forms.Form):
    roles = forms.MultipleChoiceField(
        label=_("Roles"),
        choices=Role.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=(("approve", _("Approve")), ("decline", _("Decline"))))


class DirectoryFilterForm(forms.Form):
    # The directory lays these out in its own grid row (labels above, "Find" beside them), so
    # the widgets carry Bootstrap's classes themselves; a select without `form-select` grows to
    # its longest option and pushes into the next column.
    q = forms.CharField(
        label=_("Search name, shared concern or description"),
        required=False,
        max_length=100,
        widget=forms.SearchInput(attrs={"class": "form-control"}),
    )
    program = forms.ModelChoiceField(
        label=_("Program"),
        queryset=Program.objects.all(),
        required=False,
        to_field_name="slug",
        empty_label=_("Any"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    join_policy = forms.ChoiceField(
        label=_("Joining"),
        required=False,
        choices=(("", _("Any")), *Community._meta.get_field("join_policy").choices),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    stage = forms.ChoiceField(
        label=_("Stage"),
        required=False,
        choices=(("", _("Any")), *Stage.choices),
        widget=forms.Select(attrs={"class": "form-select"}),
    )


MAX_LIST_LINES = 2000
MAX_CSV_BYTES = 1024 * 1024


class MemberListForm(forms.Form):
    """Emails pasted one per line (or comma-separated), or a CSV file with an email column."""

    emails = forms.CharField(
        label=_("Email addresses"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("One per line, or separated by commas."),
    )
    csv_file = forms.FileField(
        label=_("…or a CSV file"),
        required=False,
        help_text=_("Any column holding the email addresses; at most 2,000 lines."),
    )
    mode = forms.ChoiceField(
        label=_("What to do"),
        choices=ImportMode.choices,
        initial=ImportMode.INVITE,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, may_preassign: bool = False, **kwargs):
        """`may_preassign`: the CoP is a program's and the viewer may add people (SPEC §2);
        otherwise the form only invites."""
        super().__init__(*args, **kwargs)
        self.may_preassign = may_preassign
        if not may_preassign:
            self.fields["mode"].widget = forms.HiddenInput()
        self.helper = FormHelper()
        self.helper.form_enctype = "multipart/form-data"
        self.helper.layout = Layout("emails", "csv_file", "mode", Submit("send", _("Continue")))

    def clean_csv_file(self) -> str:
        upload = self.cleaned_data.get("csv_file")
        if not upload:
            return ""
        if upload.size > MAX_CSV_BYTES:
            raise forms.ValidationError(_("The file is larger than 1 MB."), code="too_big")
        # UTF-8 or whatever the spreadsheet saved (Windows-1252, Latin-1…): only a file that is
        # no text in any encoding is refused.
        text = decode_text(upload.read())
        if text is None:
            raise forms.ValidationError(
                _("This file is not a text CSV. Export the list as CSV and try again."),
                code="not_text",
            )
        if "\x00" in text:
            raise forms.ValidationError(_("This file is not a text CSV."), code="not_text")
        return "\n".join(_email_cell(row) for row in csv_rows(text))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("mode") == ImportMode.ADD and not self.may_preassign:
            raise forms.ValidationError(
                _(
                    "This community is not part of a program, so its members are invited: each "
                    "person accepts from an email. Nobody was added or invited."
                ),
                code="invite_only",
            )
        text = "\n".join(
            part for part in (cleaned.get("emails", ""), cleaned.get("csv_file", "")) if part
        )
        lines = [line for line in re.split(r"[\n,;]+", text) if line.strip()]
        if not lines and not self.errors:
            raise forms.ValidationError(_("Paste at least one email address, or choose a file."))
        if len(lines) > MAX_LIST_LINES:
            raise forms.ValidationError(
                _("That is %(count)d lines; send at most %(max)d at a time."),
                params={"count": len(lines), "max": MAX_LIST_LINES},
                code="too_many",
            )
        cleaned["addresses"], cleaned["skipped"] = parse_email_lines(lines)
        return cleaned


def _email_cell(row: list[str]) -> str:
    return next((cell for cell in row if "@" in cell), row[0])


def _address_in(line: str) -> str:
    """`José Núñez <jose@example.org>` (how mail programs copy a person) gives the address;
    anything else is the line itself, for validation to judge."""
    line = line.strip()
    _name, address = parseaddr(line)
    if "<" in line and "@" in address:
        return address
    return line.strip("<>\"'").strip()


def parse_email_lines(lines: list[str]) -> tuple[list[str], list[tuple[str, str]]]:
    """Valid, de-duplicated addresses (lower-cased), and the lines skipped with the reason."""
    addresses: list[str] = []
    seen: set[str] = set()
    skipped: list[tuple[str, str]] = []
    for raw in lines:
        line = _address_in(raw)
        try:
            validate_email(line)
        except forms.ValidationError:
            skipped.append((line[:200], str(_("not an email address"))))
            continue
        address = line.lower()
        if address in seen:
            skipped.append((line, str(_("listed twice"))))
            continue
        seen.add(address)
        addresses.append(address)
    return addresses, skipped


class ProgramForm(forms.ModelForm):
    class Meta:
        model = Program
        fields = PROGRAM_FIELDS  # what the service accepts
        widgets = {  # noqa: RUF012 (Django reads it)
            "description": forms.Textarea(attrs={"rows": 4}),
            "starts_on": forms.DateInput(attrs={"type": "date"}),
            "ends_on": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        self.fields["slug"].help_text = _("Leave empty to make one from the name.")
        self.helper = FormHelper()
        self.helper.layout = Layout(
            "name",
            "slug",
            "description",
            "starts_on",
            "ends_on",
            Submit("save", _("Save program") if self.instance.pk else _("Create the program")),
        )

    def clean_slug(self) -> str:
        slug = slugify(self.cleaned_data.get("slug") or self.data.get("name", ""))[:80]
        if not slug or slug == "new":
            raise forms.ValidationError(_("Give the program a name with letters or digits."))
        if Program.objects.filter(slug=slug).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(
                _("The address “%(slug)s” is taken."), params={"slug": slug}, code="slug_taken"
            )
        return slug

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The program cannot end before it starts."))
        return cleaned


class AddCommunityForm(forms.Form):
    community = forms.ModelChoiceField(
        label=_("Community"), queryset=Community.objects.none(), to_field_name="slug"
    )

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        # A leader brings in stand-alone CoPs they facilitate: joining a program lets its
        # leaders and providers see the CoP's members, which its facilitators must agree to.
        self.fields["community"].queryset = (
            communities_visible_to(actor)
            .filter(
                program__isnull=True,
                memberships__user=actor,
                memberships__roles__role=Role.FACILITATOR,
            )
            .distinct()
        )


class PersonByEmailForm(forms.Form):
    email = forms.EmailField(label=_("Email address of a person with an account"))

    def clean(self):
        cleaned = super().clean()
        email = cleaned.get("email")
        if email:
            person = User.objects.filter(email__iexact=email, is_active=True).first()
            if person is None:
                self.add_error("email", _("Nobody with that address has an account yet."))
            cleaned["person"] = person
        return cleaned
