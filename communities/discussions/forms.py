from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout, Submit
from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from communities.discussions.attachments import too_many_message
from communities.discussions.models import MAX_BODY, AnswerVisibility, ThreadKind
from communities.discussions.services import MODERATION_ACTIONS
from cop_platform.uploads import MultipleUploadField, allowed_types_text

BODY_HELP = _(
    "Markdown: **bold**, *italic*, [links](https://example.org), lists, `code`. "
    "Mention someone with @handle."
)


POSTING_NOTE = _("Files are attached when you post (a preview does not keep them).")


def attachments_field(note=POSTING_NOTE) -> MultipleUploadField:
    """A post's files, checked by the shared upload rules (cop_platform/uploads.py)."""
    most = settings.UPLOAD_MAX_FILES_PER_POST
    return MultipleUploadField(
        label=_("Attach files (optional)"),
        max_files=most,
        help_text=_("Up to %(count)d files, each at most %(size)d MB: %(types)s. %(note)s")
        % {
            "note": note,
            "count": most,
            "size": settings.UPLOAD_MAX_BYTES // (1024 * 1024),
            "types": allowed_types_text(),
        },
    )


class SecondarySubmit(Submit):
    # crispy's Submit always carries btn-primary; an added outline class left its blue
    # background under grey text (WCAG colour contrast, found by axe in the journeys).
    field_classes = "btn btn-outline-secondary"


class ThreadForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=ThreadKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(
        label=_("Text"),
        max_length=MAX_BODY,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=BODY_HELP,
    )
    announcement_until = forms.DateTimeField(
        label=_("Keep an announcement on top until (optional)"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )

    def __init__(self, *args, may_announce: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attachments"] = attachments_field()
        if not may_announce:
            self.fields["kind"].choices = [
                choice for choice in ThreadKind.choices if choice[0] != ThreadKind.ANNOUNCEMENT
            ]
            del self.fields["announcement_until"]
        self.helper = FormHelper()
        self.helper.layout = Layout(
            *self.fields,
            SecondarySubmit("preview", _("Preview")),
            Submit("post", _("Post")),
        )


class EditForm(forms.Form):
    """A thread's or a reply's words, and its files: those ticked are removed and those chosen
    are added when the changes are saved, the total still within the limit of a new post."""

    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    body = forms.CharField(
        label=_("Text"),
        max_length=MAX_BODY,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=BODY_HELP,
    )

    def __init__(self, *args, with_title: bool, current=(), **kwargs):
        super().__init__(*args, **kwargs)
        if not with_title:
            del self.fields["title"]
        else:
            self.fields["title"].required = True
        self.current = list(current)
        if self.current:
            self.fields["remove"] = forms.TypedMultipleChoiceField(
                label=_("Current files"),
                required=False,
                coerce=int,
                # Each box is labelled with its file, so "Remove" is never heard without it.
                choices=[
                    (item.pk, _("Remove %(name)s") % {"name": item.name}) for item in self.current
                ],
                widget=forms.CheckboxSelectMultiple,
                help_text=_("Ticked files are removed when you save."),
            )
        self.fields["attachments"] = attachments_field(
            _("Files are added when you save; the post keeps at most that many in all.")
        )
        self.helper = FormHelper()
        self.helper.layout = Layout(*self.fields, Submit("save", _("Save changes")))

    def clean(self):
        cleaned = super().clean()
        kept = len(self.current) - len(set(cleaned.get("remove") or ()))
        added = len(cleaned.get("attachments") or [])
        if "attachments" in cleaned and kept + added > settings.UPLOAD_MAX_FILES_PER_POST:
            self.add_error("attachments", too_many_message(settings.UPLOAD_MAX_FILES_PER_POST))
        return cleaned


class ReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Your reply"),
        max_length=MAX_BODY,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=BODY_HELP,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attachments"] = attachments_field()


class ModerationForm(forms.Form):
    action = forms.ChoiceField(choices=[(action, action) for action in MODERATION_ACTIONS])
    reason = forms.CharField(required=False, max_length=300)


class ReportForm(forms.Form):
    reason = forms.CharField(
        label=_("What is wrong with this reply?"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout("reason", Submit("report", _("Send to the moderators")))


class ResolveForm(forms.Form):
    decision = forms.ChoiceField(choices=(("hide", _("Hide")), ("dismiss", _("Dismiss"))))


MAX_CHOICES = 10


class PingForm(forms.Form):
    question = forms.CharField(label=_("Question"), max_length=300)
    choices = forms.CharField(
        label=_("Choices (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One per line. Leave empty to let members answer in their own words."),
    )
    closes_at = forms.DateTimeField(
        label=_("Answers close"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    answers_visible_to = forms.ChoiceField(
        label=_("Who sees the answers"),
        choices=AnswerVisibility.choices,
        widget=forms.RadioSelect,
        initial=AnswerVisibility.ALL,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout(*self.fields, Submit("send", _("Send the ping")))

    def clean_choices(self) -> list[str]:
        choices: list[str] = []
        for line in self.cleaned_data["choices"].splitlines():
            choice = line.strip()
            if choice and choice not in choices:
                choices.append(choice)
        if len(choices) == 1:
            raise forms.ValidationError(_("Give at least two choices, or none."))
        if len(choices) > MAX_CHOICES:
            raise forms.ValidationError(
                _("Give at most %(max)d choices."), params={"max": MAX_CHOICES}
            )
        if any(len(choice) > 100 for choice in choices):
            raise forms.ValidationError(_("Keep each choice under 100 characters."))
        return choices

    def clean_closes_at(self):
        closes_at = self.cleaned_data["closes_at"]
        if closes_at <= timezone.now():
            raise forms.ValidationError(_("Choose a time in the future."))
        return closes_at


class PingAnswerForm(forms.Form):
    def __init__(self, *args, ping, **kwargs):
        super().__init__(*args, **kwargs)
        if ping.choices:
            self.fields["choice"] = forms.ChoiceField(
                label=ping.question,
                choices=[(choice, choice) for choice in ping.choices],
                widget=forms.RadioSelect,
            )
        else:
            self.fields["text"] = forms.CharField(
                label=ping.question, max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
            )
        self.helper = FormHelper()
        self.helper.layout = Layout(*self.fields, Submit("answer", _("Send my answer")))


class EmailedAnswerForm(forms.Form):
    """The page an emailed answer link opens: a choice link's answer is fixed by its signed
    token, so the form is only its Send button (a posted "choice" is never read); a free-text
    ping's link asks for the words."""

    def __init__(self, *args, ping, **kwargs):
        super().__init__(*args, **kwargs)
        if not ping.choices:
            self.fields["text"] = forms.CharField(
                label=_("Your answer"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
            )
        self.helper = FormHelper()
        self.helper.layout = Layout(*self.fields, Submit("send", _("Send")))
