from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "meetings"

    def ready(self) -> None:
        # Meetings plug into communities' seams from here, so communities never names them.
        from communities.discussions.fanout import register_fan_out  # noqa: PLC0415
        from communities.notifications.kinds import register  # noqa: PLC0415
        from cop_platform.demo import register_demo_seeder  # noqa: PLC0415
        from cop_platform.scale import register_scale_seeder  # noqa: PLC0415
        from cop_platform.search import register_search_provider  # noqa: PLC0415
        from meetings.convening_mail import FAN_OUT_EVENT as CONVENING_EVENT  # noqa: PLC0415
        from meetings.convening_mail import FAN_OUT_LABEL as CONVENING_LABEL  # noqa: PLC0415
        from meetings.convening_mail import fan_out_convening_mail  # noqa: PLC0415
        from meetings.demo import (  # noqa: PLC0415
            seed_charter,
            seed_convening,
            seed_follow_up,
            seed_meetings,
        )
        from meetings.meeting_mail import (  # noqa: PLC0415
            FAN_OUT_EVENT,
            FAN_OUT_LABEL,
            fan_out_meeting_mail,
        )
        from meetings.navigation import register_meetings_navigation  # noqa: PLC0415
        from meetings.notification_kinds import MEETINGS_KINDS  # noqa: PLC0415
        from meetings.page_parts import register_meetings_page_parts  # noqa: PLC0415
        from meetings.scale import seed_meetings as seed_scale_meetings  # noqa: PLC0415
        from meetings.search import search_meetings  # noqa: PLC0415

        for kind in MEETINGS_KINDS:
            register(kind)
        register_meetings_navigation()
        # After communities' people, CoPs, discussions and pings (orders 10 to 40).
        register_demo_seeder("meetings.meetings", seed_meetings, order=100)
        register_demo_seeder("meetings.charter", seed_charter, order=101)
        # The program's leaders and facilitators, from communities' seeders.
        register_demo_seeder("meetings.convening", seed_convening, order=102)
        # Attendance, minutes and action items of the meetings just seeded; names a charter goal.
        register_demo_seeder("meetings.follow_up", seed_follow_up, order=120)
        # Where people meet meetings: site search, the CoP page, the home page.
        register_search_provider("meetings", search_meetings)
        register_meetings_page_parts()
        # Meeting emails go through communities' fan-out queue.
        register_fan_out(FAN_OUT_EVENT, fan_out_meeting_mail, label=FAN_OUT_LABEL)
        register_fan_out(CONVENING_EVENT, fan_out_convening_mail, label=CONVENING_LABEL)
        # Scale data after communities' people, CoPs, discussions, pings and notifications
        # (orders 10 to 50), whose CoPs and members it reads from `run.shared`.
        register_scale_seeder("meetings.meetings", seed_scale_meetings, order=60)
