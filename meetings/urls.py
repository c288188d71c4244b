from django.urls import path

from meetings.views import (
    action_items,
    attendance,
    calendar,
    charter,
    convenings,
    feeds,
    minutes,
    nudge,
    occurrences,
    pages,
    program_calendar,
)

app_name = "meetings"

OCCURRENCE = "cops/<slug:slug>/meetings/<int:pk>/<str:occurrence>"

urlpatterns = [
    path("cops/<slug:slug>/meetings/", pages.meeting_list, name="list"),
    path("cops/<slug:slug>/meetings/new/", pages.meeting_create, name="create"),
    path("cops/<slug:slug>/meetings/<int:pk>/", pages.meeting_detail, name="detail"),
    path("cops/<slug:slug>/meetings/<int:pk>/edit/", pages.meeting_edit, name="edit"),
    path(f"{OCCURRENCE}/rsvp/", occurrences.occurrence_rsvp, name="rsvp"),
    path(f"{OCCURRENCE}/cancel/", occurrences.occurrence_cancel, name="cancel"),
    path(f"{OCCURRENCE}/move/", occurrences.occurrence_move, name="move"),
    # Feeds by id and token, never by slug: a renamed CoP must not break subscriptions.
    path("meetings/calendar/", feeds.calendar, name="calendar"),
    path("meetings/calendar/new-links/", feeds.calendar_regenerate, name="calendar_regenerate"),
    path("meetings/feeds/cops/<int:pk>.ics", feeds.community_feed, name="community_feed"),
    path("meetings/feeds/<str:token>.ics", feeds.personal_feed, name="feed"),
]

# The charter and its goals (issue 12, step 2).
urlpatterns += [
    path("cops/<slug:slug>/charter/", charter.charter_detail, name="charter"),
    path("cops/<slug:slug>/charter/step/<int:step>/", charter.charter_step, name="charter_step"),
    path(
        "cops/<slug:slug>/charter/goals/<int:pk>/status/", charter.goal_status, name="goal_status"
    ),
    path("cops/<slug:slug>/charter/goals/<int:pk>/notes/", charter.goal_note, name="goal_note"),
]

# What follows a meeting (issue 12, step 2): attendance, notes and minutes, action items.
urlpatterns += [
    path(
        "cops/<slug:slug>/meetings/<int:pk>/attendance.csv",
        attendance.series_attendance_csv,
        name="series_attendance_csv",
    ),
    path(f"{OCCURRENCE}/", minutes.occurrence_detail, name="occurrence"),
    path(f"{OCCURRENCE}/attendance/", attendance.attendance_take, name="attendance"),
    path(f"{OCCURRENCE}/attendance.csv", attendance.attendance_csv, name="attendance_csv"),
    path(f"{OCCURRENCE}/minutes/", minutes.minutes_edit, name="minutes"),
    path("cops/<slug:slug>/actions/", action_items.action_list, name="actions"),
    path("cops/<slug:slug>/actions/new/", action_items.action_create, name="action_create"),
    path(
        "cops/<slug:slug>/actions/<int:pk>/status/",
        action_items.action_status,
        name="action_status",
    ),
    path("actions/mine/", action_items.my_actions, name="my_actions"),
    path(
        "cops/<slug:slug>/meetings/<int:pk>/agenda/<int:item_pk>/goal/",
        minutes.agenda_goal,
        name="agenda_goal",
    ),
]

# Where people meet meetings (issue 12, step 3): a CoP's meetings as a month.
urlpatterns += [
    path("cops/<slug:slug>/meetings/calendar/", calendar.series_calendar, name="series_calendar"),
]


# Reminding those who have not answered (issue 12, step 3), kept as one block for the merge.
urlpatterns += [path(f"{OCCURRENCE}/remind/", nudge.occurrence_nudge, name="nudge")]

# Program convenings (issue 12, step 3): the program's TTA leaders and its CoPs' facilitators.
urlpatterns += [
    path("programs/<slug:slug>/convenings/", convenings.convening_list, name="convenings"),
    path(
        "programs/<slug:slug>/convenings/new/",
        convenings.convening_create,
        name="convening_create",
    ),
    path(
        "programs/<slug:slug>/convenings/<int:pk>/",
        convenings.convening_detail,
        name="convening",
    ),
    path(
        "programs/<slug:slug>/convenings/<int:pk>/edit/",
        convenings.convening_edit,
        name="convening_edit",
    ),
    path(
        "programs/<slug:slug>/convenings/<int:pk>/cancel/",
        convenings.convening_cancel,
        name="convening_cancel",
    ),
    path(
        "programs/<slug:slug>/convenings/<int:pk>/rsvp/",
        convenings.convening_rsvp,
        name="convening_rsvp",
    ),
]

# A program's meetings (issue 12, step 3): its CoPs' meetings the viewer may see, and its
# convenings, as a month and as a list; its public feed by id, like a CoP's.
urlpatterns += [
    path(
        "programs/<slug:slug>/calendar/",
        program_calendar.program_calendar,
        name="program_calendar",
    ),
    path(
        "programs/<slug:slug>/meetings/",
        program_calendar.program_meeting_list,
        name="program_meetings",
    ),
    path(
        "meetings/feeds/programs/<int:pk>.ics",
        program_calendar.program_feed,
        name="program_feed",
    ),
]
