"""Meetings' part of the demo (SPEC §10): recurring meetings in two CoPs, one occurrence
cancelled and one moved, and answers for the next one. Registered in `MeetingsConfig.ready()`;
people and CoPs come from communities' seeders, by email and slug.

Dates are set from today, so the demo always has meetings coming up; running it again the same
day changes nothing, and on a later day moves the series along."""

import datetime as dt

from django.utils import timezone

from cop_platform.demo import DemoData
from meetings.models import AgendaItem, Meeting, MeetingFormat, OccurrenceChange, Recurrence, Rsvp
from meetings.recurrence import occurrences_between
from meetings.services import drop_what_the_series_no_longer_has

FACILITATOR = "facilitator@example.org"

# slug → meetings; `weeks_ago` dates the first one, `answers` are (email, response) for the
# next occurrence.
DEMO_MEETINGS = {
    "recovery-leaders": [
        {
            "title": "Leaders' weekly check-in",
            "weeks_ago": 3,
            "start_time": dt.time(9),
            "duration": dt.timedelta(hours=1),
            "time_zone": "America/Chicago",
            "format": MeetingFormat.VIRTUAL,
            "join_url": "https://meet.example.org/recovery-leaders",
            "recurrence": Recurrence.WEEKLY,
            "repeat_count": 26,
            "agenda": ["Wins and worries", "Staffing question of the week", "Next steps"],
            "answers": [("member@example.org", "yes"), ("manager@example.org", "maybe")],
            "cancel_next": 2,
            "move_next": 3,
        },
    ],
    "peer-support-supervisors": [
        {
            "title": "Case review",
            "weeks_ago": 1,
            "start_time": dt.time(14, 30),
            "duration": dt.timedelta(minutes=90),
            "time_zone": "America/New_York",
            "format": MeetingFormat.IN_PERSON,
            "place": "Community room, 12 Main Street",
            "recurrence": Recurrence.MONTHLY_WEEKDAY,
            "repeat_count": None,
            "agenda": ["One case, presented by a member", "What we would try"],
            "answers": [("member@example.org", "no")],
        },
    ],
}


def _seed_meeting(community, author, spec: dict, today: dt.date) -> Meeting:
    fields = {
        "start_date": today - dt.timedelta(weeks=spec["weeks_ago"]),
        "start_time": spec["start_time"],
        "duration": spec["duration"],
        "time_zone": spec["time_zone"],
        "format": spec["format"],
        "place": spec.get("place", ""),
        "join_url": spec.get("join_url", ""),
        "recurrence": spec["recurrence"],
        "repeat_count": spec["repeat_count"],
        "repeat_until": None
        if spec["repeat_count"]
        else today + dt.timedelta(weeks=52 - spec["weeks_ago"]),
        "created_by": author,
    }
    meeting, _created = Meeting.objects.update_or_create(
        community=community, title=spec["title"], defaults=fields
    )
    # A run on another day moves the series: what yesterday's run changed goes.
    drop_what_the_series_no_longer_has(meeting=meeting)
    for position, title in enumerate(spec["agenda"]):
        AgendaItem.objects.update_or_create(
            meeting=meeting, position=position, defaults={"title": title}
        )
    return meeting


def _seed_changes_and_answers(meeting: Meeting, spec: dict, people: dict) -> None:
    now = timezone.now()
    coming = occurrences_between(meeting, now, now + dt.timedelta(days=120))
    if "cancel_next" in spec:
        OccurrenceChange.objects.update_or_create(
            meeting=meeting,
            original_start=coming[spec["cancel_next"]].original_start,
            defaults={"cancelled": True, "new_start": None, "new_end": None},
        )
    if "move_next" in spec:
        moved = coming[spec["move_next"]]
        later = moved.start + dt.timedelta(days=1, hours=2)
        OccurrenceChange.objects.update_or_create(
            meeting=meeting,
            original_start=moved.original_start,
            defaults={"new_start": later, "new_end": later + meeting.duration},
        )
    for email, response in spec["answers"]:
        Rsvp.objects.update_or_create(
            meeting=meeting,
            occurrence_start=coming[0].original_start,
            member=people[email],
            defaults={"response": response},
        )


def seed_meetings(data: DemoData) -> list[str]:
    today = timezone.localdate()
    lines = ["Meetings:"]
    for slug, specs in DEMO_MEETINGS.items():
        for spec in specs:
            meeting = _seed_meeting(data.communities[slug], data.people[FACILITATOR], spec, today)
            _seed_changes_and_answers(meeting, spec, data.people)
            lines.append(f"  {slug:<30} {meeting.title} ({meeting.get_recurrence_display()})")
    return lines
