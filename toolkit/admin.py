from django.contrib import admin

from toolkit.models import FeaturedResource, PromptThread, Resource, ResourceTally


@admin.register(Resource)
class ResourceAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "community", "program", "created_at", "retired_at")
    list_filter = ("kind",)
    search_fields = ("title", "description")
    raw_id_fields = ("community", "program", "author")
    filter_horizontal = ("tags",)
    readonly_fields = ("file", "file_name", "file_type", "file_size")


@admin.register(FeaturedResource)
class FeaturedResourceAdmin(admin.ModelAdmin):
    list_display = ("resource", "community", "featured_at")
    raw_id_fields = ("community", "resource", "featured_by")


@admin.register(ResourceTally)
class ResourceTallyAdmin(admin.ModelAdmin):
    list_display = ("resource", "community", "views", "downloads", "uses")
    raw_id_fields = ("community", "resource")


@admin.register(PromptThread)
class PromptThreadAdmin(admin.ModelAdmin):
    list_display = ("resource", "community", "thread")
    raw_id_fields = ("community", "resource", "thread")


# Knowledge capture and brokering register their own (kept apart to keep this module small).
from toolkit import knowledge_admin  # noqa: E402, F401
