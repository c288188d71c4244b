"""Program convenings (issue 12, step 3): the form, the writes (schedule, change, cancel,
answer), and which programs invite a person.

Invitees are the program's TTA leaders and the facilitators of every CoP in the program, asked
at read time, so a facilitator who steps down stops seeing the program's convenings. Each write
that a calendar app must notice grows SEQUENCE and emails the invitees (`convening_mail`)."""

from typing import ClassVar

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout, Submit
from django import forms
from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from communities.models import Program, Role, User
from meetings.convening_mail import record_convening_mail
from meetings.forms import NEEDS_LINK, NEEDS_PLACE, local_span, zone_choices
from meetings.models import Convening, ConveningMailEvent, ConveningRsvp, RsvpResponse

FIELDS = ("title", "agenda", "start_date", "start_time", "time_zone", "format", "place", "join_url")


class ConveningForm(forms.ModelForm):
    end_time = forms.TimeField(label=_("End time"), widget=forms.TimeInput(attrs={"type": "time"}))

    class Meta:
        model = Convening
        fields = FIELDS
        widgets: ClassVar = {
            "start_date": forms.DateInput(attrs={"type": "date"}),
            "start_time": forms.TimeInput(attrs={"type": "time"}),
            "agenda": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, viewer_zone: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["time_zone"] = forms.ChoiceField(label=_("Time zone"), choices=zone_choices)
        if self.instance.pk:
            self.initial["end_time"] = self.instance.ends_at.time()
        else:
            self.initial.setdefault("time_zone", viewer_zone)
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Fieldset(_("What"), "title", "agenda"),
            Fieldset(_("When"), "start_date", "start_time", "end_time", "time_zone"),
            Fieldset(_("Where"), "format", "place", "join_url"),
            Submit("save", _("Save convening")),
        )

    def clean(self):
        data = super().clean()
        day, start, end = data.get("start_date"), data.get("start_time"), data.get("end_time")
        if day and start and end and data.get("time_zone"):
            begins, ends = local_span(day, start, end, data["time_zone"])
            if ends is None:
                self.add_error("end_time", _("The end must be after the start."))
            else:
                data["duration"] = ends - begins
        if data.get("format") in NEEDS_LINK and not data.get("join_url"):
            self.add_error("join_url", _("A virtual or hybrid meeting needs a join link."))
        if data.get("format") in NEEDS_PLACE and not data.get("place"):
            self.add_error("place", _("An in-person or hybrid meeting needs a place."))
        return data


class ConveningCancelledError(Exception):
    """A change or an answer for a convening that no longer takes place."""


class ConveningOverError(Exception):
    """An answer for a convening that has ended."""


@transaction.atomic
def schedule_convening(*, actor: User, program: Program, **fields) -> Convening:
    values = {name: fields[name] for name in (*FIELDS, "duration")}
    convening = Convening.objects.create(program=program, created_by=actor, **values)
    record_convening_mail(actor=actor, convening=convening, event=ConveningMailEvent.SCHEDULED)
    return convening


@transaction.atomic
def update_convening(*, actor: User, convening: Convening, **fields) -> Convening:
    """A real change grows SEQUENCE and emails the invitees; a save with nothing changed writes
    nothing, so nobody gets a "Convening changed" for it."""
    # Compared with the stored row, not `convening`: a bound ModelForm has already written the
    # new values onto its instance. Locked, so a cancel and an edit take turns.
    stored = Convening.objects.select_for_update().get(pk=convening.pk)
    if stored.cancelled:
        raise ConveningCancelledError
    names = [*FIELDS, "duration"]
    if all(getattr(stored, name) == fields[name] for name in names):
        return stored
    for name in names:
        setattr(stored, name, fields[name])
    # Calendar apps replace what they hold only when SEQUENCE grows.
    stored.sequence = F("sequence") + 1
    stored.save(update_fields=[*names, "sequence", "updated_at"])
    stored.refresh_from_db()
    record_convening_mail(actor=actor, convening=stored, event=ConveningMailEvent.UPDATED)
    return stored


@transaction.atomic
def cancel_convening(*, actor: User, convening: Convening) -> Convening:
    """Kept and marked, not deleted: the invitees get a CANCEL their calendar apps apply, and
    the feeds carry it as CANCELLED. Cancelling twice tells nobody twice."""
    locked = Convening.objects.select_for_update().get(pk=convening.pk)
    if locked.cancelled:
        return locked
    locked.cancelled_at = timezone.now()
    locked.sequence = F("sequence") + 1
    locked.save(update_fields=["cancelled_at", "sequence", "updated_at"])
    locked.refresh_from_db()
    record_convening_mail(actor=actor, convening=locked, event=ConveningMailEvent.CANCELLED)
    return locked


@transaction.atomic
def record_convening_rsvp(*, actor: User, convening: Convening, response: str) -> ConveningRsvp:
    """The caller found the convening among those `actor` is invited to."""
    if convening.cancelled:
        raise ConveningCancelledError
    if convening.ends_at <= timezone.now():
        raise ConveningOverError
    rsvp, _created = ConveningRsvp.objects.update_or_create(
        convening=convening, member=actor, defaults={"response": RsvpResponse(response)}
    )
    return rsvp


def invited_program_ids(user) -> QuerySet:
    """Programs whose convenings this person is invited to."""
    if not user.is_authenticated:
        return Program.objects.none().values("pk")
    return (
        Program.objects.filter(
            Q(leaders=user)
            | Q(
                communities__memberships__user=user,
                communities__memberships__roles__role=Role.FACILITATOR,
            )
        )
        .values("pk")
        .distinct()
    )


def convenings_visible_to(user) -> QuerySet[Convening]:
    return Convening.objects.filter(program__in=invited_program_ids(user)).select_related("program")
