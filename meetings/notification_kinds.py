"""The notification kinds meetings send, registered in `MeetingsConfig.ready()`."""

from django.utils.translation import gettext_lazy as _

from communities.notifications.kinds import NotificationKind

MEETINGS_KINDS = (
    NotificationKind(
        "meeting_reminder", _("Meeting reminders"), _("A meeting you may attend is coming up.")
    ),
    NotificationKind(
        "action_item_due", _("Action items due"), _("An action item you own is due soon.")
    ),
)
