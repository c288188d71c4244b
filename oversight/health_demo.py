"""Health flags' part of the demo (SPEC §10, issue 14): the demo program's dashboard shows a CoP
at risk, one on watch and one healthy, each for reasons a person can check on the CoP's pages.

The seeders before this one already give two flags: Family Engagement's last check-in said at
risk, Recovery Leaders' said it needs support. This one adds the CoPs' own data that the other
rules read, never the health rows themselves:

- Peer Support Supervisors stays healthy: its case review was well attended.
- Data-Informed Practice is on watch: its first question has waited weeks for a reply, and few
  came to its getting-started meetings.
- Family Engagement, at risk already, has let four tasks of its final guide run overdue.
- Rural Outreach is at risk: its last discussion was six weeks ago, and nothing since (and the
  check-in demo's last check-in with it was nine weeks ago, more than a cadence late).

Then it computes every CoP's figures, so the dashboards show them as soon as `make run` serves.
Registered last in `OversightConfig.ready()`. Dates are set from today: running it again the
same day changes nothing, and on a later day keeps the same picture."""

import datetime as dt

from django.utils import timezone

from communities.discussions.markdown import render_markdown
from communities.models import Community, Post, Thread, ThreadFollow, ThreadKind
from cop_platform.demo import DemoData
from meetings.models import ActionItem, ActionStatus, Attendance, Meeting, MeetingFormat, Recurrence
from meetings.recurrence import occurrences_between
from meetings.reminders import sync_reminders
from oversight.figures import refresh_health
from oversight.health import reasons_in_words
from oversight.models import CommunityHealth

PROGRAM_SLUG = "2024-cop-series"
FACILITATOR = "facilitator@example.org"

# Meetings held in the last 90 days and who came: slug → (meeting title, {email: status}).
# The same marks at each occurrence that has taken place.
DEMO_ATTENDANCE = {
    # Three of four came to the case review (75 %): the healthy CoP's figure.
    "peer-support-supervisors": (
        "Case review",
        {
            FACILITATOR: "present",
            "moderator@example.org": "present",
            "manager@example.org": "present",
            "member@example.org": "absent",
        },
    ),
    # One of three at each getting-started meeting (33 %): under the 50 % the rule asks.
    "data-informed-practice": (
        "Getting started: the questions we want to answer",
        {
            FACILITATOR: "present",
            "analyst@example.org": "absent",
            "member@example.org": "absent",
        },
    ),
}
# The forming CoP's monthly meeting, which no other seeder makes; it began ten weeks ago.
NEW_MEETING = {
    "community": "data-informed-practice",
    "title": "Getting started: the questions we want to answer",
    "weeks_ago": 10,
    "start_time": dt.time(11),
    "duration": dt.timedelta(hours=1),
    "time_zone": "America/Denver",
    "format": MeetingFormat.VIRTUAL,
    "join_url": "https://meet.example.org/data-informed-practice",
    "recurrence": Recurrence.MONTHLY_WEEKDAY,
    "repeat_count": 6,
}

# Threads: slug → (author email, kind, title, days ago, body, replies as (email, body)).
DEMO_THREADS = {
    # A question with no reply, older than the 14 days the rule waits.
    "data-informed-practice": [
        (
            "analyst@example.org",
            ThreadKind.QUESTION,
            "Which outcome measures does your program already collect?",
            18,
            "Before we pick measures together, it would help to know what each program "
            "already collects. We record **PHQ-9 at intake and at 90 days**, and housing "
            "status at discharge. What do you collect, and does anyone use it in team "
            "meetings?",
            [],
        ),
    ],
    # The sustaining CoP's last discussion, six weeks ago: nothing has happened since.
    "rural-outreach": [
        (
            "broker@example.org",
            ThreadKind.GENERAL,
            "Toolkit refresh: what changed in telehealth billing this year?",
            42,
            "Our toolkit's telehealth section dates from last year. Has anyone seen the "
            "billing rules for audio-only visits change in their state? I will collect "
            "what you find before our next quarterly meeting.",
            [
                (
                    "editor@example.org",
                    "Ours now pays audio-only visits at the video rate until June. I will "
                    "add the notice to the toolkit.",
                ),
            ],
        ),
    ],
}
# The silent CoP has existed well before its last discussion (a CoP created within the last 30
# days is never silent), as a sustaining CoP of a program begun in 2024 has.
SILENT_SLUG = "rural-outreach"
SILENT_SINCE_DAYS = 400

# Action items: slug → (title, owner email, days from today it is due, status).
DEMO_ACTION_ITEMS = {
    # Four of the final guide's tasks overdue: more than the three the rule allows.
    "family-engagement": [
        ("Draft the guide's chapter on consent", "member@example.org", -12, ActionStatus.OPEN),
        (
            "Collect three family stories for the guide",
            "manager@example.org",
            -9,
            ActionStatus.IN_PROGRESS,
        ),
        (
            "Ask two family peer advocates to review the draft",
            FACILITATOR,
            -5,
            ActionStatus.OPEN,
        ),
        ("Choose where the guide lives after the program", FACILITATOR, -2, ActionStatus.OPEN),
    ],
}


def seed_health(data: DemoData) -> list[str]:
    people, cops = data.people, data.communities
    _date_silent_cop(cops[SILENT_SLUG])
    for slug, threads in DEMO_THREADS.items():
        for spec in threads:
            _seed_thread(cops[slug], spec, people)
    _seed_meeting(cops[NEW_MEETING["community"]], people[FACILITATOR])
    for slug, (title, marks) in DEMO_ATTENDANCE.items():
        meeting = Meeting.objects.get(community=cops[slug], title=title)
        _seed_attendance(meeting, marks, people)
    for slug, items in DEMO_ACTION_ITEMS.items():
        _seed_action_items(cops[slug], items, people)
    refresh_health()
    return _summary()


def _date_silent_cop(community: Community) -> None:
    since = timezone.now() - dt.timedelta(days=SILENT_SINCE_DAYS)
    # Only ever moved back, so a second run finds nothing to change.
    Community.objects.filter(pk=community.pk, created_at__gt=since).update(created_at=since)


def _seed_thread(community: Community, spec: tuple, people: dict) -> None:
    email, kind, title, days_ago, body, replies = spec
    started = timezone.now() - dt.timedelta(days=days_ago)
    # Written straight to the models, as communities' demo threads are: a seed emails nobody.
    thread, _created = Thread.objects.get_or_create(
        community=community,
        title=title,
        defaults={
            "kind": kind,
            "body": body,
            "body_html": render_markdown(body),
            "author": people[email],
            "created_at": started,
            "last_activity_at": started,
        },
    )
    ThreadFollow.objects.get_or_create(thread=thread, user=thread.author)
    for number, (reply_email, reply_body) in enumerate(replies, start=1):
        Post.objects.get_or_create(
            thread=thread,
            author=people[reply_email],
            body=reply_body,
            defaults={
                "body_html": render_markdown(reply_body),
                "created_at": thread.created_at + dt.timedelta(hours=5 * number),
            },
        )
    latest = thread.posts.order_by("-created_at").values_list("created_at", flat=True).first()
    Thread.objects.filter(pk=thread.pk).update(
        reply_count=thread.posts.count(), last_activity_at=latest or thread.created_at
    )


def _seed_meeting(community: Community, author) -> Meeting:
    spec = NEW_MEETING
    fields = {
        "start_date": timezone.localdate() - dt.timedelta(weeks=spec["weeks_ago"]),
        **{name: spec[name] for name in ("start_time", "duration", "time_zone", "format")},
        **{name: spec[name] for name in ("join_url", "recurrence", "repeat_count")},
        "created_by": author,
    }
    meeting, _created = Meeting.objects.update_or_create(
        community=community, title=spec["title"], defaults=fields
    )
    sync_reminders(meeting=meeting)
    return meeting


def _seed_attendance(meeting: Meeting, marks: dict[str, str], people: dict) -> None:
    """The same marks at every occurrence of the last 90 days that has begun; marks left from
    a run on an earlier day, whose series has moved since, go."""
    now = timezone.now()
    held = [
        o.original_start
        for o in occurrences_between(meeting, now - dt.timedelta(days=90), now)
        if o.start <= now and not o.cancelled
    ]
    Attendance.objects.filter(meeting=meeting).exclude(occurrence_start__in=held).delete()
    taken_by = people[FACILITATOR]
    for start in held:
        for email, status in marks.items():
            mark, created = Attendance.objects.get_or_create(
                meeting=meeting,
                occurrence_start=start,
                member=people[email],
                defaults={"status": status, "taken_by": taken_by},
            )
            if not created and mark.status != status:
                mark.status = status
                mark.save(update_fields=["status", "updated_at"])


def _seed_action_items(community: Community, items: list, people: dict) -> None:
    today = timezone.localdate()
    for title, email, due_in, status in items:
        ActionItem.objects.update_or_create(
            community=community,
            title=title,
            defaults={
                "owner": people[email],
                "due_date": today + dt.timedelta(days=due_in),
                "status": status,
                "created_by": people[FACILITATOR],
            },
        )


def _summary() -> list[str]:
    """Each open CoP of the demo program with its flag and why, as the dashboard says it."""
    rows = (
        CommunityHealth.objects.filter(community__program__slug=PROGRAM_SLUG)
        .select_related("community")
        .order_by("flag", "community__slug")
    )
    lines = ["Health flags (leader@example.org: home, then the program's dashboard):"]
    for health in rows:
        today = health.computed_at.astimezone(dt.UTC).date()
        reasons = " ".join(reasons_in_words(health, today)) or "No rule matched."
        lines.append(f"  {health.community.slug:<30} {health.get_flag_display()}: {reasons}")
    return lines
