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


# The charter and its goals (issue 12, step 2).
from meetings.models import Charter, CharterRole, GoalNote  # noqa: E402


class CharterRoleInline(admin.TabularInline):
    model = CharterRole
    extra = 0
    raw_id_fields = ("holder",)


@admin.register(Charter)
class CharterAdmin(admin.ModelAdmin):
    list_display = ("community", "published_at", "step_reached", "updated_at")
    list_select_related = ("community",)
    raw_id_fields = ("community", "updated_by")
    inlines = (CharterRoleInline,)


@admin.register(GoalNote)
class GoalNoteAdmin(admin.ModelAdmin):
    list_display = ("goal", "dated", "author")
    list_select_related = ("goal", "author")
    raw_id_fields = ("goal", "author")
