from django.contrib import admin

from oversight.models import (
    CheckIn,
    CheckInMail,
    CheckInPlan,
    Evaluation,
    StatusUpdate,
    SurveyQuestion,
    SurveyTemplate,
)


@admin.register(CheckInPlan)
class CheckInPlanAdmin(admin.ModelAdmin):
    list_display = ("community", "cadence_days", "started_on", "next_due_on")
    list_select_related = ("community",)
    search_fields = ("community__name",)
    raw_id_fields = ("community", "program")


@admin.register(CheckIn)
class CheckInAdmin(admin.ModelAdmin):
    list_display = ("community", "held_on", "status", "recorded_by")
    list_filter = ("status",)
    list_select_related = ("community", "recorded_by")
    search_fields = ("community__name",)
    raw_id_fields = ("community", "recorded_by", "follow_ups")
    date_hierarchy = "held_on"


@admin.register(StatusUpdate)
class StatusUpdateAdmin(admin.ModelAdmin):
    list_display = ("community", "due_on", "status", "author", "updated_at")
    list_filter = ("status",)
    list_select_related = ("community", "author")
    raw_id_fields = ("community", "author")


@admin.register(CheckInMail)
class CheckInMailAdmin(admin.ModelAdmin):
    """What the beat sent, skipped or has still to send, for staff looking into "I got nothing"."""

    list_display = ("community", "recipient", "kind", "due_on", "due_at", "status", "handled_at")
    list_filter = ("kind", "status")
    list_select_related = ("community", "recipient")
    search_fields = ("community__name", "recipient__email")
    raw_id_fields = ("community", "recipient")


class SurveyQuestionInline(admin.TabularInline):
    model = SurveyQuestion
    extra = 0


@admin.register(SurveyTemplate)
class SurveyTemplateAdmin(admin.ModelAdmin):
    list_display = ("name", "community", "program", "is_default")
    list_select_related = ("community", "program")
    search_fields = ("name",)
    raw_id_fields = ("community", "program")
    inlines = (SurveyQuestionInline,)


@admin.register(Evaluation)
class EvaluationAdmin(admin.ModelAdmin):
    """Evaluations only: responses, answers and who responded have no admin page at all, so
    staff can never put a name beside an anonymous answer."""

    list_display = ("title", "community", "opens_on", "closes_on", "anonymous", "invited_at")
    list_filter = ("anonymous",)
    list_select_related = ("community",)
    search_fields = ("title", "community__name")
    raw_id_fields = ("community", "program", "questions_from", "created_by")
