"""Resources, uploads, knowledge capture and brokering (SPEC §5)."""

from django.apps import AppConfig


class ToolkitConfig(AppConfig):
    name = "toolkit"

    def ready(self) -> None:
        # The toolkit plugs into communities' seams from here, so communities never names it.
        from django.db.models.signals import post_delete  # noqa: PLC0415

        from cop_platform.demo import register_demo_seeder  # noqa: PLC0415
        from cop_platform.scale import register_scale_seeder  # noqa: PLC0415
        from cop_platform.search import register_search_provider  # noqa: PLC0415
        from toolkit.demo import seed_toolkit  # noqa: PLC0415
        from toolkit.knowledge_demo import seed_knowledge  # noqa: PLC0415
        from toolkit.knowledge_scale import seed_knowledge as seed_scale_knowledge  # noqa: PLC0415
        from toolkit.models import Resource  # noqa: PLC0415
        from toolkit.page_parts import register_toolkit_page_parts  # noqa: PLC0415
        from toolkit.scale import seed_toolkit as seed_scale_toolkit  # noqa: PLC0415
        from toolkit.search import search_toolkit  # noqa: PLC0415
        from toolkit.services import drop_file_of_deleted  # noqa: PLC0415

        # After communities' people, CoPs and discussions (orders 10 to 40) and meetings (100+).
        register_demo_seeder("toolkit.resources", seed_toolkit, order=200)
        # After the resources: the broker shares one of them.
        register_demo_seeder("toolkit.knowledge", seed_knowledge, order=210)
        register_toolkit_page_parts()
        register_search_provider("toolkit", search_toolkit)
        # A deleted CoP or program takes its resources' files with it, not only their rows.
        post_delete.connect(drop_file_of_deleted, sender=Resource, dispatch_uid="toolkit.files")
        # Scale data after communities' (orders 10 to 50) and meetings' (60): it reads the
        # programs, CoPs, members and threads they leave in `run.shared`.
        register_scale_seeder("toolkit.resources", seed_scale_toolkit, order=70)
        # Knowledge entries, and brokered shares of the resources just seeded.
        register_scale_seeder("toolkit.knowledge", seed_scale_knowledge, order=75)
