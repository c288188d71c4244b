"""The toolkit's forms: sharing or editing a resource, replying to its discussion prompt."""

from urllib.parse import urlencode, urlsplit

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout, Submit
from django import forms
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from communities.discussions.models import MAX_BODY
from communities.forms import TagListField
from cop_platform.uploads import UploadField, allowed_types_text
from toolkit.models import FILE_KINDS, Resource, ResourceKind
from toolkit.selectors import ToolkitFilters

ALLOWED_SCHEMES = ("http", "https")


class LinkField(forms.URLField):
    """A web address that opens a page: http or https only. `javascript:` and `data:` links
    would run in the reader's session when clicked, so they are refused, not cleaned."""

    default_validators = [URLValidator(schemes=list(ALLOWED_SCHEMES))]  # noqa: RUF012

    def to_python(self, value):
        text = (value or "").strip()
        scheme = urlsplit(text).scheme.lower() if ":" in text else ""
        if text and scheme and scheme not in ALLOWED_SCHEMES and not text.startswith("//"):
            raise forms.ValidationError(
                _("Links must start with http:// or https://."), code="scheme"
            )
        return super().to_python(text)


class ResourceForm(forms.ModelForm):
    url = LinkField(label=_("Link"), required=False, max_length=500)
    file = UploadField(label=_("File"), required=False)
    tags = TagListField(label=_("Tags"))

    class Meta:
        model = Resource
        fields = ("kind", "title", "description", "url", "prompt")
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}  # noqa: RUF012

    def __init__(self, *args, submit_label=None, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["tags"] = [tag.name for tag in self.instance.tags.all()]
        self.fields["url"].help_text = _(
            "Required for links, videos, articles and tools. Documents, templates and strategy "
            "documents may have a file instead."
        )
        self.fields["file"].help_text = _(
            "For documents, templates and strategy documents. Accepted: %(types)s."
        ) % {"types": allowed_types_text()}
        if self.instance.pk and self.instance.file:
            self.fields["file"].help_text += " " + _("A new file replaces %(name)s.") % {
                "name": self.instance.file_name
            }
        self.helper = FormHelper()
        self.helper.form_enctype = "multipart/form-data"
        self.helper.layout = Layout(
            Fieldset(_("The resource"), "kind", "title", "description", "url", "file"),
            Fieldset(_("Finding and discussing it"), "tags", "prompt"),
            Submit("save", submit_label or _("Share")),
        )

    def clean(self):
        cleaned = super().clean()
        kind, url, upload = cleaned.get("kind"), cleaned.get("url"), cleaned.get("file")
        if upload and kind and kind not in FILE_KINDS:
            self.add_error(
                "file", _("Only documents, templates and strategy documents take a file.")
            )
            return cleaned
        has_file = bool(upload) or bool(self.instance.pk and self.instance.file)
        if kind and not url and not (kind in FILE_KINDS and has_file):
            if kind in FILE_KINDS:
                message = _("Attach a file or give a link.")
            else:
                message = _("Give the link for this kind of resource.")
            self.add_error("url", message)
        return cleaned

    def service_fields(self) -> dict:
        """What `share_resource` / `update_resource` take."""
        data = self.cleaned_data
        return {name: data[name] for name in ("kind", "title", "description", "url", "prompt")} | {
            "tags": data["tags"]
        }


class PromptReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Your reply"), max_length=MAX_BODY, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, action: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        # Shown on the resource's page, it posts to the reply URL, not to the page.
        self.helper.form_action = action
        self.helper.layout = Layout("body", Submit("reply", _("Reply")))


SCOPE_CHOICES = (
    ("", _("Everything")),
    ("cop", _("This CoP's")),
    ("program", _("TTA-provided")),
)


class ToolkitFilterForm(forms.Form):
    """The toolkit page's filters; bad values are dropped, not a 500 (SPEC §8)."""

    q = forms.CharField(
        label=_("Search titles and descriptions"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"class": "form-control", "type": "search"}),
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=(("", _("Any kind")), *ResourceKind.choices),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    tag = forms.ChoiceField(
        label=_("Tag"), required=False, widget=forms.Select(attrs={"class": "form-select"})
    )
    scope = forms.ChoiceField(
        label=_("From"),
        required=False,
        choices=SCOPE_CHOICES,
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    def __init__(self, *args, tags=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tag"].choices = [("", _("Any tag")), *((t.slug, t.name) for t in tags)]

    def filters(self) -> ToolkitFilters:
        # Each valid filter applies; an unknown kind or tag is dropped rather than refused.
        self.is_valid()
        data = self.cleaned_data
        return ToolkitFilters(
            kind=data.get("kind", ""),
            tag=data.get("tag", ""),
            scope=data.get("scope", ""),
            text=data.get("q", "").strip(),
        )

    def query(self) -> str:
        """The filters as a query string, for the pagination links."""
        data = {name: value for name, value in self.data.items() if name != "page" and value}
        return urlencode(data)
