"""Meetings' part of the demo (SPEC §10): recurring meetings in two CoPs, one occurrence
cancelled and one moved, and answers for the next one; a convening of the program's CoP leaders
with an answer. Registered in `MeetingsConfig.ready()`;
people and CoPs come from communities' seeders, by email and slug.

Dates are set from today, so the demo always has meetings coming up; running it again the same
day changes nothing, and on a later day moves the series along."""

import datetime as dt

from django.utils import timezone

from communities.discussions.markdown import render_markdown
from cop_platform.demo import DemoData
from meetings.models import (
    CHARTER_STEPS,
    ActionItem,
    ActionStatus,
    AgendaItem,
    Attendance,
    Charter,
    CharterRole,
    Convening,
    ConveningRsvp,
    Goal,
    GoalNote,
    Meeting,
    MeetingFormat,
    OccurrenceChange,
    OccurrenceRecord,
    Recurrence,
    Rsvp,
)
from meetings.recurrence import occurrences_between
from meetings.reminders import sync_reminders
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
            sync_reminders(meeting=meeting)
            lines.append(f"  {slug:<30} {meeting.title} ({meeting.get_recurrence_display()})")
    return lines


# --- The charter (issue 12, step 2): a published charter for the weekly check-in's CoP, three
# goals (one in progress, with a progress note) and two roles. Run again, it changes nothing.
CHARTER_COP = "recovery-leaders"
DEMO_CHARTER = {
    "potential": (
        "Directors who each face staffing, funding and quality questions alone can, together, "
        "find answers faster and carry them back to their organisations."
    ),
    "formats": ["check_ins", "problem_solving"],
    "format_description": (
        "A weekly check-in on wins and worries; once a month one member brings a current "
        "challenge and the group works it through."
    ),
    "meeting_frequency": "Weekly",
    "meeting_length": "One hour",
    "meeting_format": MeetingFormat.VIRTUAL,
    "schedule": "Tuesdays at 09:00 Chicago time, by video.",
    "meeting_structure": "Wins and worries (15 min), the question of the week (35 min), "
    "next steps (10 min).",
    "commitment": "Come to three meetings in four, and bring one question a quarter.",
    "resources": "Notes and templates live in the CoP's toolkit; minutes follow each meeting.",
}
DEMO_GOALS = [
    ("Cut first-year staff turnover", "Members' HR figures, compared each quarter", "in_progress"),
    ("Share one supervision template", "A template in the toolkit used by three members", ""),
    ("Bring a funder to a meeting", "One funder joins a meeting by year end", ""),
]
DEMO_ROLES = [("Note taker", "member@example.org"), ("Timekeeper", None)]


def seed_charter(data: DemoData) -> list[str]:
    community = data.communities[CHARTER_COP]
    author = data.people[FACILITATOR]
    charter, _created = Charter.objects.update_or_create(
        community=community,
        defaults={**DEMO_CHARTER, "step_reached": CHARTER_STEPS, "updated_by": author},
    )
    if charter.published_at is None:
        charter.published_at = timezone.now()
        charter.save(update_fields=["published_at"])
    for position, (title, measure, status) in enumerate(DEMO_GOALS, start=1):
        goal, _created = Goal.objects.update_or_create(
            community=community,
            position=position,
            defaults={"title": title, "success_measure": measure, "created_by": author},
        )
        if status:
            Goal.objects.filter(pk=goal.pk).update(status=status)
            GoalNote.objects.get_or_create(
                goal=goal,
                body="Two members started exit interviews; first figures next month.",
                defaults={"dated": timezone.localdate() - dt.timedelta(days=7), "author": author},
            )
    for position, (name, email) in enumerate(DEMO_ROLES, start=1):
        CharterRole.objects.update_or_create(
            charter=charter,
            position=position,
            defaults={"name": name, "holder": data.people[email] if email else None},
        )
    return [f"Charter:\n  {CHARTER_COP:<30} published, {len(DEMO_GOALS)} goals"]


# --- What follows a meeting (issue 12, step 2) ------------------------------------------------
# The weekly check-in's last occurrence that took place: who came, its minutes, and action items
# (two overdue, one done) that its next agenda reviews. Registered after the meetings seeder.

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


# --- A convening (issue 12, step 3): the program's TTA leader calls its CoPs' facilitators
# together in ten days; the facilitator has answered, the leader has not. Written directly, as
# the meetings above are: a demo run emails nobody. Run again, it moves along with today.
CONVENING_LEADER = "leader@example.org"
DEMO_CONVENING = {
    "title": "Quarterly convening of CoP leaders",
    "agenda": "What each CoP learned this quarter\nWhat would help from the TTA team\nNext quarter",
    "start_time": dt.time(13),
    "duration": dt.timedelta(minutes=90),
    "time_zone": "America/New_York",
    "format": MeetingFormat.VIRTUAL,
    "join_url": "https://meet.example.org/cop-leaders",
}
CONVENING_ANSWERS = [(FACILITATOR, "yes")]


def seed_convening(data: DemoData) -> list[str]:
    program = data.communities[CHARTER_COP].program
    convening, _created = Convening.objects.update_or_create(
        program=program,
        title=DEMO_CONVENING["title"],
        defaults={
            **DEMO_CONVENING,
            "start_date": timezone.localdate() + dt.timedelta(days=10),
            "created_by": data.people[CONVENING_LEADER],
        },
    )
    for email, response in CONVENING_ANSWERS:
        ConveningRsvp.objects.update_or_create(
            convening=convening, member=data.people[email], defaults={"response": response}
        )
    return ["Convening:", f"  {program.slug:<30} {convening.title} ({convening.start_date:%d %b})"]
