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


# --- What follows a meeting (issue 12, step 2) ------------------------------------------------
# The weekly check-in's last occurrence that took place: who came, its minutes, and action items
# (two overdue, one done) that its next agenda reviews. Registered after the meetings seeder.
from communities.discussions.markdown import render_markdown  # noqa: E402
from meetings.models import (  # noqa: E402
    ActionItem,
    ActionStatus,
    Attendance,
    Goal,
    OccurrenceRecord,
)

FOLLOW_UP_SLUG = "recovery-leaders"
FOLLOW_UP_TITLE = "Leaders' weekly check-in"
DEMO_ATTENDANCE = {
    FACILITATOR: "present",
    "member@example.org": "present",
    "manager@example.org": "excused",
    "moderator@example.org": "absent",
}
DEMO_MINUTES = (
    "**Wins:** two new peer mentors started this week.\n\n"
    "**Decided:** the staffing question goes to the supervisors' case review.\n\n"
    "- Draft the on-call rota\n- Collect exit-interview themes"
)
# title → (owner email, days from today it is due, status, linked to the meeting)
DEMO_ACTION_ITEMS = {
    "Draft the on-call rota": ("member@example.org", -3, ActionStatus.OPEN, True),
    "Collect exit-interview themes": ("manager@example.org", -1, ActionStatus.IN_PROGRESS, True),
    "Share the supervision checklist": ("member@example.org", 6, ActionStatus.OPEN, False),
    "Book the training room": (FACILITATOR, -8, ActionStatus.DONE, True),
}


def seed_follow_up(data: DemoData) -> list[str]:
    community = data.communities[FOLLOW_UP_SLUG]
    meeting = Meeting.objects.get(community=community, title=FOLLOW_UP_TITLE)
    now, today = timezone.now(), timezone.localdate()
    began = [
        o
        for o in occurrences_between(meeting, now - dt.timedelta(days=60), now)
        if o.start <= now and not o.cancelled
    ]
    # A run on a later day moves the series; what an earlier run kept for it goes.
    Attendance.objects.filter(meeting=meeting).delete()
    OccurrenceRecord.objects.filter(meeting=meeting).delete()
    last = began[-1]
    facilitator = data.people[FACILITATOR]
    for email, status in DEMO_ATTENDANCE.items():
        Attendance.objects.create(
            meeting=meeting,
            occurrence_start=last.original_start,
            member=data.people[email],
            status=status,
            taken_by=facilitator,
        )
    OccurrenceRecord.objects.create(
        meeting=meeting,
        occurrence_start=last.original_start,
        minutes=DEMO_MINUTES,
        minutes_html=render_markdown(DEMO_MINUTES),
        updated_by=facilitator,
    )
    # The charter's first goal, when a seeder made one: the agenda's last item names it.
    goal = Goal.objects.filter(community=community).order_by("position").first()
    if goal is not None:
        meeting.agenda_items.filter(title="Next steps").update(goal=goal)
    for title, (email, due_in, status, of_meeting) in DEMO_ACTION_ITEMS.items():
        ActionItem.objects.update_or_create(
            community=community,
            title=title,
            defaults={
                "owner": data.people[email],
                "due_date": today + dt.timedelta(days=due_in),
                "status": status,
                "meeting": meeting if of_meeting else None,
                "occurrence_start": last.original_start if of_meeting else None,
                "goal": None if of_meeting else goal,
                "created_by": facilitator,
                "completed_at": now if status == ActionStatus.DONE else None,
            },
        )
    return [
        "Follow-up:",
        f"  {FOLLOW_UP_SLUG:<30} attendance and minutes of {last.start:%d %b}, "
        f"{len(DEMO_ACTION_ITEMS)} action items (2 overdue, 1 done)",
    ]
