from django.apps import AppConfig


class OversightConfig(AppConfig):
    name = "oversight"

    def ready(self) -> None:
        # Oversight plugs into communities' seams from here, so communities never names it.
        from communities.notifications.kinds import register  # noqa: PLC0415
        from oversight.notification_kinds import OVERSIGHT_KINDS  # noqa: PLC0415

        for kind in OVERSIGHT_KINDS:
            register(kind)
