"""The .ics a meeting email carries (iTIP, RFC 5546): `METHOD:REQUEST` with the series, or with
one moved occurrence (RECURRENCE-ID); `METHOD:CANCEL` for one cancelled occurrence. The events
are the feed's own (`meetings/ics.py`): the same UID and SEQUENCE, so a calendar app that holds
the meeting from an email or the feed updates it in place.

A program convening's emails carry the same, as the feed writes the convening.

The calendar is built once per event; each reader's copy only adds them as ATTENDEE."""

import datetime as dt
from email.utils import parseaddr

from django.conf import settings
from icalendar import Calendar, Event, vCalAddress
from icalendar.parser import Contentline, Parameters

from communities.notifications.outbox import Attachment
from meetings.ics import convening_event, events_of, uid_of
from meetings.models import Convening, Meeting

REQUEST = "REQUEST"
CANCEL = "CANCEL"
FILENAME = "invite.ics"


def series_request(meeting: Meeting, *, base_url: str) -> bytes:
    """The whole series: its rule, EXDATEs for cancelled occurrences, each moved one."""
    return _calendar(meeting.community.name, REQUEST, events_of(meeting, base_url=base_url))


def moved_request(meeting: Meeting, original_start: dt.datetime, *, base_url: str) -> bytes:
    """The one moved occurrence, as the feed writes its override."""
    wanted = original_start.astimezone(meeting.zone)
    events = [
        event
        for event in events_of(meeting, base_url=base_url)
        if "RECURRENCE-ID" in event and event.decoded("RECURRENCE-ID") == wanted
    ]
    return _calendar(meeting.community.name, REQUEST, events)


def occurrence_cancel(meeting: Meeting, original_start: dt.datetime) -> bytes:
    original = original_start.astimezone(meeting.zone)
    event = Event()
    event.add("uid", uid_of(meeting))
    event.add("dtstamp", meeting.updated_at.astimezone(dt.UTC))
    event.add("dtstart", original)
    event.add("dtend", original + meeting.duration)
    event.add("recurrence-id", original)
    event.add("summary", meeting.title)
    event.add("sequence", meeting.sequence)
    event.add("status", "CANCELLED")
    return _calendar(meeting.community.name, CANCEL, [event])


def convening_request(convening: Convening, *, base_url: str) -> bytes:
    """A program convening as the feed writes it (one event, its UID and SEQUENCE)."""
    event = convening_event(convening, base_url=base_url)
    return _calendar(convening.program.name, REQUEST, [event])


def convening_cancel(convening: Convening, *, base_url: str) -> bytes:
    """The same event, CANCELLED, under a SEQUENCE the cancellation made grow."""
    event = convening_event(convening, base_url=base_url)
    return _calendar(convening.program.name, CANCEL, [event])


def _calendar(organizer_name: str, method: str, events: list[Event]) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//CoP Platform//meetings//EN")
    calendar.add("version", "2.0")
    calendar.add("method", method)
    organizer = vCalAddress(f"mailto:{_from_address()}")
    organizer.params["cn"] = organizer_name
    for event in events:
        event.add("organizer", organizer)
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def _from_address() -> str:
    return parseaddr(settings.DEFAULT_FROM_EMAIL)[1]


def for_reader(calendar: bytes, *, email: str, name: str, method: str) -> Attachment:
    """The calendar with the reader as ATTENDEE of each event (iTIP wants one): they answer in
    the app, so RSVP is FALSE and a calendar app sends no reply to the sender's address."""
    line = Contentline.from_parts(
        "ATTENDEE",
        # A parameter value cannot hold a double quote (RFC 5545 §3.1), nor a line break.
        Parameters(
            {
                "CN": " ".join(name.replace('"', "'").split()),
                "PARTSTAT": "NEEDS-ACTION",
                "RSVP": "FALSE",
            }
        ),
        f"mailto:{email}",
    ).to_ical()
    content = calendar.replace(b"\r\nEND:VEVENT\r\n", b"\r\n" + line + b"\r\nEND:VEVENT\r\n")
    return Attachment(FILENAME, f"text/calendar; method={method}; charset=utf-8", content)
