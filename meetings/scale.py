"""Meetings' part of the scale data (`manage.py seed_scale`), registered in
`MeetingsConfig.ready()` after communities' seeders: meeting series with their agendas and
changed occurrences, RSVPs, attendance and minutes, charters with goals and notes, action items
and feed tokens.

Most CoPs hold one to three series (weekly, every two weeks, monthly; some single meetings, some
ended, some open-ended) in the zones their members live in. Each series is expanded here with the
app's own rule (`meetings.recurrence.rule_of`), so every RSVP, attendance row, record and action
item names an occurrence the series really has. Answers go to the last two and next two
occurrences; attendance and minutes to the last dozen past ones.
"""

import datetime as dt
import json
from dataclasses import dataclass, field

from communities.scale.communities import ScaleCommunity
from cop_platform.scale import ScaleRun, next_id
from cop_platform.scale_text import VOCABULARY, markdown_and_html
from meetings.models import Meeting, MeetingFormat, Recurrence
from meetings.recurrence import UTC, rule_of

# A CoP in this many holds no meeting series (a new CoP, or one that meets elsewhere).
WITHOUT_MEETINGS = 0.12
SERIES_PER_COP = ((1, 50), (2, 35), (3, 15))
RECURRENCES = (
    (Recurrence.WEEKLY, 30),
    (Recurrence.BIWEEKLY, 25),
    (Recurrence.MONTHLY_DATE, 12),
    (Recurrence.MONTHLY_WEEKDAY, 18),
    (Recurrence.NONE, 15),
)
ZONES = (
    ("America/New_York", 30),
    ("America/Chicago", 25),
    ("America/Denver", 10),
    ("America/Los_Angeles", 20),
    ("America/Phoenix", 4),
    ("Pacific/Honolulu", 2),
    ("Europe/London", 5),
    ("Europe/Berlin", 4),
)
FORMATS = (
    (MeetingFormat.VIRTUAL, 50),
    (MeetingFormat.IN_PERSON, 20),
    (MeetingFormat.CALL, 10),
    (MeetingFormat.HYBRID, 20),
)
DURATIONS = (dt.timedelta(minutes=45), dt.timedelta(hours=1), dt.timedelta(minutes=90))
# How a recurring series ends: a date (some already past), a count, or not at all (two years).
ENDS = (("until", 30), ("count", 20), ("open", 50))
# Occurrences answered before and after today, and past ones with attendance and minutes.
ANSWERED_PAST, ANSWERED_NEXT = 2, 2
RECORDED_PAST = 12
# Who answers an occurrence: a share of the members, at most a room's worth.
ANSWER_SHARE = (0.15, 0.45)
MOST_ANSWERS = 60
ATTENDANCE = (("present", 70), ("absent", 18), ("excused", 12))
RSVPS = (("yes", 60), ("no", 20), ("maybe", 20))
CHARTER_SHARE = 0.5
# An action item of the last two meetings is mostly still open; an older one mostly done, and
# the few older ones still open are the overdue ones.
RECENT_ACTIONS = 2
RECENT_ACTION_STATUSES = (("open", 45), ("in_progress", 30), ("done", 20), ("dropped", 5))
OLDER_ACTION_STATUSES = (("done", 78), ("dropped", 10), ("open", 7), ("in_progress", 5))
FEED_TOKEN_SHARE = 0.15


@dataclass
class ScaleMeeting:
    """What the later tables need of a series: its row and the starts it gives, in UTC."""

    meeting: Meeting
    cop: ScaleCommunity
    past: list[dt.datetime] = field(default_factory=list)
    coming: list[dt.datetime] = field(default_factory=list)


def _pick(rng, weighted):
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights=weights)[0]


def seed_meetings(run: ScaleRun) -> None:
    series = _seed_series(run)
    _seed_agendas_and_changes(run, series)
    _seed_answers(run, series)
    _seed_attendance_and_records(run, series)
    goals = _seed_charters(run)
    _seed_action_items(run, series, goals)
    _seed_feed_tokens(run)
    run.shared["meetings"] = series


def _plan_meeting(run: ScaleRun, cop: ScaleCommunity, pk: int) -> Meeting:
    rng, today = run.rng, run.now.date()
    recurrence = _pick(rng, RECURRENCES)
    meeting = Meeting(
        pk=pk,
        community_id=cop.id,
        title=VOCABULARY.title(rng)[:200],
        time_zone=_pick(rng, ZONES),
        start_time=dt.time(rng.choice((8, 9, 10, 12, 13, 14, 15, 16)), rng.choice((0, 0, 30))),
        duration=rng.choice(DURATIONS),
        format=_pick(rng, FORMATS),
        recurrence=recurrence,
    )
    if recurrence == Recurrence.NONE:
        meeting.start_date = today + dt.timedelta(days=rng.randint(-60, 60))
        return meeting
    meeting.start_date = today - dt.timedelta(days=rng.randint(7, 400))
    end = _pick(rng, ENDS)
    if end == "until":
        # Half of these ended already, half end within the year.
        meeting.repeat_until = today + dt.timedelta(days=rng.randint(-120, 300))
        meeting.repeat_until = max(meeting.repeat_until, meeting.start_date)
    elif end == "count":
        meeting.repeat_count = rng.randint(6, 40)
    return meeting


def _seed_series(run: ScaleRun) -> list[ScaleMeeting]:
    rng = run.rng
    pk = next_id("meetings_meeting")
    series = []
    for cop in run.shared["communities"]:
        if rng.random() < WITHOUT_MEETINGS:
            continue
        for _ in range(_pick(rng, SERIES_PER_COP)):
            meeting = _plan_meeting(run, cop, pk)
            pk += 1
            rule = rule_of(meeting)
            local_now = run.now.astimezone(meeting.zone)
            # Occurrences from a year back to a year on are all any page or table here needs.
            starts = [
                start.astimezone(UTC)
                for start in rule.between(local_now - dt.timedelta(days=400), local_now, inc=True)
            ]
            coming = []
            for start in rule.xafter(local_now, count=ANSWERED_NEXT + 3):
                coming.append(start.astimezone(UTC))
            series.append(ScaleMeeting(meeting, cop, starts[-RECORDED_PAST:], coming))

    def rows():
        for plan in series:
            m = plan.meeting
            place = "" if m.format == MeetingFormat.VIRTUAL else f"Room {rng.randint(1, 40)}"
            join = (
                "" if m.format == MeetingFormat.IN_PERSON else f"https://meet.example.org/m{m.pk}"
            )
            created = run.now - dt.timedelta(days=rng.randint(1, 30))
            created = min(created, dt.datetime.combine(m.start_date, dt.time(), tzinfo=UTC))
            yield (
                m.pk, m.community_id, m.title, VOCABULARY.sentence(rng, rng.randint(10, 40)) + ".",
                m.start_date, m.start_time, m.duration, m.time_zone, m.format, place, join,
                m.recurrence, m.repeat_until, m.repeat_count, rng.randint(0, 3),
                plan.cop.facilitator, created, created,
            )  # fmt: skip

    run.copy(
        "meetings_meeting",
        [
            "id",
            "community_id",
            "title",
            "description",
            "start_date",
            "start_time",
            "duration",
            "time_zone",
            "format",
            "place",
            "join_url",
            "recurrence",
            "repeat_until",
            "repeat_count",
            "sequence",
            "created_by_id",
            "created_at",
            "updated_at",
        ],
        rows(),
    )
    return series


def _seed_agendas_and_changes(run: ScaleRun, series: list[ScaleMeeting]) -> None:
    rng = run.rng
    agenda = []
    changes = []
    for plan in series:
        for position in range(rng.randint(3, 6)):
            agenda.append((plan.meeting.pk, position, VOCABULARY.title(rng)[:300]))
        # A few occurrences near today cancelled or moved a day later; never the next one,
        # whose answers the bench's pages show.
        candidates = plan.past[-4:] + plan.coming[ANSWERED_NEXT:]
        for original in rng.sample(candidates, min(len(candidates), rng.choice((0, 0, 1, 2)))):
            if rng.random() < 0.5:
                changes.append((plan.meeting.pk, original, True, None, None, run.now))
            else:
                moved = original + dt.timedelta(days=1, hours=rng.choice((-2, 0, 1)))
                end = moved + plan.meeting.duration
                changes.append((plan.meeting.pk, original, False, moved, end, run.now))
    run.copy("meetings_agendaitem", ("meeting_id", "position", "title"), agenda)
    run.copy(
        "meetings_occurrencechange",
        ("meeting_id", "original_start", "cancelled", "new_start", "new_end", "changed_at"),
        changes,
    )


def _sample_members(rng, members: list[int]) -> list[int]:
    share = rng.uniform(*ANSWER_SHARE)
    wanted = min(MOST_ANSWERS, max(1, round(len(members) * share)))
    return rng.sample(members, min(wanted, len(members)))


def _seed_answers(run: ScaleRun, series: list[ScaleMeeting]) -> None:
    rng = run.rng

    def rows():
        for plan in series:
            for start in plan.past[-ANSWERED_PAST:] + plan.coming[:ANSWERED_NEXT]:
                answered = min(start, run.now) - dt.timedelta(hours=rng.randint(2, 240))
                for person in _sample_members(rng, plan.cop.members):
                    yield (plan.meeting.pk, start, person, _pick(rng, RSVPS), answered)

    run.copy(
        "meetings_rsvp",
        ("meeting_id", "occurrence_start", "member_id", "response", "updated_at"),
        rows(),
    )


def _seed_attendance_and_records(run: ScaleRun, series: list[ScaleMeeting]) -> None:
    rng = run.rng
    records = []

    def attendance():
        for plan in series:
            facilitator = plan.cop.facilitator
            for start in plan.past:
                taken = start + plan.meeting.duration + dt.timedelta(hours=1)
                for person in _sample_members(rng, plan.cop.members):
                    yield (
                        plan.meeting.pk,
                        start,
                        person,
                        _pick(rng, ATTENDANCE),
                        facilitator,
                        taken,
                    )
                if rng.random() < 0.8:
                    minutes, minutes_html = markdown_and_html(
                        VOCABULARY.paragraphs(rng, rng.randint(60, 300))
                    )
                    notes, notes_html = (
                        markdown_and_html(VOCABULARY.paragraphs(rng, rng.randint(10, 60)))
                        if rng.random() < 0.4
                        else ("", "")
                    )
                    records.append(
                        (plan.meeting.pk, start, notes, notes_html, minutes, minutes_html,
                         facilitator, taken)
                    )  # fmt: skip

    run.copy(
        "meetings_attendance",
        ("meeting_id", "occurrence_start", "member_id", "status", "taken_by_id", "updated_at"),
        attendance(),
    )
    run.copy(
        "meetings_occurrencerecord",
        [
            "meeting_id",
            "occurrence_start",
            "notes",
            "notes_html",
            "minutes",
            "minutes_html",
            "updated_by_id",
            "updated_at",
        ],
        records,
    )


def _seed_charters(run: ScaleRun) -> dict[int, list[int]]:
    """A published charter (three goals, a few progress notes, two roles) for half the CoPs;
    returns each such CoP's goal ids."""
    rng = run.rng
    charter_pk = next_id("meetings_charter")
    goal_pk = next_id("meetings_goal")
    charters, roles, goals, notes = [], [], [], []
    goals_of: dict[int, list[int]] = {}
    for cop in run.shared["communities"]:
        if rng.random() >= CHARTER_SHARE:
            continue
        written = run.now - dt.timedelta(days=rng.randint(30, 500))
        text = [VOCABULARY.sentence(rng, rng.randint(15, 60)) + "." for _ in range(6)]
        charters.append(
            (charter_pk, cop.id, text[0], json.dumps(["check_ins", "problem_solving"]), text[1],
             "Every two weeks", "One hour", "virtual", text[2], text[3], text[4], text[5],
             9, written, cop.facilitator, written, written)
        )  # fmt: skip
        for position, holder in enumerate((cop.facilitator, rng.choice(cop.members)), 1):
            roles.append(
                (charter_pk, position, ("Facilitator", "Note taker")[position - 1], holder)
            )
        charter_pk += 1
        goals_of[cop.id] = []
        for position in (1, 2, 3):
            status = rng.choice(("not_started", "in_progress", "in_progress", "achieved"))
            goals.append(
                (goal_pk, cop.id, position, VOCABULARY.title(rng)[:300],
                 VOCABULARY.sentence(rng, 20) + ".", status, cop.facilitator, written, written)
            )  # fmt: skip
            for _ in range(rng.randint(0, 3)):
                dated = (written + dt.timedelta(days=rng.randint(1, 29))).date()
                note = VOCABULARY.sentence(rng, rng.randint(8, 30)) + "."
                notes.append((goal_pk, dated, note, cop.facilitator, written))
            goals_of[cop.id].append(goal_pk)
            goal_pk += 1
    run.copy(
        "meetings_charter",
        [
            "id",
            "community_id",
            "potential",
            "formats",
            "format_description",
            "meeting_frequency",
            "meeting_length",
            "meeting_format",
            "schedule",
            "meeting_structure",
            "commitment",
            "resources",
            "step_reached",
            "published_at",
            "updated_by_id",
            "created_at",
            "updated_at",
        ],
        charters,
    )
    run.copy("meetings_charterrole", ("charter_id", "position", "name", "holder_id"), roles)
    run.copy(
        "meetings_goal",
        [
            "id",
            "community_id",
            "position",
            "title",
            "success_measure",
            "status",
            "created_by_id",
            "created_at",
            "updated_at",
        ],
        goals,
    )
    run.copy("meetings_goalnote", ("goal_id", "dated", "body", "author_id", "created_at"), notes)
    return goals_of


def _seed_action_items(
    run: ScaleRun, series: list[ScaleMeeting], goals_of: dict[int, list[int]]
) -> None:
    """One to three items from each past occurrence, owned by members of the CoP."""
    rng = run.rng

    def rows():
        for plan in series:
            cop = plan.cop
            for age, start in enumerate(reversed(plan.past)):
                statuses = RECENT_ACTION_STATUSES if age < RECENT_ACTIONS else OLDER_ACTION_STATUSES
                for _ in range(rng.randint(1, 3)):
                    status = _pick(rng, statuses)
                    due = start.date() + dt.timedelta(days=rng.randint(7, 45))
                    completed = None
                    if status == "done":
                        completed = min(run.now, start + dt.timedelta(days=rng.randint(1, 30)))
                    goals = goals_of.get(cop.id)
                    goal = rng.choice(goals) if goals and rng.random() < 0.4 else None
                    created = start + plan.meeting.duration
                    yield (
                        cop.id, VOCABULARY.title(rng)[:300], rng.choice(cop.members),
                        due if rng.random() < 0.9 else None, status, goal, plan.meeting.pk, start,
                        cop.facilitator, created, max(created, completed or created), completed,
                    )  # fmt: skip

    run.copy(
        "meetings_actionitem",
        [
            "community_id",
            "title",
            "owner_id",
            "due_date",
            "status",
            "goal_id",
            "meeting_id",
            "occurrence_start",
            "created_by_id",
            "created_at",
            "updated_at",
            "completed_at",
        ],
        rows(),
    )


def _seed_feed_tokens(run: ScaleRun) -> None:
    rng = run.rng
    people = run.shared["people"]
    # Made from the run's random source, so the same seed gives the same tokens (bench data).
    run.copy(
        "meetings_feedtoken",
        ("user_id", "token", "created_at"),
        (
            (person, f"scale{person}-{rng.getrandbits(128):032x}", run.now)
            for person in people
            if rng.random() < FEED_TOKEN_SHARE
        ),
    )
