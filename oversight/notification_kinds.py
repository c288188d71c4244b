"""The notification kinds oversight sends, registered in `OversightConfig.ready()`."""

from django.utils.translation import gettext_lazy as _

from communities.notifications.kinds import NotificationKind

OVERSIGHT_KINDS = (
    NotificationKind(
        "checkin_request",
        _("Check-in requests"),
        _("Your TTA provider asks for a status update on your CoP."),
    ),
    NotificationKind(
        "checkin_reminder",
        _("Check-in reminders"),
        _("A check-in with a CoP you support is due."),
    ),
    # Survey links are personal and needed to answer: they always go out at once.
    NotificationKind("evaluation_invitation", _("Evaluation surveys"), transactional=True),
    NotificationKind("evaluation_reminder", _("Evaluation reminders"), transactional=True),
)
