from django.contrib import admin

from meetings.models import AgendaItem, Meeting, OccurrenceChange


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    extra = 0


class OccurrenceChangeInline(admin.TabularInline):
    model = OccurrenceChange
    extra = 0


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ("title", "community", "start_date", "start_time", "time_zone", "recurrence")
    list_select_related = ("community",)
    search_fields = ("title",)
    raw_id_fields = ("community", "created_by")
    inlines = (AgendaItemInline, OccurrenceChangeInline)
