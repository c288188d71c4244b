from django.urls import path

from communities import views

app_name = "communities"

urlpatterns = [
    path("people/<str:handle>/", views.profile_detail, name="profile"),
    path("people/<str:handle>/edit/", views.profile_edit, name="profile_edit"),
    path(
        "people/<str:handle>/notifications/",
        views.notification_settings,
        name="notification_settings",
    ),
    path("people/<str:handle>/delete/", views.account_delete, name="account_delete"),
]
