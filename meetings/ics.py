"""iCalendar feeds: each series as one VEVENT with its RRULE, EXDATEs for cancelled
occurrences and a RECURRENCE-ID override for each moved one, in the series' own zone (TZID,
with the VTIMEZONE definitions calendar apps need to read it)."""

import datetime as dt
from collections.abc import Iterable

from icalendar import Calendar, Event, vRecur

from communities.site import site_domain
from meetings.models import Convening, Meeting, MeetingFormat, Recurrence
from meetings.recurrence import last_day, nth_weekday_of

DAY_NAMES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def uid_of(meeting: Meeting) -> str:
    # Stable for the series' life: calendar apps match updates by it.
    return f"meeting-{meeting.pk}@{site_domain()}"


def rrule_of(meeting: Meeting) -> vRecur | None:
    """The same rule as `recurrence.rule_of`, in RFC 5545's words."""
    if not meeting.is_recurring:
        return None
    start = meeting.first_start
    rule = vRecur(FREQ="WEEKLY" if meeting.recurrence in {"weekly", "biweekly"} else "MONTHLY")
    if meeting.recurrence == Recurrence.BIWEEKLY:
        rule["INTERVAL"] = 2
    if meeting.recurrence == Recurrence.MONTHLY_DATE:
        rule["BYMONTHDAY"] = start.day
    elif meeting.recurrence == Recurrence.MONTHLY_WEEKDAY:
        day = nth_weekday_of(start.date())
        rule["BYDAY"] = f"{day.n}{DAY_NAMES[day.weekday]}"
    else:
        rule["BYDAY"] = DAY_NAMES[start.weekday()]
    if meeting.repeat_count:
        rule["COUNT"] = meeting.repeat_count
    else:
        # With a zoned DTSTART, RFC 5545 wants UNTIL in UTC: the end of the last local day.
        until = dt.datetime.combine(last_day(meeting), dt.time.max, tzinfo=meeting.zone)
        rule["UNTIL"] = until.astimezone(dt.UTC).replace(microsecond=0)
    return rule


def _base_event(meeting: Meeting, start: dt.datetime, end: dt.datetime, url: str) -> Event:
    event = Event()
    event.add("uid", uid_of(meeting))
    event.add("dtstamp", meeting.updated_at.astimezone(dt.UTC))
    # Local times with their zone (TZID), so the calendar app repeats the wall time too.
    event.add("dtstart", start.astimezone(meeting.zone))
    event.add("dtend", end.astimezone(meeting.zone))
    event.add("summary", meeting.title)
    event.add("sequence", meeting.sequence)
    event.add("url", url)
    location = meeting.join_url if meeting.format == MeetingFormat.VIRTUAL else meeting.place
    if location:
        event.add("location", location)
    agenda = [f"{n}. {item.title}" for n, item in enumerate(meeting.agenda_items.all(), 1)]
    description = "\n\n".join(
        part for part in (meeting.description, "\n".join(agenda), meeting.join_url) if part
    )
    if description:
        event.add("description", description)
    return event


def events_of(meeting: Meeting, *, base_url: str) -> list[Event]:
    url = base_url + meeting.get_absolute_url()
    first = meeting.first_start
    main = _base_event(meeting, first, first + meeting.duration, url)
    rule = rrule_of(meeting)
    if rule is not None:
        main.add("rrule", rule)
    overrides = []
    for change in meeting.changes.all():
        original = change.original_start.astimezone(meeting.zone)
        if change.cancelled:
            main.add("exdate", original)
            continue
        override = _base_event(meeting, change.new_start, change.new_end, url)
        override.add("recurrence-id", original)
        overrides.append(override)
    return [main, *overrides]


def convening_event(convening: Convening, *, base_url: str) -> Event:
    """A program convening: one event, never repeating (convenings have no series yet)."""
    event = Event()
    event.add("uid", f"convening-{convening.pk}@{site_domain()}")
    event.add("dtstamp", convening.updated_at.astimezone(dt.UTC))
    event.add("dtstart", convening.starts_at)
    event.add("dtend", convening.ends_at)
    event.add("summary", convening.title)
    event.add("sequence", convening.sequence)
    event.add("url", base_url + convening.get_absolute_url())
    location = convening.join_url if convening.format == MeetingFormat.VIRTUAL else convening.place
    if location:
        event.add("location", location)
    description = "\n\n".join(part for part in (convening.agenda, convening.join_url) if part)
    if description:
        event.add("description", description)
    if convening.cancelled:
        # Feeds keep a cancelled convening, so a subscribed calendar drops it too.
        event.add("status", "CANCELLED")
    return event


def calendar_of(
    meetings: Iterable[Meeting],
    *,
    name: str,
    base_url: str,
    convenings: Iterable[Convening] = (),
) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//CoP Platform//meetings//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    for meeting in meetings:
        for event in events_of(meeting, base_url=base_url):
            calendar.add_component(event)
    for convening in convenings:
        calendar.add_component(convening_event(convening, base_url=base_url))
    calendar.add_missing_timezones()
    return calendar.to_ical()
