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
)
