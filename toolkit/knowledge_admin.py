"""Knowledge entries, program sharing choices and brokered items in the admin (imported by
toolkit/admin.py)."""

from django.contrib import admin

from communities.discussions.markdown import render_markdown
from toolkit.models import KnowledgeEntry, ProgramSharing, SharedItem


@admin.register(KnowledgeEntry)
class KnowledgeEntryAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "community", "published_at")
    list_filter = ("kind",)
    search_fields = ("title", "body")
    raw_id_fields = ("community", "author", "published_by")
    filter_horizontal = ("tags",)

    def save_model(self, request, obj, form, change):
        # What pages show is the sanitised rendering: an edit here must not leave it stale.
        obj.body_html = render_markdown(obj.body)
        super().save_model(request, obj, form, change)


@admin.register(ProgramSharing)
class ProgramSharingAdmin(admin.ModelAdmin):
    list_display = ("community", "chosen_at")
    raw_id_fields = ("community", "chosen_by")


@admin.register(SharedItem)
class SharedItemAdmin(admin.ModelAdmin):
    list_display = ("__str__", "source", "community", "shared_at")
    raw_id_fields = ("community", "source", "resource", "thread", "broker")
