"""The meeting form and the per-occurrence forms; each explains what it refuses."""

import datetime as dt
import zoneinfo
from typing import ClassVar

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout, Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from meetings.models import Meeting, MeetingFormat, Recurrence, RsvpResponse
from meetings.recurrence import OPEN_ENDED

MAX_AGENDA_ITEMS = 30
MAX_COUNT = 200
NEEDS_LINK = {MeetingFormat.VIRTUAL, MeetingFormat.HYBRID}
NEEDS_PLACE = {MeetingFormat.IN_PERSON, MeetingFormat.HYBRID}


def zone_choices() -> list[tuple[str, str]]:
    zones = sorted(zoneinfo.available_timezones() - {"localtime", "Factory"})
    return [(zone, zone.replace("_", " ")) for zone in zones]


def local_span(day: dt.date, start: dt.time, end: dt.time, zone: str):
    """Start and end on `day` in `zone`, aware; None for the end when it is not after the start."""
    tz = zoneinfo.ZoneInfo(zone)
    begins = dt.datetime.combine(day, start, tzinfo=tz)
    ends = dt.datetime.combine(day, end, tzinfo=tz)
    return begins, (ends if ends > begins else None)


class MeetingForm(forms.ModelForm):
    end_time = forms.TimeField(label=_("End time"), widget=forms.TimeInput(attrs={"type": "time"}))
    agenda = forms.CharField(
        label=_("Agenda"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("One item per line, in the order you will take them."),
    )

    class Meta:
        model = Meeting
        fields = (
            "title",
            "description",
            "start_date",
            "start_time",
            "time_zone",
            "format",
            "place",
            "join_url",
            "recurrence",
            "repeat_until",
            "repeat_count",
        )
        widgets: ClassVar = {
            "start_date": forms.DateInput(attrs={"type": "date"}),
            "start_time": forms.TimeInput(attrs={"type": "time"}),
            "repeat_until": forms.DateInput(attrs={"type": "date"}),
            "description": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts: ClassVar = {
            "time_zone": _("Times repeat at this clock time in this zone, across daylight saving."),
            "join_url": _("Needed for a virtual or hybrid meeting."),
            "place": _("Needed for an in-person or hybrid meeting."),
            "repeat_count": _("Either a number of meetings or an end date, not both."),
            "repeat_until": _("With neither, a repeating meeting ends after two years."),
            "recurrence": _(
                "Monthly on the 29th to 31st skips months without that day; the weekday rule "
                "(e.g. last Friday) never does."
            ),
        }

    def __init__(self, *args, viewer_zone: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["time_zone"] = forms.ChoiceField(
            label=_("Time zone"),
            choices=zone_choices,
            help_text=self.Meta.help_texts["time_zone"],
        )
        self.fields["repeat_count"].widget.attrs.update({"min": 2, "max": MAX_COUNT})
        if self.instance.pk:
            self.initial["end_time"] = self.instance.end_time
            self.initial["agenda"] = "\n".join(i.title for i in self.instance.agenda_items.all())
        else:
            self.initial.setdefault("time_zone", viewer_zone)
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Fieldset(_("What"), "title", "description", "agenda"),
            Fieldset(_("When"), "start_date", "start_time", "end_time", "time_zone"),
            Fieldset(_("Where"), "format", "place", "join_url"),
            Fieldset(_("Repeats"), "recurrence", "repeat_count", "repeat_until"),
            Submit("save", _("Save meeting")),
        )

    def clean_agenda(self) -> list[str]:
        lines = [line.strip() for line in self.cleaned_data["agenda"].splitlines()]
        items = [line[:300] for line in lines if line]
        if len(items) > MAX_AGENDA_ITEMS:
            raise forms.ValidationError(
                _("An agenda holds at most %(n)d items."), params={"n": MAX_AGENDA_ITEMS}
            )
        return items

    def clean(self):
        data = super().clean()
        self._check_times(data)
        self._check_place(data)
        self._check_repeats(data)
        return data

    def _check_times(self, data) -> None:
        day, start, end = data.get("start_date"), data.get("start_time"), data.get("end_time")
        if day and start and end and data.get("time_zone"):
            begins, ends = local_span(day, start, end, data["time_zone"])
            if ends is None:
                self.add_error("end_time", _("The end must be after the start."))
            else:
                data["duration"] = ends - begins

    def _check_place(self, data) -> None:
        meeting_format = data.get("format")
        if meeting_format in NEEDS_LINK and not data.get("join_url"):
            self.add_error("join_url", _("A virtual or hybrid meeting needs a join link."))
        if meeting_format in NEEDS_PLACE and not data.get("place"):
            self.add_error("place", _("An in-person or hybrid meeting needs a place."))

    def _check_repeats(self, data) -> None:
        if data.get("recurrence", Recurrence.NONE) == Recurrence.NONE:
            data["repeat_until"] = data["repeat_count"] = None
            return
        until, count = data.get("repeat_until"), data.get("repeat_count")
        if until and count:
            message = _("Give a number of meetings or an end date, not both.")
            self.add_error("repeat_count", message)
        elif count is not None and not 2 <= count <= MAX_COUNT:
            self.add_error(
                "repeat_count",
                _("A series has between 2 and %(n)d meetings.") % {"n": MAX_COUNT},
            )
        elif until and data.get("start_date") and until < data["start_date"]:
            self.add_error("repeat_until", _("The series cannot end before it starts."))
        elif not until and not count and data.get("start_date"):
            data["repeat_until"] = data["start_date"] + OPEN_ENDED

    def series_fields(self) -> dict:
        data = self.cleaned_data
        fields = {name: data[name] for name in self.Meta.fields}
        return {**fields, "duration": data["duration"], "agenda": data["agenda"]}


class MoveOccurrenceForm(forms.Form):
    date = forms.DateField(label=_("New date"), widget=forms.DateInput(attrs={"type": "date"}))
    start_time = forms.TimeField(
        label=_("New start time"), widget=forms.TimeInput(attrs={"type": "time"})
    )
    end_time = forms.TimeField(
        label=_("New end time"), widget=forms.TimeInput(attrs={"type": "time"})
    )

    def __init__(self, *args, zone: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.zone = zone
        for name in ("start_time", "end_time"):
            self.fields[name].help_text = _("In %(zone)s, the meeting's own zone.") % {"zone": zone}
        self.helper = FormHelper()
        self.helper.layout = Layout(
            "date", "start_time", "end_time", Submit("move", _("Move this meeting"))
        )

    def clean(self):
        data = super().clean()
        if all(data.get(name) for name in ("date", "start_time", "end_time")):
            begins, ends = local_span(data["date"], data["start_time"], data["end_time"], self.zone)
            if ends is None:
                self.add_error("end_time", _("The end must be after the start."))
            else:
                data["start"], data["end"] = begins.astimezone(dt.UTC), ends.astimezone(dt.UTC)
        return data


class RsvpForm(forms.Form):
    response = forms.ChoiceField(label=_("Will you come?"), choices=RsvpResponse.choices)
