from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.utils.translation import gettext_lazy as _

from communities.models import NotificationPreference, Tag, User


class PersonCreationForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("email",)

    def save(self, commit=True):
        user = super().save(commit=False)
        user.handle = User.objects.unique_handle_for(user.email)
        if commit:
            user.save()
            self.save_m2m()
        return user


class PersonChangeForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


class NotificationPreferenceInline(admin.TabularInline):
    model = NotificationPreference
    extra = 0


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    add_form = PersonCreationForm
    form = PersonChangeForm
    ordering = ("email",)
    list_display = (
        "email",
        "name",
        "handle",
        "organisation",
        "is_tta_leader",
        "is_staff",
        "is_active",
    )
    list_filter = (
        "is_tta_leader",
        "is_staff",
        "is_superuser",
        "is_active",
    )
    search_fields = (
        "email",
        "name",
        "handle",
        "organisation",
    )
    filter_horizontal = (
        "expertise",
        "needs",
        "groups",
        "user_permissions",
    )
    inlines = (NotificationPreferenceInline,)
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (
            _("Profile"),
            {
                "fields": (
                    "name",
                    "handle",
                    "organisation",
                    "job_title",
                    "bio",
                    "timezone",
                    "expertise",
                    "needs",
                )
            },
        ),
        (
            _("Permissions"),
            {
                "fields": (
                    "is_active",
                    # SPEC §1: staff mark TTA leaders, who may then create programs.
                    "is_tta_leader",
                    "is_staff",
                    "is_superuser",
                    "groups",
                    "user_permissions",
                )
            },
        ),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("email", "usable_password", "password1", "password2"),
            },
        ),
    )


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = (
        "name",
        "slug",
    )
    search_fields = (
        "name",
        "slug",
    )
    prepopulated_fields = {"slug": ("name",)}  # noqa: RUF012 (Django reads it)


# Registered here so that the admin autodiscovery of `communities` finds them.
from communities.notifications import admin as notifications_admin  # noqa: E402, F401
