from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "meetings"

    def ready(self) -> None:
        # Meetings plug into communities' seams from here, so communities never names them.
        from communities.notifications.kinds import register  # noqa: PLC0415
        from meetings.navigation import register_meetings_navigation  # noqa: PLC0415
        from meetings.notification_kinds import MEETINGS_KINDS  # noqa: PLC0415

        for kind in MEETINGS_KINDS:
            register(kind)
        register_meetings_navigation()
