"""The notification kinds meetings send, registered in `MeetingsConfig.ready()`."""

from django.utils.translation import gettext_lazy as _

from communities.notifications.kinds import NotificationKind

MEETINGS_KINDS = (
    # Two kinds, so each member chooses which reminders they want on the settings page they know.
    NotificationKind(
        "meeting_reminder",
        _("Meeting reminders, a day before"),
        _("A meeting you may attend is tomorrow."),
    ),
    NotificationKind(
        "meeting_reminder_hour",
        _("Meeting reminders, an hour before"),
        _("A meeting you may attend starts in an hour."),
    ),
    NotificationKind(
        "action_item_due", _("Action items due"), _("An action item you own is due soon.")
    ),
    # Meeting emails (issue 12, step 3), each with an .ics for calendar apps.
    NotificationKind(
        "meeting_scheduled",
        _("New meetings"),
        _("A facilitator schedules a meeting in your CoP (with a calendar invitation)."),
    ),
    NotificationKind(
        "meeting_changed",
        _("Meeting changes"),
        _("A meeting of your CoP is changed, moved or cancelled (with a calendar update)."),
    ),
    NotificationKind(
        "meeting_rsvp_nudge",
        _("Requests to answer"),
        _("A facilitator asks those who have not said whether they will come."),
    ),
    # Program convenings (issue 12, step 3), each with an .ics for calendar apps.
    NotificationKind(
        "convening_scheduled",
        _("New convenings"),
        _("A TTA leader calls a convening of your program's CoP leaders (with an invitation)."),
    ),
    NotificationKind(
        "convening_changed",
        _("Convening changes"),
        _("A convening you are invited to is changed or cancelled (with a calendar update)."),
    ),
)
