"""Meetings of a CoP: a series with its recurrence, per-occurrence changes, RSVPs, feed tokens."""

from meetings.models.charter import CHARTER_STEPS, Charter, CharterFormat, CharterRole, GoalNote
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
    "CHARTER_STEPS",
    "AgendaItem",
    "Charter",
    "CharterFormat",
    "CharterRole",
    "FeedToken",
    "Goal",
    "GoalNote",
    "GoalStatus",
    "Meeting",
    "MeetingFormat",
    "OccurrenceChange",
    "Recurrence",
    "Rsvp",
    "RsvpResponse",
]
