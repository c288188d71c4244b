from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CommunitiesConfig(AppConfig):
    name = "communities"
    verbose_name = "Communities and people"

    def ready(self) -> None:
        # Imported here: models are not ready when this module is imported. Later apps plug
        # into the same seams from their own ready(), so nothing here names them.
        from communities.demo import register_communities_demo  # noqa: PLC0415
        from communities.discussions.fan_out_queue import resume_fan_outs  # noqa: PLC0415
        from communities.discussions.page_parts import (  # noqa: PLC0415
            register_discussion_page_parts,
        )
        from communities.discussions.search import search_discussions  # noqa: PLC0415
        from communities.navigation import register_communities_navigation  # noqa: PLC0415
        from communities.notifications.digests import send_due_digests  # noqa: PLC0415
        from communities.notifications.outbox import sweep_outbox  # noqa: PLC0415
        from communities.notifications.schedule import register_due_finder  # noqa: PLC0415
        from communities.page_parts import register_communities_page_parts  # noqa: PLC0415
        from communities.scale import register_communities_scale  # noqa: PLC0415
        from communities.services.member_import import resume_stalled_imports  # noqa: PLC0415
        from communities.site import sync_site  # noqa: PLC0415
        from cop_platform.search import register_search_provider  # noqa: PLC0415

        # The Sites row allauth names the site by follows the settings at every migrate.
        post_migrate.connect(sync_site, sender=self, dispatch_uid="communities.sync_site")

        register_due_finder("outbox-sweeper", sweep_outbox)
        register_due_finder("digests", send_due_digests)
        register_due_finder("member-imports", resume_stalled_imports)
        register_due_finder("discussion-fan-outs", resume_fan_outs)
        register_search_provider("discussions", search_discussions)
        register_communities_demo()
        register_communities_scale()
        register_communities_navigation()
        register_discussion_page_parts()
        register_communities_page_parts()

        # Celery's autodiscovery finds `communities.tasks` only; the subpackages keep their own
        # tasks, imported here so a worker knows them by name before any message arrives.
        import communities.discussions.tasks  # noqa: PLC0415
        import communities.notifications.tasks  # noqa: F401, PLC0415
