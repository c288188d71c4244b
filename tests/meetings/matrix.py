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
