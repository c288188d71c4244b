from django.urls import path

from communities import views
from communities.notifications import views as notification_views

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
    path("notifications/", notification_views.notification_list, name="notifications"),
    path(
        "notifications/<int:pk>/open/",
        notification_views.notification_open,
        name="notification_open",
    ),
    path(
        "notifications/read/",
        notification_views.notifications_mark_read,
        name="notifications_mark_read",
    ),
    path(
        "notifications/unsubscribe/<str:token>/",
        notification_views.unsubscribe_view,
        name="unsubscribe",
    ),
]
