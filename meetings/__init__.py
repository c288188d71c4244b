"""Charter, meetings, RSVP, attendance, action items, convenings and calendar feeds (SPEC §4).

Its capabilities arrive with their issue; the app is installed now so that the layout is fixed.
"""
