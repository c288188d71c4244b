from django.contrib import admin

from meetings.models import (
    ActionItem,
    AgendaItem,
    Attendance,
    Charter,
    CharterRole,
    GoalNote,
    Meeting,
    MeetingMail,
    OccurrenceChange,
    OccurrenceRecord,
    Reminder,
)


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


# What follows a meeting (issue 12, step 2).


@admin.register(ActionItem)
class ActionItemAdmin(admin.ModelAdmin):
    list_display = ("title", "community", "owner", "due_date", "status")
    list_filter = ("status",)
    list_select_related = ("community", "owner")
    search_fields = ("title",)
    raw_id_fields = ("community", "owner", "goal", "meeting", "created_by")


@admin.register(Attendance)
class AttendanceAdmin(admin.ModelAdmin):
    list_display = ("meeting", "occurrence_start", "member", "status")
    list_select_related = ("meeting", "member")
    raw_id_fields = ("meeting", "member", "taken_by")


@admin.register(OccurrenceRecord)
class OccurrenceRecordAdmin(admin.ModelAdmin):
    list_display = ("meeting", "occurrence_start", "updated_at")
    list_select_related = ("meeting",)
    raw_id_fields = ("meeting", "updated_by")
    readonly_fields = ("notes_html", "minutes_html")


class ReadOnlyAdmin(admin.ModelAdmin):
    """Rows the app alone writes (reminders, meeting emails): staff read them, never edit."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


# Reminders (issue 12, step 3): written by meetings/reminders.py only.
@admin.register(Reminder)
class ReminderAdmin(ReadOnlyAdmin):
    list_display = ("meeting", "offset", "starts_at", "due_at", "status", "handled_at")
    list_filter = ("status", "offset")
    list_select_related = ("meeting",)
    date_hierarchy = "due_at"


# Meeting emails (issue 12, step 3): what members were told of a meeting, and when.
@admin.register(MeetingMail)
class MeetingMailAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "event", "meeting", "occurrence_start", "actor")
    list_filter = ("event",)
    list_select_related = ("meeting", "actor")
    raw_id_fields = ("meeting", "actor")
    readonly_fields = ("meeting", "event", "occurrence_start", "actor", "created_at")


# Program convenings (issue 12, step 3).
from meetings.models import Convening  # noqa: E402


@admin.register(Convening)
class ConveningAdmin(admin.ModelAdmin):
    list_display = ("title", "program", "start_date", "start_time", "time_zone", "cancelled_at")
    list_filter = ("program",)
    search_fields = ("title",)
    raw_id_fields = ("created_by",)


# Convenings' answers and emails (issue 12, step 3): written by the app; staff read them.
from meetings.models import ConveningMail, ConveningRsvp  # noqa: E402


@admin.register(ConveningRsvp)
class ConveningRsvpAdmin(ReadOnlyAdmin):
    list_display = ("convening", "member", "response", "updated_at")
    list_filter = ("response",)
    list_select_related = ("convening", "member")
    raw_id_fields = ("convening", "member")


@admin.register(ConveningMail)
class ConveningMailAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "event", "convening", "actor")
    list_filter = ("event",)
    list_select_related = ("convening", "actor")
    raw_id_fields = ("convening", "actor")
    readonly_fields = ("convening", "event", "actor", "created_at")
