"""Meetings of a CoP: a series with its recurrence, per-occurrence changes, RSVPs, feed tokens."""

from meetings.models.feed_token import FeedToken
from meetings.models.follow_up import (
    ActionItem,
    ActionStatus,
    Attendance,
    AttendanceStatus,
    OccurrenceRecord,
)
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
    "ActionItem",
    "ActionStatus",
    "AgendaItem",
    "Attendance",
    "AttendanceStatus",
    "FeedToken",
    "Goal",
    "GoalStatus",
    "Meeting",
    "MeetingFormat",
    "OccurrenceChange",
    "OccurrenceRecord",
    "Recurrence",
    "Rsvp",
    "RsvpResponse",
]
