"""Meetings' part of the permission matrix. The runner is `tests/test_permission_matrix.py`."""

import datetime as dt

from django.utils import timezone

from communities.models import Role
from meetings.models import Meeting, MeetingFormat, Recurrence
from meetings.recurrence import occurrences_between
from meetings.services import feed_token_of
from tests.matrix import MEMBER_PERSONAS, AppMatrix, Spec

EXCLUDED = {
    # Open to anyone for a public CoP, not found for a private one, whoever asks; by CoP id, not
    # slug, so this matrix's community scope cannot build it. Walked for every persona in
    # tests/meetings/test_feeds.py.
    "meetings:community_feed": "public CoP feed by id (tests/meetings/test_feeds.py)",
    # Open to anyone, holding only the program's public CoPs' meetings; by program id.
    "meetings:program_feed": "public program feed by id (tests/meetings/test_program_calendar.py)",
}

OCCURRENCE = {"pk": "meeting", "occurrence": "occurrence"}
URLS = {
    "meetings:list": Spec("meeting.view"),
    "meetings:create": Spec("meeting.schedule", ("GET", "POST")),
    "meetings:detail": Spec("meeting.view", target="meeting"),
    "meetings:edit": Spec("meeting.edit", ("GET", "POST"), target="meeting"),
    "meetings:rsvp": Spec("meeting.rsvp", ("POST",), data={"response": "yes"}, target=OCCURRENCE),
    "meetings:cancel": Spec("meeting.edit", ("GET", "POST"), target=OCCURRENCE),
    "meetings:move": Spec("meeting.edit", ("GET", "POST"), target=OCCURRENCE),
    # The viewer's own meetings and feed links: whoever is signed in sees only their own.
    "meetings:calendar": Spec(None, scope="site"),
    "meetings:calendar_regenerate": Spec(None, ("GET", "POST"), scope="site"),
    # The personal feed, opened by its token alone (tests/meetings/test_feeds.py has the rest).
    "meetings:feed": Spec(None, scope="token", login=False, target={"token": "feed_token"}),
}

ATTENDING = {"meeting.view", "meeting.rsvp"}
CAPABILITIES = dict.fromkeys(MEMBER_PERSONAS, ATTENDING) | {
    Role.FACILITATOR: ATTENDING | {"meeting.schedule", "meeting.edit", "meeting.see_responses"},
    "provider": {"meeting.view"},
    "program_leader": {"meeting.view"},
}


def build_targets(community, people) -> dict:
    """A weekly meeting in one CoP; the "member" persona's feed token."""
    starts = timezone.now() + dt.timedelta(days=3)
    meeting = Meeting.objects.create(
        community=community,
        title="Weekly check-in",
        start_date=starts.date(),
        start_time=dt.time(9),
        duration=dt.timedelta(hours=1),
        time_zone="America/Chicago",
        format=MeetingFormat.IN_PERSON,
        place="Room 4",
        recurrence=Recurrence.WEEKLY,
        repeat_count=10,
    )
    second = occurrences_between(meeting, starts, starts + dt.timedelta(days=30))[1]
    return {
        "meeting": meeting.pk,
        "occurrence": second.key,
        "feed_token": feed_token_of(user=people["member"]).token,
    }


MATRIX = AppMatrix(
    urls=URLS,
    excluded=EXCLUDED,
    capabilities=CAPABILITIES,
    public_to_signed_in={"meeting.view"},
    build_targets=build_targets,
)


# --- The charter and its goals (issue 12, step 2), laid over the meetings' entries above ------
import dataclasses  # noqa: E402

from meetings.models import Charter, Goal  # noqa: E402


def _build_charter_targets(community, people) -> dict:
    """A published charter with one goal; the charter's first step."""
    Charter.objects.create(
        community=community, potential="Learn together", published_at=timezone.now()
    )
    goal = Goal.objects.create(community=community, position=1, title="Grow", success_measure="Ten")
    return {"charter_goal": goal.pk, "charter_step": 1}


CHARTER_URLS = {
    "meetings:charter": Spec("charter.view"),
    "meetings:charter_step": Spec("charter.edit", ("GET", "POST"), target={"step": "charter_step"}),
    "meetings:goal_status": Spec(
        "charter.edit", ("POST",), data={"status": "in_progress"}, target="charter_goal"
    ),
    "meetings:goal_note": Spec(
        "charter.edit",
        ("POST",),
        data={"dated": "2025-01-02", "body": "Met"},
        target="charter_goal",
    ),
}


def _with_charter(matrix: AppMatrix) -> AppMatrix:
    """Whoever sees meetings reads the charter; facilitators edit it."""
    capabilities = {
        persona: {*held, "charter.view"} | ({"charter.edit"} if "meeting.edit" in held else set())
        for persona, held in matrix.capabilities.items()
    }
    build_meetings = matrix.build_targets
    return dataclasses.replace(
        matrix,
        urls={**matrix.urls, **CHARTER_URLS},
        capabilities=capabilities,
        public_to_signed_in={*matrix.public_to_signed_in, "charter.view"},
        build_targets=lambda community, people: (
            build_meetings(community, people) | _build_charter_targets(community, people)
        ),
    )


MATRIX = _with_charter(MATRIX)


# --- What follows a meeting (issue 12, step 2): attendance, minutes, action items -------------
# Kept as one block after MATRIX, so it merges beside other steps' entries.

from meetings.models import ActionItem, AgendaItem  # noqa: E402

PAST_OCCURRENCE = {"pk": "past_meeting", "occurrence": "past_occurrence"}
FOLLOW_UP_URLS = {
    "meetings:occurrence": Spec("meeting.view", target=OCCURRENCE),
    "meetings:attendance": Spec("meeting.take_attendance", ("GET", "POST"), target=PAST_OCCURRENCE),
    "meetings:attendance_csv": Spec("meeting.export_attendance", target=PAST_OCCURRENCE),
    "meetings:series_attendance_csv": Spec("meeting.export_attendance", target="past_meeting"),
    "meetings:minutes": Spec(
        "meeting.write_minutes", ("GET", "POST"), data={"minutes": "Agreed."}, target=OCCURRENCE
    ),
    "meetings:actions": Spec("action_item.view"),
    "meetings:action_create": Spec("action_item.create", ("GET", "POST")),
    # The target item is owned by the "member" persona, who may move its status.
    "meetings:action_status": Spec(
        "action_item.update_status", ("POST",), data={"status": "done"}, target="action_item"
    ),
    "meetings:my_actions": Spec(None, scope="site"),
    "meetings:agenda_goal": Spec(
        "meeting.edit",
        ("POST",),
        data={"goal": ""},
        target={"pk": "past_meeting", "item_pk": "agenda_item"},
    ),
}
FOLLOWING = {"action_item.view"}
FOLLOW_UP_CAPABILITIES = dict.fromkeys(MEMBER_PERSONAS, FOLLOWING) | {
    "member": FOLLOWING | {"action_item.update_status"},
    Role.FACILITATOR: FOLLOWING
    | {
        "meeting.take_attendance",
        "meeting.export_attendance",
        "meeting.write_minutes",
        "action_item.create",
        "action_item.update_status",
    },
    "provider": FOLLOWING,
    "program_leader": FOLLOWING,
}


def build_follow_up_targets(community, people) -> dict:
    """A weekly series that began three weeks ago (its first occurrence is over), and an
    action item owned by the "member" persona."""
    began = timezone.now() - dt.timedelta(days=21)
    meeting = Meeting.objects.create(
        community=community,
        title="Weekly review",
        start_date=began.date(),
        start_time=dt.time(9),
        duration=dt.timedelta(hours=1),
        time_zone="America/Chicago",
        format=MeetingFormat.IN_PERSON,
        place="Room 5",
        recurrence=Recurrence.WEEKLY,
        repeat_count=10,
    )
    first = occurrences_between(meeting, began - dt.timedelta(days=1), timezone.now())[0]
    item = ActionItem.objects.create(
        community=community, title="Send notes", owner=people["member"]
    )
    agenda_item = AgendaItem.objects.create(meeting=meeting, position=0, title="Goals")
    return {
        "past_meeting": meeting.pk,
        "past_occurrence": first.key,
        "action_item": item.pk,
        "agenda_item": agenda_item.pk,
    }


def _with_follow_up(matrix: AppMatrix) -> AppMatrix:
    def build(community, people) -> dict:
        return matrix.build_targets(community, people) | build_follow_up_targets(community, people)

    capabilities = {
        persona: set(matrix.capabilities.get(persona, ())) | held
        for persona, held in FOLLOW_UP_CAPABILITIES.items()
    }
    return dataclasses.replace(
        matrix,
        urls={**matrix.urls, **FOLLOW_UP_URLS},
        capabilities={**matrix.capabilities, **capabilities},
        public_to_signed_in={*matrix.public_to_signed_in, "action_item.view"},
        build_targets=build,
    )


MATRIX = _with_follow_up(MATRIX)


# --- Where people meet meetings (issue 12, step 3): a CoP's meetings as a month --------------
# Kept as one block after MATRIX, so it merges beside other steps' entries.
MATRIX = dataclasses.replace(
    MATRIX, urls={**MATRIX.urls, "meetings:series_calendar": Spec("meeting.view")}
)


# --- Meeting emails (issue 12, step 3): reminding those who have not answered, once ----------
# Kept as one block after MATRIX, so it merges beside other steps' entries.

MAIL_URLS = {"meetings:nudge": Spec("meeting.nudge", ("GET", "POST"), target=OCCURRENCE)}


def _with_mail(matrix: AppMatrix) -> AppMatrix:
    """Facilitators of a writable CoP remind; nobody else does."""
    capabilities = {
        persona: {*held} | ({"meeting.nudge"} if "meeting.edit" in held else set())
        for persona, held in matrix.capabilities.items()
    }
    return dataclasses.replace(matrix, urls={**matrix.urls, **MAIL_URLS}, capabilities=capabilities)


MATRIX = _with_mail(MATRIX)


# --- Program convenings (issue 12, step 3) ------------------------------------------------------
# Kept as one block after MATRIX, so it merges beside other steps' entries. The world's program
# invites its TTA leader and the facilitators of its CoPs; anyone else finds nothing there.

from meetings.models import Convening  # noqa: E402

CONVENING_URLS = {
    "meetings:convenings": Spec("convening.view", scope="program", seen_with="convening.view"),
    "meetings:convening": Spec(
        "convening.view", scope="program", seen_with="convening.view", target="convening"
    ),
    "meetings:convening_create": Spec(
        "convening.schedule", ("GET", "POST"), scope="program", seen_with="convening.view"
    ),
    "meetings:convening_edit": Spec(
        "convening.schedule",
        ("GET", "POST"),
        scope="program",
        seen_with="convening.view",
        target="convening",
    ),
    # Cancelling is the TTA leaders' (after a confirmation page); answering is every invitee's.
    "meetings:convening_cancel": Spec(
        "convening.schedule",
        ("GET", "POST"),
        scope="program",
        seen_with="convening.view",
        target="convening",
    ),
    "meetings:convening_rsvp": Spec(
        "convening.view",
        ("POST",),
        scope="program",
        seen_with="convening.view",
        data={"response": "yes"},
        target="convening",
    ),
    # A program's meetings: open to anyone signed in, each seeing only the CoPs' meetings they
    # may see (tests/meetings/test_program_calendar.py shows who sees what).
    "meetings:program_calendar": Spec(None, scope="program"),
    "meetings:program_meetings": Spec(None, scope="program"),
}
CONVENING_CAPABILITIES = {
    Role.FACILITATOR: {"convening.view"},
    "program_leader": {"convening.view", "convening.schedule"},
}


def _build_convening_targets(community, people) -> dict:
    """A convening of the CoP's program (one per CoP of the world; the public CoP's is used)."""
    convening = Convening.objects.create(
        program=community.program,
        title="Facilitators' round",
        start_date=(timezone.now() + dt.timedelta(days=10)).date(),
        start_time=dt.time(15),
        duration=dt.timedelta(hours=1),
        time_zone="America/New_York",
        format=MeetingFormat.VIRTUAL,
        join_url="https://meet.example.org/round",
    )
    return {"convening": convening.pk}


def _with_convenings(matrix: AppMatrix) -> AppMatrix:
    build_before = matrix.build_targets
    return dataclasses.replace(
        matrix,
        urls={**matrix.urls, **CONVENING_URLS},
        program_capabilities=CONVENING_CAPABILITIES,
        build_targets=lambda community, people: (
            build_before(community, people) | _build_convening_targets(community, people)
        ),
    )


MATRIX = _with_convenings(MATRIX)
