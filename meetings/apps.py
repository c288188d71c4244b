from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "meetings"

    def ready(self) -> None:
        # Meetings plug into communities' seams from here, so communities never names them.
        from communities.notifications.kinds import register  # noqa: PLC0415
        from cop_platform.demo import register_demo_seeder  # noqa: PLC0415
        from cop_platform.search import register_search_provider  # noqa: PLC0415
        from meetings.demo import seed_charter, seed_follow_up, seed_meetings  # noqa: PLC0415
        from meetings.navigation import register_meetings_navigation  # noqa: PLC0415
        from meetings.notification_kinds import MEETINGS_KINDS  # noqa: PLC0415
        from meetings.page_parts import register_meetings_page_parts  # noqa: PLC0415
        from meetings.search import search_meetings  # noqa: PLC0415

        for kind in MEETINGS_KINDS:
            register(kind)
        register_meetings_navigation()
        # After communities' people, CoPs, discussions and pings (orders 10 to 40).
        register_demo_seeder("meetings.meetings", seed_meetings, order=100)
        register_demo_seeder("meetings.charter", seed_charter, order=101)
        # Attendance, minutes and action items of the meetings just seeded; names a charter goal.
        register_demo_seeder("meetings.follow_up", seed_follow_up, order=120)
        # Where people meet meetings (issue 12, step 3): site search, the CoP page, the home page.
        register_search_provider("meetings", search_meetings)
        register_meetings_page_parts()

        # Meeting emails go through communities' fan-out queue (issue 12, step 3).
        from communities.discussions.fanout import register_fan_out  # noqa: PLC0415
        from meetings.meeting_mail import FAN_OUT_EVENT, fan_out_meeting_mail  # noqa: PLC0415

        register_fan_out(FAN_OUT_EVENT, fan_out_meeting_mail)
