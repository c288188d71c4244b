"""Charter, meetings, RSVP, attendance, action items, convenings and calendar feeds (SPEC §4).

Here so far (issue 12, step 1): meeting series with recurrence and per-occurrence changes, RSVPs,
and the iCalendar feeds. It plugs into communities' seams from `MeetingsConfig.ready()`.
"""
