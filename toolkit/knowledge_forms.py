"""Forms of knowledge capture and brokering: an entry, the knowledge filters, a share."""

from urllib.parse import urlencode

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout, Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from communities.forms import TagListField
from toolkit.knowledge import KnowledgeFilters
from toolkit.models import KnowledgeEntry, KnowledgeKind
from toolkit.models.knowledge import MAX_ENTRY_BODY


class KnowledgeEntryForm(forms.ModelForm):
    body = forms.CharField(
        label=_("Text"),
        max_length=MAX_ENTRY_BODY,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Markdown: **bold**, *italic*, lists, links."),
    )
    tags = TagListField(label=_("Tags"))

    class Meta:
        model = KnowledgeEntry
        fields = ("kind", "title", "body")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout(
            "kind",
            "title",
            "body",
            "tags",
            Submit("save", _("Save") if self.instance.pk else _("Save the draft")),
        )


KIND_FILTER = (("", _("Any kind")), *KnowledgeKind.choices)


class KnowledgeFilterForm(forms.Form):
    """Filters of a knowledge page; an unknown value is dropped, not a 500 (SPEC §8)."""

    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=KIND_FILTER,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    cop = forms.ChoiceField(
        label=_("CoP"), required=False, widget=forms.Select(attrs={"class": "form-select"})
    )

    def __init__(self, *args, communities=None, **kwargs):
        super().__init__(*args, **kwargs)
        if communities is None:
            del self.fields["cop"]
        else:
            self.fields["cop"].choices = [
                ("", _("Every CoP")),
                *((str(c.pk), c.name) for c in communities),
            ]

    def filters(self) -> KnowledgeFilters:
        self.is_valid()
        data = self.cleaned_data
        cop = data.get("cop") or ""
        return KnowledgeFilters(kind=data.get("kind", ""), community=int(cop) if cop else None)

    def query(self) -> str:
        data = {name: value for name, value in self.data.items() if name != "page" and value}
        return urlencode(data)


class ShareIntoForm(forms.Form):
    """The CoP a broker shares into: the slug is checked by the service, which says why a CoP
    outside the program or one the broker is not a member of is refused."""

    target = forms.SlugField(label=_("Share into"), max_length=100)
    note = forms.CharField(
        label=_("Why it helps them (optional)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, targets=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].widget = forms.Select(
            choices=[("", _("Choose a CoP")), *((c.slug, c.name) for c in targets)]
        )
        self.helper = FormHelper()
        self.helper.layout = Layout("target", "note", Submit("share", _("Share")))
