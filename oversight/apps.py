"""Check-ins, evaluations, TTA dashboards and handoff (SPEC §6).

Oversight reads every app; none imports it."""

from django.apps import AppConfig


class OversightConfig(AppConfig):
    name = "oversight"

    def ready(self) -> None:
        # Oversight plugs into communities' seams from here, so communities never names it.
        from communities.discussions.fanout import register_fan_out  # noqa: PLC0415
        from communities.notifications.kinds import register  # noqa: PLC0415
        from cop_platform.demo import register_demo_seeder  # noqa: PLC0415
        from cop_platform.scale import register_scale_seeder  # noqa: PLC0415
        from oversight.demo import seed_checkins  # noqa: PLC0415
        from oversight.evaluation_demo import seed_evaluations  # noqa: PLC0415
        from oversight.evaluation_reminders import (  # noqa: PLC0415
            FAN_OUT_EVENT,
            FAN_OUT_LABEL,
            fan_out_evaluation_reminder,
        )
        from oversight.evaluation_scale import (  # noqa: PLC0415
            seed_evaluations as seed_scale_evaluations,
        )
        from oversight.health_demo import seed_health as seed_demo_health  # noqa: PLC0415
        from oversight.health_scale import seed_health  # noqa: PLC0415
        from oversight.notification_kinds import OVERSIGHT_KINDS  # noqa: PLC0415
        from oversight.page_parts import register_oversight_page_parts  # noqa: PLC0415
        from oversight.scale import seed_checkins as seed_scale_checkins  # noqa: PLC0415

        for kind in OVERSIGHT_KINDS:
            register(kind)
        # Reminders to an evaluation's non-respondents go through communities' fan-out queue.
        register_fan_out(FAN_OUT_EVENT, fan_out_evaluation_reminder, label=FAN_OUT_LABEL)
        # The CoP page's check-in panel; home sections for status requests and check-ins due.
        register_oversight_page_parts()
        # After meetings' seeders (100 to 120): follow-ups are the CoPs' action items.
        register_demo_seeder("oversight.checkins", seed_checkins, order=130)
        register_demo_seeder("oversight.evaluations", seed_evaluations, order=135)
        # Last of all (the toolkit's take 200 and 210): the figures read what every seeder wrote.
        register_demo_seeder("oversight.health", seed_demo_health, order=300)
        # Scale data after communities' (10 to 50) and meetings' (60): it reads the CoPs.
        register_scale_seeder("oversight.checkins", seed_scale_checkins, order=70)
        # After the toolkit's (75): evaluations ask the CoPs' members seeded before.
        register_scale_seeder("oversight.evaluations", seed_scale_evaluations, order=80)
        # Last: the figures read everything the seeders before it wrote.
        register_scale_seeder("oversight.health", seed_health, order=95)
