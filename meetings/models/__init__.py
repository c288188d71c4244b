"""Meetings of a CoP: a series with its recurrence, per-occurrence changes, RSVPs, feed tokens."""

from meetings.models.feed_token import FeedToken
from meetings.models.goal import Goal, GoalStatus
from meetings.models.meeting import (
    AgendaItem,
    Meeting,
    MeetingFormat,
    OccurrenceChange,
    Recurrence,
)
from meetings.models.rsvp import Rsvp, RsvpResponse

__all__ = [
    "AgendaItem",
    "FeedToken",
    "Goal",
    "GoalStatus",
    "Meeting",
    "MeetingFormat",
    "OccurrenceChange",
    "Recurrence",
    "Rsvp",
    "RsvpResponse",
]

# The charter (issue 12, step 2).
from meetings.models.charter import (
    CHARTER_STEPS,
    Charter,
    CharterFormat,
    CharterRole,
    GoalNote,
)

__all__ += ["CHARTER_STEPS", "Charter", "CharterFormat", "CharterRole", "GoalNote"]
