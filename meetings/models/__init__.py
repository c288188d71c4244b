"""Meetings of a CoP: a series with its recurrence, per-occurrence changes, RSVPs, feed tokens;
the charter and goals; what follows a meeting (attendance, minutes, action items)."""

from meetings.models.charter import (
    CHARTER_STEPS,
    Charter,
    CharterFormat,
    CharterRole,
    GoalNote,
)
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
from meetings.models.reminder import Reminder, ReminderOffset, ReminderStatus
from meetings.models.rsvp import Rsvp, RsvpResponse

__all__ = [
    "CHARTER_STEPS",
    "ActionItem",
    "ActionStatus",
    "AgendaItem",
    "Attendance",
    "AttendanceStatus",
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
    "OccurrenceRecord",
    "Recurrence",
    "Reminder",
    "ReminderOffset",
    "ReminderStatus",
    "Rsvp",
    "RsvpResponse",
]

# Meeting emails (issue 12, step 3).
from meetings.models.mail import MeetingMail, MeetingMailEvent

__all__ += ["MeetingMail", "MeetingMailEvent"]

# Program convenings (issue 12, step 3).
from meetings.models.convening import Convening  # noqa: E402

__all__ += ["Convening"]

# Convenings' answers and emails (issue 12, step 3).
from meetings.models.convening_rsvp import (  # noqa: E402
    ConveningMail,
    ConveningMailEvent,
    ConveningRsvp,
)

__all__ += ["ConveningMail", "ConveningMailEvent", "ConveningRsvp"]
