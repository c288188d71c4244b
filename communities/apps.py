from django.apps import AppConfig


class CommunitiesConfig(AppConfig):
    name = "communities"
    verbose_name = "Communities and people"

    def ready(self) -> None:
        # Imported here: models are not ready when this module is imported.
        from communities.notifications.digests import send_due_digests  # noqa: PLC0415
        from communities.notifications.outbox import sweep_outbox  # noqa: PLC0415
        from communities.notifications.schedule import register_due_finder  # noqa: PLC0415

        register_due_finder("outbox-sweeper", sweep_outbox)
        register_due_finder("digests", send_due_digests)

        from communities.discussions.search import search_discussions  # noqa: PLC0415
        from cop_platform.search import register_search_provider  # noqa: PLC0415

        register_search_provider("discussions", search_discussions)
